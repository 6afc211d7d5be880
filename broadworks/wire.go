package broadworks

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
)

// MaxCommands is the most commands one OCI-P document (one [Client.Do]) may
// carry.
const MaxCommands = 15

// decodeAnswer decodes a response document (see ocip.DecodeDocument;
// textual: it is already Unicode text whatever it declares) into its
// session id and one Response per command, an ErrorResponse as an [*Error]
// naming the command of cmds it answers.
func decodeAnswer(data []byte, textual bool, cmds []Command) (sessionID string, _ []Response, _ error) {
	decode := ocip.DecodeDocument
	if textual {
		decode = ocip.DecodeDocumentText
	}
	sid, resps, err := decode(data)
	if err != nil {
		return "", nil, err
	}
	for i, r := range resps {
		if e, ok := r.(*ocip.ErrorResponse); ok {
			be := &Error{Type: e.Type, Code: e.Code, Summary: e.Summary, SummaryEnglish: e.SummaryEnglish, Detail: e.Detail}
			if i < len(cmds) && cmds[i] != nil {
				be.Command = cmds[i].OCIType()
			}
			resps[i] = be
		}
	}
	return sid, resps, nil
}

// errTooLarge is returned for a response over the size limit.
var errTooLarge = errors.New("response too large")

var docClose = []byte("BroadsoftDocument>")

// readDocument reads one document from a stream: everything up to and
// including the closing BroadsoftDocument tag, leading whitespace (the
// newline after the previous document) dropped. buf is reused. An answer
// that is not an OCI-P document (an HTTP or TLS answer, anything whose
// first element is not a BroadsoftDocument) is a *notOCIP error as soon as
// its first bytes show it, without waiting for more. A read that times out
// before the first byte is a *noAnswer error.
func readDocument(br *bufio.Reader, buf []byte, limit int) ([]byte, error) {
	buf = buf[:0]
	// The first byte that is not whitespace tells an answer that cannot be
	// OCI-P (an SMTP banner, a TLS alert) before any '>' comes, if ever.
	for first := true; ; first = false {
		b, err := br.Peek(1)
		if err != nil {
			if first && isTimeout(err) {
				return nil, &noAnswer{err: err}
			}
			return nil, err
		}
		if c := b[0]; c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			_, _ = br.Discard(1)
			continue
		}
		if c := b[0]; c != '<' && c != 0xEF { // 0xEF: a byte order mark
			head, _ := br.Peek(min(max(br.Buffered(), 1), 40))
			_, bad := checkStart(head)
			return nil, bad
		}
		break
	}
	checked := false
	for {
		chunk, err := br.ReadSlice('>')
		if len(buf)+len(chunk) > limit {
			return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
		}
		if len(buf) == 0 {
			chunk = bytes.TrimLeft(chunk, " \t\r\n")
		}
		buf = append(buf, chunk...)
		if !checked && len(buf) > 0 {
			done, bad := checkStart(buf)
			if bad != nil {
				return nil, bad
			}
			checked = done
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(buf) > 0:
			return nil, io.ErrUnexpectedEOF
		case err != nil:
			return nil, err
		}
		if isDocClose(buf) {
			return buf, nil
		}
	}
}

// noAnswer is a read that timed out before the server sent a single byte
// of its answer: a silent server, as opposed to a slow answer cut short.
type noAnswer struct{ err error }

func (e *noAnswer) Error() string { return e.err.Error() }
func (e *noAnswer) Unwrap() error { return e.err }

// isTimeout reports whether err is a deadline that passed.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// notOCIP is an answer that is not an OCI-P document: the server on the
// other end speaks another protocol (HTTP, TLS) or is not a BroadWorks
// server. Head holds its first bytes.
type notOCIP struct {
	kind string // "HTTP", "TLS" or ""
	head []byte
}

func (e *notOCIP) Error() string {
	switch e.kind {
	case "HTTP":
		line, _, _ := bytes.Cut(e.head, []byte("\n"))
		return fmt.Sprintf("an HTTP server answered (%q), not OCI-P", bytes.TrimSpace(line))
	case "TLS":
		return "a TLS record came back, not OCI-P"
	}
	return fmt.Sprintf("the answer is not an OCI-P document (it starts %q)", e.head)
}

// checkStart looks at the beginning of an answer: done when its first
// element has been seen and is a BroadsoftDocument, bad when the answer
// cannot be one. It skips a byte order mark, the XML declaration,
// processing instructions, comments and a document type declaration.
func checkStart(b []byte) (done bool, bad error) {
	notOCIPError := func() error {
		head := b[:min(len(b), 40)]
		switch {
		case bytes.HasPrefix(b, []byte("HTTP/")):
			return &notOCIP{kind: "HTTP", head: head}
		case len(b) >= 2 && (b[0] == 0x15 || b[0] == 0x16) && b[1] == 0x03:
			return &notOCIP{kind: "TLS", head: head}
		}
		return &notOCIP{head: head}
	}
	rest := bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if len(rest) == 0 {
			return false, nil
		}
		if rest[0] != '<' {
			return false, notOCIPError()
		}
		var end []byte
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			end = []byte("?>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(rest, []byte("<!")):
			end = []byte(">")
		default:
			name := rest[1:]
			i := bytes.IndexAny(name, " \t\r\n/>")
			if i < 0 {
				return false, nil // the name goes on in the next chunk
			}
			name = name[:i]
			if c := bytes.LastIndexByte(name, ':'); c >= 0 {
				name = name[c+1:]
			}
			if string(name) != "BroadsoftDocument" {
				return false, notOCIPError()
			}
			return true, nil
		}
		i := bytes.Index(rest, end)
		if i < 0 {
			return false, nil
		}
		rest = rest[i+len(end):]
	}
}

// isDocClose reports whether b ends with </BroadsoftDocument> or
// </prefix:BroadsoftDocument>.
func isDocClose(b []byte) bool {
	if !bytes.HasSuffix(b, docClose) {
		return false
	}
	head := b[:len(b)-len(docClose)]
	if bytes.HasSuffix(head, []byte("</")) {
		return true
	}
	if len(head) == 0 || head[len(head)-1] != ':' {
		return false
	}
	i := bytes.LastIndex(head, []byte("</"))
	if i < 0 {
		return false
	}
	prefix := head[i+2 : len(head)-1]
	return len(prefix) > 0 && xmlchar.ValidName(string(prefix))
}

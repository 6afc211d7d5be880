package broadworkstest

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
)

func (s *Server) accept(ln net.Listener, secure bool) {
	defer s.wg.Done()
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		select {
		case <-s.done:
			s.mu.Unlock()
			_ = c.Close()
			return
		default:
		}
		s.nextConn++
		id := s.nextConn
		s.conns[id] = c
		s.stats.Connections++
		s.wg.Add(1)
		s.mu.Unlock()
		go s.serveConn(c, id, secure)
	}
}

func (s *Server) serveConn(c net.Conn, id uint64, secure bool) {
	defer s.wg.Done()
	defer func() {
		_ = c.Close()
		s.mu.Lock()
		delete(s.conns, id)
		for sid, ss := range s.sessions {
			if ss.connID == id {
				delete(s.sessions, sid) // the connection's sessions end with it
			}
		}
		s.mu.Unlock()
	}()
	if tc, ok := c.(*tls.Conn); ok {
		_ = tc.SetDeadline(time.Now().Add(10 * time.Second))
		if err := tc.Handshake(); err != nil {
			return
		}
		_ = tc.SetDeadline(time.Time{})
	}
	br := bufio.NewReader(c)
	var st docState
	for {
		if !startsDocument(br) {
			return // an HTTP request, a TLS handshake on the plain port: no OCI-P to read
		}
		doc, err := readDocInto(br, st.in, maxRequest)
		if err != nil {
			return
		}
		st.in = doc
		resp, drop, _ := s.handleWith(&st, doc, reqInfo{secure: secure, connID: id})
		if drop {
			return
		}
		st.resp = append(resp, '\n')
		if _, err := c.Write(st.resp); err != nil {
			return
		}
		st.trim()
	}
}

// startsDocument waits for the next document and reports whether it can be
// one: its first byte past whitespace is '<' (or a byte order mark). What
// cannot be is not read to its end (it has none): the connection is
// closed, as a server that cannot parse its input does.
func startsDocument(br *bufio.Reader) bool {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return false
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.Discard(1)
		case '<', 0xEF:
			return true
		default:
			return false
		}
	}
}

// docState is what a stream connection reuses from one document to the
// next: the request buffer, the parser's buffers and names, the answer
// being written and its encoded form. Nothing of one document is used
// after its answer is written.
type docState struct {
	in   []byte
	p    treeParser
	o    out
	resp []byte
	adds []addRequest // the document's adds, read during its latency
	ptrs []*addRequest
}

// addPointers returns room for n adds and n pointers to them, all nil.
func (st *docState) addPointers(n int) []*addRequest {
	if len(st.adds) < n {
		st.adds, st.ptrs = make([]addRequest, n), make([]*addRequest, n)
	}
	p := st.ptrs[:n]
	clear(p)
	return p
}

// maxKeptBuffer bounds the request and answer buffers a connection keeps.
const maxKeptBuffer = 1 << 20

func (st *docState) trim() {
	if cap(st.in) > maxKeptBuffer {
		st.in = nil
	}
	if cap(st.resp) > maxKeptBuffer {
		st.resp = nil
	}
	if st.o.b.Cap() > maxKeptBuffer {
		st.o = out{}
	}
}

// reqInfo says where a document came from.
type reqInfo struct {
	secure  bool
	connID  uint64 // stream connection, 0 for SOAP
	textual bool   // SOAP: the document is already Unicode text
	cookie  string // SOAP: the JSESSIONID cookie sent
}

// handle answers one document. drop asks the caller to close the
// connection without answering; setCookie (SOAP) is a new session cookie.
func (s *Server) handle(data []byte, info reqInfo) (resp []byte, drop bool, setCookie string) {
	var st docState
	return s.handleWith(&st, data, info)
}

// handleWith is handle with st's buffers; resp is valid until st's next
// document.
func (s *Server) handleWith(st *docState, data []byte, info reqInfo) (resp []byte, drop bool, setCookie string) {
	arrived := time.Now() // the latency counts from here: parsing is part of it
	root, err := st.parse(data, info.textual)
	var sessionID string
	var cmds []*node
	if err == nil {
		if root.name != "BroadsoftDocument" {
			err = errors.New("root element is not BroadsoftDocument")
		} else if p, _ := root.attr("protocol"); p != "OCI" {
			err = errors.New(`protocol must be "OCI"`)
		}
	}
	if err == nil {
		if sid := root.kid("sessionId"); sid != nil {
			sessionID = strings.TrimSpace(sid.text)
		}
		cmds = root.all("command")
		switch {
		case sessionID == "":
			err = errors.New("sessionId is missing")
		case len(cmds) < 1 || len(cmds) > 15:
			err = errors.New("a document holds 1 to 15 commands")
		}
	}

	// The faults the commands take, decided before anything is carried out.
	var hits []*fault.Fault
	var dropped *fault.Fault
	latency := s.faults.Latency()
	if err == nil {
		hits = make([]*fault.Fault, len(cmds))
		for i, c := range cmds {
			f, ok := s.faults.TakeFunc(matcher(c))
			if !ok {
				continue
			}
			hits[i] = &f
			latency += f.Latency
			if f.Drop && dropped == nil {
				dropped = &f
			}
		}
	}
	// What depends on the request alone is read while the latency runs.
	var adds []*addRequest
	for i, c := range cmds {
		if err == nil && c.typ == "GroupCallCenterAddInstanceRequest22" && (hits[i] == nil || hits[i].Status == 0) {
			if adds == nil {
				adds = st.addPointers(len(cmds))
			}
			adds[i] = &st.adds[i]
			readAddInto(adds[i], c)
		}
	}
	s.mu.Lock()
	s.stats.Documents++
	latency += s.cmdDelay * time.Duration(len(cmds))
	s.stats.Delay += latency
	s.mu.Unlock()
	if !s.faults.Wait(s.done, latency-time.Since(arrived)) {
		return nil, true, ""
	}

	o := &st.o
	o.b.Reset()
	o.raw(`<?xml version="1.0" encoding="`)
	if s.utf8 {
		o.raw("UTF-8")
	} else {
		o.raw("ISO-8859-1")
	}
	o.raw(`"?>` + "\n" + `<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	o.raw(`<sessionId xmlns="">`)
	_ = xml.EscapeText(&o.b, []byte(sessionID))
	o.raw(`</sessionId>`)

	s.mu.Lock()
	if err != nil {
		errorResponse(o, CodeSchema, "OCI-P document rejected: "+err.Error())
	} else {
		s.stats.Commands += len(cmds)
		for _, c := range cmds {
			s.perType[c.typ]++
		}
		if dropped != nil {
			s.stats.Drops++
			s.faults.Count(func(st *fault.Stats) { st.Dropped++ })
			if dropped.AfterHandling {
				var discard out
				for i, c := range cmds {
					s.command(&discard, c, pre(adds, i), sessionID, info)
				}
			}
			s.mu.Unlock()
			return nil, true, ""
		}
		for i, c := range cmds {
			if f := hits[i]; f != nil && f.Status != 0 {
				s.faults.Count(func(st *fault.Stats) { st.Statuses++ })
				errorResponse(o, 0, injectedSummary(f))
				continue
			}
			if ck := s.command(o, c, pre(adds, i), sessionID, info); ck != "" {
				setCookie = ck
			}
		}
	}
	s.mu.Unlock()
	clear(st.adds) // keep nothing of this document's requests
	o.raw(`</BroadsoftDocument>`)
	st.resp = appendText(st.resp[:0], o.b.Bytes(), !s.utf8 && !info.textual)
	return st.resp, false, setCookie
}

// pre returns the i-th add read in advance, or nil.
func pre(adds []*addRequest, i int) *addRequest {
	if adds == nil {
		return nil
	}
	return adds[i]
}

// matcher matches the faults that hit command c: Path is the command type
// ("" for any command but login and logout), ServiceUserID its
// serviceUserId when set. Method is not used.
func matcher(c *node) func(*fault.Fault) bool {
	uid := ""
	if k := c.kid("serviceUserId"); k != nil {
		uid = strings.TrimSpace(k.text)
	}
	return func(f *fault.Fault) bool {
		if f.Path == "" && loginTypes[c.typ] || f.Path != "" && f.Path != c.typ {
			return false
		}
		return f.ServiceUserID == "" || f.ServiceUserID == uid
	}
}

// injectedSummary is the summary of the ErrorResponse of a Status fault.
func injectedSummary(f *fault.Fault) string {
	if f.Message != "" {
		return f.Message
	}
	code := 4000
	if f.Status >= 1000 {
		code = f.Status
	}
	return fmt.Sprintf("[Error %d] Injected failure", code)
}

var loginTypes = map[string]bool{"AuthenticationRequest": true, "LoginRequest14sp4": true, "LoginRequest22V5": true, "LogoutRequest": true}

func newToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// serveSOAP answers processOCIMessage.
func (s *Server) serveSOAP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(ct), "text/xml") {
		soapFault(w, "soapenv:Client", "Content-Type must be text/xml, not "+ct)
		return
	}
	if _, ok := r.Header["Soapaction"]; !ok {
		soapFault(w, "soapenv:Client", "SOAPAction header missing")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequest*6))
	if err != nil {
		return
	}
	doc, err := soapArgument(body)
	if err != nil {
		soapFault(w, "soapenv:Client", err.Error())
		return
	}
	cookie := ""
	if c, err := r.Cookie("JSESSIONID"); err == nil {
		cookie = c.Value
	}
	resp, drop, setCookie := s.handle([]byte(doc), reqInfo{secure: r.TLS != nil, textual: true, cookie: cookie})
	if drop {
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				_ = c.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	if setCookie != "" {
		http.SetCookie(w, &http.Cookie{Name: "JSESSIONID", Value: setCookie, Path: "/", HttpOnly: true})
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><processOCIMessageResponse xmlns=""><ns1:processOCIMessageReturn xmlns:ns1="urn:com:broadsoft:webservice">`)
	_ = xml.EscapeText(&b, resp)
	b.WriteString(`</ns1:processOCIMessageReturn></processOCIMessageResponse></soapenv:Body></soapenv:Envelope>`)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	_, _ = w.Write(b.Bytes())
}

// soapArgument returns the text of the single argument of
// processOCIMessage.
func soapArgument(body []byte) (string, error) {
	root, err := parseTree(body, false)
	if err != nil {
		return "", errors.New("malformed SOAP request: " + err.Error())
	}
	if root.name != "Envelope" {
		return "", errors.New("SOAP request root is not Envelope")
	}
	b := root.kid("Body")
	if b == nil {
		return "", errors.New("SOAP request without Body")
	}
	call := b.kid("processOCIMessage")
	if call == nil || len(call.kids) != 1 {
		return "", errors.New("SOAP request is not processOCIMessage with one argument")
	}
	return call.kids[0].text, nil
}

func soapFault(w http.ResponseWriter, code, msg string) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>`)
	_ = xml.EscapeText(&b, []byte(code))
	b.WriteString(`</faultcode><faultstring>`)
	_ = xml.EscapeText(&b, []byte(msg))
	b.WriteString(`</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(b.Bytes())
}

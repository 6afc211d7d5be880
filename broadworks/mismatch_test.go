package broadworks_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
)

// rawServer accepts connections on 127.0.0.1 and hands each to serve.
func rawServer(t *testing.T, serve func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { defer c.Close(); serve(c) })
		}
	})
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return ln.Addr().String()
}

// readRequest reads what the client sends first (one OCI-P document).
func readRequest(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(c)
	var doc []byte
	for !strings.Contains(string(doc), "</BroadsoftDocument>") {
		chunk, err := br.ReadBytes('>')
		doc = append(doc, chunk...)
		if err != nil {
			return
		}
	}
}

// TestProtocolMismatchIsSystemic: a server that answers the login with
// something that is not OCI-P (HTTP, garbage, a TLS record, a document of
// another kind) or closes the connection without answering fails the call
// at once (no timeout), with a *ConnError "login" that matches
// ErrCannotConnect and ErrSystemic like a refused connection, and a hint;
// where the fix is another transport, the hint names the option.
func TestProtocolMismatchIsSystemic(t *testing.T) {
	srv := newServer(t)
	httpSrv := httptest.NewServer(http.NotFoundHandler())
	defer httpSrv.Close()
	httpsSrv := httptest.NewTLSServer(http.NotFoundHandler())
	defer httpsSrv.Close()
	for _, tc := range []struct {
		name      string
		addr      string
		opts      []broadworks.Option
		hint, fix string
	}{
		{"plain OCI-P to an HTTP port", strings.TrimPrefix(httpSrv.URL, "http://"), []broadworks.Option{broadworks.WithTransport(broadworks.TCP)},
			"an HTTP server answered", "WithTransport(broadworks.SOAP)"},
		{"TLS to an HTTPS port", strings.TrimPrefix(httpsSrv.URL, "https://"), []broadworks.Option{broadworks.WithTLSConfig(&tls.Config{InsecureSkipVerify: true})},
			"an HTTP server answered", "WithTransport(broadworks.SOAP)"},
		{"plain OCI-P to the TLS port", srv.TLSAddr(), []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}, "", ""},
		{"EOF at login", rawServer(t, readRequest), []broadworks.Option{broadworks.WithTransport(broadworks.TCP)},
			"closed the connection without an OCI-P answer", ""},
		{"garbage, connection held open", rawServer(t, func(c net.Conn) {
			readRequest(c)
			_, _ = io.WriteString(c, "220 smtp.example.com ESMTP ready\r\n")
			_, _ = io.Copy(io.Discard, c) // held open until the client leaves
		}), []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}, "does not speak OCI-P", ""},
		{"a TLS alert to plain OCI-P", rawServer(t, func(c net.Conn) {
			readRequest(c)
			_, _ = c.Write([]byte{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46})
			_, _ = io.Copy(io.Discard, c) // held open until the client leaves
		}), []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}, "the port answers TLS", "WithTransport(broadworks.TLS)"},
		{"XML of another kind", rawServer(t, func(c net.Conn) {
			readRequest(c)
			_, _ = io.WriteString(c, `<?xml version="1.0"?><html><body>hello</body></html>`)
			_, _ = io.Copy(io.Discard, c) // held open until the client leaves
		}), []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}, "does not speak OCI-P", ""},
		{"SOAP to the OCI-P port", "unused", []broadworks.Option{broadworks.WithSOAPURL("http://" + srv.TCPAddr() + broadworkstest.SOAPPath), broadworks.WithRetry(-1, 0, 0)},
			"no SOAP answer", ""},
		{"SOAP to a URL without the service", "unused", []broadworks.Option{broadworks.WithSOAPURL(httpSrv.URL + "/nothing/here"), broadworks.WithRetry(-1, 0, 0)},
			"no SOAP service at this URL", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustClient(t, tc.addr, broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				append(tc.opts, broadworks.WithTimeout(2*time.Second))...)
			start := time.Now()
			_, err := c.GetCallCenter(context.Background(), "x@example.com")
			elapsed := time.Since(start)
			var ce *broadworks.ConnError
			if !errors.Is(err, broadworks.ErrCannotConnect) || !errors.Is(err, broadworks.ErrSystemic) || errors.Is(err, broadworks.ErrOutcomeUnknown) ||
				!errors.As(err, &ce) || ce.Op != "login" && ce.Op != "TLS handshake" {
				t.Fatalf("err = %v, want a systemic protocol mismatch", err)
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("the call waited for its timeout: %v", err)
			}
			if !strings.Contains(ce.Hint, tc.hint) || ce.Fix != tc.fix || tc.fix != "" && !strings.Contains(err.Error(), "use "+tc.fix) {
				t.Errorf("hint %q, fix %q (%v); want %q, %q", ce.Hint, ce.Fix, err, tc.hint, tc.fix)
			}
			t.Logf("%v: %v", elapsed.Round(time.Millisecond), err)
		})
	}
	if n := srv.Stats().Documents; n != 0 {
		t.Errorf("%d documents reached the fake", n)
	}
}

// TestTransportNameInHints: WithTransportName lets a program name the
// transport its own way in hints (bulk-csv: its -transport flag).
func TestTransportNameInHints(t *testing.T) {
	srv := newServer(t)
	c := mustClient(t, srv.TCPAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithTLSConfig(srv.ClientTLSConfig()),
		broadworks.WithTransportName(func(t broadworks.Transport) string { return "-transport " + strings.ToLower(t.String()) }))
	_, err := c.GetCallCenter(context.Background(), "x@example.com")
	var ce *broadworks.ConnError
	if !errors.As(err, &ce) || ce.Fix != "-transport tcp" || ce.Suggest != broadworks.TCP ||
		!strings.Contains(err.Error(), "use -transport tcp") || strings.Contains(err.Error(), "WithTransport(") {
		t.Errorf("err = %v", err)
	}
}

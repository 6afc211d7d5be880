package broadworks_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/fault"
)

// TestDocumentsLogged: a logger enabled for LevelDocument gets every
// document sent and received (the login's, the commands'), redacted of the
// login password, the signed password, the session id and the call
// center's password, each on one line; a logger at Debug gets none.
func TestDocumentsLogged(t *testing.T) {
	const password = "Login-Pässwörd-1"
	srv := newServer(t, broadworkstest.WithUser("doc-admin@example.com", password))
	for _, mode := range []string{"TLS", "TCP", "SOAP-HTTPS"} {
		for _, level := range []slog.Level{broadworks.LevelDocument, slog.LevelDebug} {
			var buf bytes.Buffer
			log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: level}))
			c := newClient(t, srv, mode, "doc-admin@example.com", password, broadworks.WithLogger(log))
			cc := basic("doclog-" + strings.ToLower(mode) + "-" + level.String() + "@example.com")
			cc.Profile.Password = "Call-Center-Secret-7"
			if err := c.AddCallCenter(context.Background(), cc); err != nil {
				t.Fatal(err)
			}
			c.Close()
			out := buf.String()
			docs := strings.Count(out, `msg="broadworks: document"`)
			if level == slog.LevelDebug {
				if docs != 0 {
					t.Errorf("%s at Debug: %d documents logged", mode, docs)
				}
				continue
			}
			// login (two exchanges over TCP), add, logout: sent and received each.
			want := 6
			if mode == "TCP" {
				want = 8
			}
			if docs != want || !strings.Contains(out, "direction=sent") || !strings.Contains(out, "direction=received") ||
				!strings.Contains(out, "GroupCallCenterAddInstanceRequest22") || !strings.Contains(out, "SuccessResponse") {
				t.Errorf("%s: %d documents logged, want %d:\n%s", mode, docs, want, out)
			}
			for _, secret := range []string{password, "Call-Center-Secret-7", "P&#228;ssw"} {
				if strings.Contains(out, secret) {
					t.Errorf("%s: the log holds %q:\n%s", mode, secret, out)
				}
			}
			if n := strings.Count(out, "</sessionId>"); n != docs || strings.Count(out, "[REDACTED]</sessionId>") != n ||
				strings.Count(out, "</signedPassword>") != strings.Count(out, "[REDACTED]</signedPassword>") {
				t.Errorf("%s: a signed password or session id is shown:\n%s", mode, out)
			}
			if strings.Count(out, "\n") != strings.Count(out, "level=") {
				t.Errorf("%s: a record spans lines:\n%s", mode, out)
			}
		}
	}
}

// TestDocumentsLoggedInLatin1: OCI-P servers answer in ISO-8859-1. A server
// that quotes a call center's password back in such an answer (Pässwörd as
// the bytes P\xe4ssw\xf6rd) shows it in no document record, not even with
// its letters outside ASCII turned into U+FFFD (P�ssw�rd, what replacing
// the invalid UTF-8 would leave), and the rest of the document reads as the
// characters it means (Zürich, not Z�rich).
func TestDocumentsLoggedInLatin1(t *testing.T) {
	srv := newServer(t)
	for _, mode := range []string{"TLS", "TCP", "SOAP-HTTPS"} {
		var buf bytes.Buffer
		log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: broadworks.LevelDocument}))
		c := newClient(t, srv, mode, broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithLogger(log))
		cc := basic("latin1-" + strings.ToLower(mode) + "@example.com")
		cc.Profile.Password = "Pässwörd-Zürich-ÿ"
		srv.Inject(fault.Fault{ServiceUserID: cc.ServiceUserID, Status: 4000,
			Message: "[Error 4000] in Zürich the password Pässwörd-Zürich-ÿ is refused"})
		err := c.AddCallCenter(context.Background(), cc)
		c.Close()
		if err == nil || !strings.Contains(err.Error(), "[REDACTED]") {
			t.Fatalf("%s: err %v: the echo did not come back", mode, err)
		}
		out := buf.String()
		for _, shown := range []string{"Pässwörd", "P\xe4ssw\xf6rd", "P\uFFFDssw\uFFFDrd", "P\\xe4ssw"} {
			if strings.Contains(out, shown) {
				t.Errorf("%s: the log shows the password as %q:\n%s", mode, shown, out)
			}
		}
		if !strings.Contains(out, "in Zürich the password [REDACTED] is refused") {
			t.Errorf("%s: the answer is not logged as the characters it means:\n%s", mode, out)
		}
	}
}

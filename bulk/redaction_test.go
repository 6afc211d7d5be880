package bulk_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// echoRow is one row of the redaction property test: a call center whose
// password is drawn from a class of characters, and the form in which the
// server quotes that password back when it refuses the row.
type echoRow struct {
	cc    callcenter.CallCenter
	class string
	form  hostiletest.SecretForm
	echo  string // the password as the server quotes it
	// quote is what a fake is told to quote: the echo, or for a form of
	// bytes (ISO-8859-1) the plain password, which the OCI-P fake writes
	// in ISO-8859-1 itself.
	quote string
}

func echoRows(perClass int) []echoRow {
	rnd := rand.New(rand.NewPCG(23, 2))
	var rows []echoRow
	for _, pc := range hostiletest.PasswordClasses {
		for range perClass {
			pw := pc.Draw(rnd)
			for _, f := range hostiletest.EncodedForms {
				i := len(rows)
				cc := callcenter.CallCenter{ServiceProviderID: "SP", GroupID: fmt.Sprintf("g%04d", i),
					ServiceUserID: fmt.Sprintf("echo%04d@example.com", i),
					Profile:       callcenter.Profile{Name: "Echo", Password: callcenter.Secret(pw)}}
				quote := f.Encode(pw)
				if f.Bytes() {
					quote = pw
				}
				rows = append(rows, echoRow{cc: cc, class: pc.Name, form: f, echo: f.Encode(pw), quote: quote})
			}
		}
	}
	return rows
}

// lockedBuffer is a log destination safe for concurrent writers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestRedactionPropertyEndToEnd: passwords drawn from every class of
// characters go out in a bulk run; the server refuses each row quoting its
// password in one of the forms an encoder or a server uses (the wire form
// P&#228;ssw&#246;rd among them). Whatever the form, on every transport of
// broadworks and on apio, the password shows in none of the places a
// server's words or our wire bytes reach: the row's error (its text and
// %+v), its Response, the results file, the client's debug log, and the
// ShowWire output of a dry run. The debug log holds the OCI-P documents
// (LevelDocument), which the OCI-P fake writes in ISO-8859-1, as real
// servers do. The counts are logged for RELIABILITY.md.
func TestRedactionPropertyEndToEnd(t *testing.T) {
	const perClass = 3
	rows := echoRows(perClass)
	data := make([]callcenter.CallCenter, len(rows))
	for i, r := range rows {
		data[i] = r.cc
	}
	type target struct {
		name  string
		setup func(t *testing.T, log *slog.Logger) bulk.Target
	}
	bw := func(mode string) target {
		return target{"broadworks " + mode, func(t *testing.T, log *slog.Logger) bulk.Target {
			srv := broadworkstest.NewServer()
			t.Cleanup(srv.Close)
			for _, r := range rows {
				srv.Inject(fault.Fault{ServiceUserID: r.cc.ServiceUserID, Status: 4000,
					Message: "[Error 4000] invalid password " + r.quote + " (the request had " + r.quote + ")"})
			}
			opts := []broadworks.Option{broadworks.WithLogger(log), broadworks.WithSessions(4), broadworks.WithTLSConfig(srv.ClientTLSConfig())}
			addr := srv.TLSAddr()
			switch mode {
			case "TCP":
				addr, opts = srv.TCPAddr(), append(opts, broadworks.WithTransport(broadworks.TCP))
			case "SOAP":
				opts = append(opts, broadworks.WithSOAPURL(srv.SOAPTLSURL()))
			}
			c := must(broadworks.NewClient(addr, broadworkstest.DefaultUser, broadworkstest.DefaultPassword, opts...))
			t.Cleanup(func() { c.Close() })
			return c
		}}
	}
	targets := []target{bw("TLS"), bw("TCP"), bw("SOAP"), {"apio", func(t *testing.T, log *slog.Logger) bulk.Target {
		srv := apiotest.NewServer()
		t.Cleanup(srv.Close)
		for _, r := range rows {
			srv.Inject(fault.Fault{Method: http.MethodPost, Path: "/groups/" + r.cc.GroupID + "/", Status: http.StatusBadRequest,
				Message: "invalid password " + r.quote + " (the request had " + r.quote + ")"})
		}
		c := must(apio.NewClient(srv.URL, apio.WithToken("redaction-test-token"), apio.WithLogger(log)))
		t.Cleanup(func() { c.Close() })
		return c
	}}}

	checks := 0
	// shows reports whether text shows row r's password: as it is, in the
	// form the server quoted, or once the standard library decodes that form.
	shows := func(text string, r echoRow) bool {
		pw := string(r.cc.Profile.Password)
		checks++
		return hostiletest.Shows(text, pw, r.form)
	}
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			var logs lockedBuffer
			// LevelDocument: the OCI-P documents too, as bulk-csv -debug shows them.
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: broadworks.LevelDocument}))
			client := tg.setup(t, log)
			var file bytes.Buffer
			rs, err := bulk.CreateFromData(context.Background(), client, data, bulk.ResultsTo(&file), bulk.Concurrency(4))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(file.String()), "\n")
			if len(rs) != len(rows) || len(lines) != len(rows) {
				t.Fatalf("%d results, %d lines for %d rows", len(rs), len(lines), len(rows))
			}
			logText := logs.String()
			for i, res := range rs {
				r := rows[i]
				if res.Err == nil || res.Status != bulk.StatusFailed {
					t.Fatalf("row %d: %s %v: the fault did not hit", i, res.Status, res.Err)
				}
				places := map[string]string{"Err": res.Err.Error(), "%+v of the Result": fmt.Sprintf("%+v", res),
					"Response": res.Response, "results file": lines[i]}
				if !strings.Contains(places["Err"], "[REDACTED]") {
					t.Errorf("row %d: nothing redacted: the echo did not come back: %s", i, places["Err"])
				}
				for name, text := range places {
					if shows(text, r) {
						t.Errorf("%s / %s / %s: password shows: %s", r.class, r.form.Name, name, text)
					}
				}
				if shows(logText, r) {
					t.Errorf("%s / %s / debug log: password shows", r.class, r.form.Name)
				}
			}
			if !strings.Contains(logText, "level=DEBUG") {
				t.Error("no debug log: the log place checks nothing")
			}
		})
	}

	// ShowWire: the wire bytes of a dry run, which write the passwords as
	// character references (P&#228;ssw&#246;rd).
	t.Run("ShowWire", func(t *testing.T) {
		c := must(broadworks.NewClient("127.0.0.1:1", "u", "p"))
		defer c.Close()
		var wire bytes.Buffer
		if _, err := bulk.CreateFromData(context.Background(), c, data, bulk.DryRun(), bulk.ShowWire(&wire)); err != nil {
			t.Fatal(err)
		}
		text := wire.String()
		decoded := html.UnescapeString(text)
		if strings.Count(text, "<password>[REDACTED]</password>") != len(rows) {
			t.Errorf("ShowWire: %d redacted passwords for %d rows", strings.Count(text, "<password>[REDACTED]</password>"), len(rows))
		}
		for _, r := range rows {
			pw := string(r.cc.Profile.Password)
			wireForm := hostiletest.EncodedForms[3].Encode(pw) // the encoder's decimal references
			checks++
			if strings.Contains(text, pw) || strings.Contains(text, wireForm) || strings.Contains(decoded, pw) {
				t.Errorf("%s / ShowWire: password %+q shows", r.class, pw)
			}
		}
	})
	t.Logf("end-to-end redaction: %d classes of characters x %d passwords x %d forms = %d rows, on %d targets; places: Err, %%+v, Response, results file, debug log, ShowWire; %d checks",
		len(hostiletest.PasswordClasses), perClass, len(hostiletest.EncodedForms), len(rows), len(targets), checks)
}

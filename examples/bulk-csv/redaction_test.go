package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// classPasswords are passwords of each class of characters the redactor
// is tested with, one per row.
var classPasswords = []string{
	"Plain-Ascii-Pw-1",
	`p&<>"'\/%+ ;#5`,
	"Pässwörd-Latin1-ÿ",
	"Пароль-密码-한국-2",
	"😀-secret-🔑-𝐀-3",
	"e\u0301clair-n\u0303o-4",
}

// TestSecretsInEveryFormStayHidden runs the tool as its users do, with
// -debug, on a sheet whose passwords come from every class of characters,
// against a server that refuses each row quoting its password as the wire
// carries it (P&#228;ssw&#246;rd), as JSON and as form encoding; and a
// dry run with -show-wire. No form of any password shows in what the tool
// prints or in its results file (the -debug documents of the fake, which
// answers in ISO-8859-1 as real servers do, included: not even with its
// letters outside ASCII turned into U+FFFD); a login refused with the (non-ASCII) login
// password quoted back does not show it either.
func TestSecretsInEveryFormStayHidden(t *testing.T) {
	srv := fakeServer(t)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(strings.Split(sheetHeader, ","))
	for i, pw := range classPasswords {
		id := fmt.Sprintf("class%d@example.com", i)
		_ = w.Write([]string{"call.center.create", "SP", "G1", id, pw, "Standard", "Circular", "30"})
		var quoted []string
		for _, f := range hostiletest.EncodedForms {
			quoted = append(quoted, f.Encode(pw))
		}
		srv.Inject(fault.Fault{ServiceUserID: id, Status: 4000, Message: "[Error 4000] refused: " + strings.Join(quoted[:9], " | ")})
	}
	w.Flush()
	in := writeFile(t, "classes.csv", b.String())
	results := filepath.Join(t.TempDir(), "results.jsonl")

	checks := 0
	check := func(name, text string, secrets ...string) {
		t.Helper()
		for _, pw := range secrets {
			for _, f := range hostiletest.EncodedForms {
				checks++
				if hostiletest.Shows(text, pw, f) {
					t.Errorf("%s shows %+q (as %s)", name, pw, f.Name)
				}
			}
		}
	}

	o := tool(t, append(goodPassword, "CALLCENTER_DEBUG=1"), append(hostArgs(srv), "-csv", in, "-results", results, "-debug")...)
	if o.code != exitRowsFailed || !strings.Contains(o.stderr, "[REDACTED]") || !strings.Contains(o.stderr, "level=DEBUG") {
		t.Errorf("run: exit %d, want %d, with the refusals redacted and a debug log\n%s", o.code, exitRowsFailed, o.stderr)
	}
	file, err := os.ReadFile(results)
	if err != nil {
		t.Fatal(err)
	}
	check("stdout", o.stdout, classPasswords...)
	check("stderr (-debug)", o.stderr, classPasswords...)
	check("results file", string(file), classPasswords...)

	o = tool(t, goodPassword, append(hostArgs(srv), "-csv", in, "-dry-run", "-show-wire")...)
	if o.code != exitOK || strings.Count(o.stdout, "<password>[REDACTED]</password>") != len(classPasswords) {
		t.Errorf("dry run: exit %d\n%s\n%s", o.code, o.stdout, o.stderr)
	}
	check("-show-wire", o.stdout+o.stderr, classPasswords...)

	// The login password, non-ASCII, quoted back by a refusal.
	const login = "Lögin-Pässwörd-😀"
	srv.AddUser("echo@example.com", login)
	for _, typ := range []string{"LoginRequest14sp4", "LoginRequest22V5"} {
		srv.Inject(fault.Fault{Path: typ, Status: 4962, Times: fault.Always,
			Message: "[Error 4962] Invalid password " + hostiletest.EncodedForms[3].Encode(login) + " " + hostiletest.EncodedForms[9].Encode(login)})
	}
	o = tool(t, []string{"BW_PASSWORD=" + login, "CALLCENTER_DEBUG=1"}, "-host", srv.TCPAddr(), "-transport", "tcp", "-user", "echo@example.com", "-csv", in, "-debug")
	if o.code != exitSystemic || !strings.Contains(o.stderr, "[REDACTED]") {
		t.Errorf("refused login: exit %d, want %d\n%s", o.code, exitSystemic, o.stderr)
	}
	check("refused login", o.stdout+o.stderr, login)
	t.Logf("bulk-csv redaction: %d passwords (one per class of characters) x %d forms x 4 places (stdout, -debug stderr, results file, -show-wire), and the login password in a refusal: %d checks",
		len(classPasswords), len(hostiletest.EncodedForms), checks)
}

// TestHostHoldingThePassword: a -host that holds the login password by a
// slip (user:password@host, the password pasted as the host or its port)
// is refused before anything connects (exit 2), and neither the refusal
// nor anything else the tool prints shows the password.
func TestHostHoldingThePassword(t *testing.T) {
	const login = "Lögin-Pässwörd-Q"
	in := writeFile(t, "one.csv", sheetHeader+"\ncall.center.create,SP,G1,one@example.com,pw-123456,Standard,Circular,3\n")
	for _, host := range []string{"admin:" + login + "@127.0.0.1:2209", "127.0.0.1:" + login, login, "x:y@127.0.0.1:2209"} {
		for _, tr := range []string{"tls", "soap"} {
			o := tool(t, []string{"BW_PASSWORD=" + login}, "-host", host, "-transport", tr, "-user", "admin", "-csv", in, "-timeout", "2s")
			if o.code != exitUsage || !strings.Contains(o.stderr, "-host") {
				t.Errorf("-host %q -transport %s: exit %d, want %d naming -host\n%s", host, tr, o.code, exitUsage, o.stderr)
			}
			for _, f := range hostiletest.EncodedForms {
				if hostiletest.Shows(o.stdout+o.stderr, login, f) {
					t.Errorf("-host %q -transport %s: the output shows the password (%s):\n%s", host, tr, f.Name, o.stderr)
				}
			}
		}
	}
}

// TestSOAPURLAsHost: with -transport soap, -host takes the SOAP endpoint's
// URL, as its help says ("SOAP: the URL"); before, a URL was refused as
// "want host or host:port".
func TestSOAPURLAsHost(t *testing.T) {
	srv := fakeServer(t)
	in := writeFile(t, "one.csv", sheetHeader+"\ncall.center.create,SP,G1,soap-url@example.com,pw-123456,Standard,Circular,30\n")
	o := tool(t, goodPassword, "-host", srv.SOAPURL(), "-transport", "soap", "-user", broadworkstest.DefaultUser, "-csv", in)
	if _, ok := srv.CallCenter("soap-url@example.com"); o.code != exitOK || !ok {
		t.Errorf("-host %s -transport soap: exit %d\n%s", srv.SOAPURL(), o.code, o.stderr)
	}
}

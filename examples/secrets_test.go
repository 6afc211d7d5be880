// Package examples_test runs every example program with debug logging on
// and checks that no secret shows up in what it prints.
package examples_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
	"github.com/ccsdk/callcenter-go/offices/officestest"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

// runTimeout bounds one run of one example program.
const runTimeout = 90 * time.Second

// run is one invocation of an example program.
type run struct {
	name      string   // subtest name
	dir       string   // examples/<dir>
	args      []string // command-line arguments
	exitCode  int      // expected exit status
	wantDebug bool     // debug records must appear (the run talks to a server)
	uuids     bool     // no UUID may appear (OCI-P session ids are UUIDs)
}

// runs lists the invocations per example directory. A directory without an
// entry here is run once with no arguments and must exit 0.
var runs = []run{
	{name: "broadworks", dir: "broadworks", wantDebug: true, uuids: true},
	{name: "broadworks-tcp", dir: "broadworks", args: []string{"-transport", "tcp"}, wantDebug: true, uuids: true},
	{name: "broadworks-soap", dir: "broadworks", args: []string{"-transport", "soap"}, wantDebug: true, uuids: true},
	{name: "bulk-csv", dir: "bulk-csv", args: []string{"-csv", "testdata/call.center.create.standard.csv"}, wantDebug: true, uuids: true},
	{name: "bulk-csv-tcp", dir: "bulk-csv", args: []string{"-transport", "tcp", "-csv", "testdata/call.center.create.premium.csv"}, wantDebug: true, uuids: true},
	{name: "bulk-csv-soap", dir: "bulk-csv", args: []string{"-transport", "soap", "-csv", "testdata/call.center.create.basic.csv"}, wantDebug: true, uuids: true},
	// The mistakes sheet fails validation by design (exit 1); a dry run
	// opens no connection, so there is nothing to log at debug level.
	{name: "bulk-csv-dry-run-mistakes", dir: "bulk-csv", args: []string{"-dry-run", "-csv", "examples/quickstart/sheets/mistakes.csv"}, exitCode: 1, uuids: true},
	{name: "quickstart", dir: "quickstart", wantDebug: true, uuids: true},
}

// envPrefixes are the environment variables through which the examples
// would reach real servers; they are removed so every run uses its fake.
var envPrefixes = []string{"APIO_", "BROADWORKS_", "BW_", "LIVEVOX_", "DIALPAD_", "UCONTACT_", "CALLCENTER_"}

func TestExamplesPrintNoSecrets(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every example program")
	}
	root := moduleRoot(t)
	secrets := knownSecrets(t, root)
	bin := buildExamples(t)

	for _, r := range allRuns(t, root) {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			out := runExample(t, root, filepath.Join(bin, r.dir), r)
			if r.wantDebug && !bytes.Contains(out, []byte("level=DEBUG")) {
				t.Errorf("no debug records with CALLCENTER_DEBUG=1: logging is not on\n%s", out)
			}
			for _, leak := range scan(out, secrets, r.uuids) {
				t.Errorf("secret leaked: %s", leak)
			}
		})
	}
}

// TestScanFindsLeaks checks that the scanner would notice each kind of leak.
func TestScanFindsLeaks(t *testing.T) {
	secrets := []secret{{"admin-password", "broadworkstest.DefaultPassword"}}
	basic := base64.StdEncoding.EncodeToString([]byte(ucontacttest.DefaultUser + ":" + "7e4e7db9-f080-494e-b04b-000000000001"))
	for _, text := range []string{
		"level=DEBUG msg=x password=admin-password",
		"msg=x " + base64.StdEncoding.EncodeToString([]byte(broadworkstest.DefaultUser+":admin-password")),
		"Authorization: Basic " + basic,
		"LV-Session: 0123456789abcdef0123456789abcdef",
		"token apio-access-0123456789abcdef0123456789abcdef",
		"<sessionId>9b2f6c1e-3d4a-4f5b-8c6d-7e8f9a0b1c2d</sessionId>",
	} {
		if len(scan([]byte(text), secrets, true)) == 0 {
			t.Errorf("scan missed the secret in %q", text)
		}
	}
	if got := scan([]byte("created sales-center@company.com (password [REDACTED])"), secrets, true); len(got) != 0 {
		t.Errorf("false positive: %v", got)
	}
}

// exampleDirs returns the directories under examples/ that hold a
// program (a main.go).
func exampleDirs(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(root, "examples"))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(root, "examples", e.Name(), "main.go")); e.IsDir() && err == nil {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatal("no example programs found")
	}
	return dirs
}

// built holds the example binaries, built once for every test of the
// package (TestMain removes them).
var built struct {
	once sync.Once
	dir  string
	err  error
}

// buildExamples builds every example program once and returns the
// directory of the binaries. Tests run the binaries, not `go run`: a
// timeout can then kill the program itself (killing `go run` would leave
// its child running), and the exit code is the program's own.
func buildExamples(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "callcenter-examples-")
		if err != nil {
			built.err = err
			return
		}
		built.dir = dir
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		build := exec.CommandContext(ctx, "go", "build", "-o", dir+string(filepath.Separator), "./examples/...")
		build.Dir = moduleRoot(t)
		build.Env = append(cleanEnv(), "GOFLAGS=-mod=readonly", "GOPROXY=off")
		if out, err := build.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build ./examples/...: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// allRuns returns runs plus a default run for every example directory that
// runs does not list, and fails on an entry naming no directory.
func allRuns(t *testing.T, root string) []run {
	dirs := exampleDirs(t, root)
	all := slices.Clone(runs)
	for _, d := range dirs {
		if !slices.ContainsFunc(runs, func(r run) bool { return r.dir == d }) {
			all = append(all, run{name: d, dir: d, wantDebug: true})
		}
	}
	for _, r := range all {
		if !slices.Contains(dirs, r.dir) {
			t.Errorf("run %s: no program examples/%s", r.name, r.dir)
		}
	}
	return all
}

// runExample runs one program with CALLCENTER_DEBUG=1 from the module root
// and returns its stdout and stderr.
func runExample(t *testing.T, root, binary string, r run) []byte {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, r.args...)
	cmd.Dir = root
	cmd.Env = append(cleanEnv(), "CALLCENTER_DEBUG=1")
	cmd.WaitDelay = 5 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("examples/%s %s: not done after %v\n%s", r.dir, strings.Join(r.args, " "), runTimeout, out.Bytes())
	}
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("examples/%s: %v", r.dir, err)
	}
	if code != r.exitCode {
		t.Fatalf("examples/%s %s: exit status %d, want %d\n%s", r.dir, strings.Join(r.args, " "), code, r.exitCode, out.Bytes())
	}
	return out.Bytes()
}

// cleanEnv is the environment without anything that points an example at a
// real server.
func cleanEnv() []string {
	return slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return slices.ContainsFunc(envPrefixes, func(p string) bool { return strings.HasPrefix(kv, p) })
	})
}

func moduleRoot(t *testing.T) string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	gomod := strings.TrimSpace(string(out))
	if err != nil || gomod == "" || gomod == os.DevNull {
		t.Fatalf("go env GOMOD: %q, %v", gomod, err)
	}
	return filepath.Dir(gomod)
}

// secret is a value that must never be printed, and where it comes from.
type secret struct{ value, source string }

// knownSecrets gathers the fakes' credentials, the passwords of the sample
// sheets and the secrets hard-coded in the example programs.
func knownSecrets(t *testing.T, root string) []secret {
	s := []secret{
		{apiotest.DefaultPassword, "apiotest.DefaultPassword"},
		{broadworkstest.DefaultPassword, "broadworkstest.DefaultPassword"},
		{livevoxtest.DefaultAccessToken, "livevoxtest.DefaultAccessToken"},
		{livevoxtest.DefaultPassword, "livevoxtest.DefaultPassword"},
		{officestest.DefaultAPIKey, "officestest.DefaultAPIKey"},
		{ucontacttest.DefaultPassword, "ucontacttest.DefaultPassword"},
		{ucontacttest.DefaultAPIToken, "ucontacttest.DefaultAPIToken"},
	}
	var sheets []string
	for _, g := range []string{"testdata/*.csv", "examples/quickstart/sheets/*.csv", "examples/apio/sheet.csv"} {
		m, _ := filepath.Glob(filepath.Join(root, g))
		sheets = append(sheets, m...)
	}
	n := len(s)
	for _, f := range sheets {
		s = append(s, sheetPasswords(t, root, f)...)
	}
	if len(sheets) < 8 || len(s)-n < len(sheets) {
		t.Fatalf("found %d passwords in %d sample sheets: the sheets moved?", len(s)-n, len(sheets))
	}
	mains, _ := filepath.Glob(filepath.Join(root, "examples", "*", "main.go"))
	n = len(s)
	for _, f := range mains {
		s = append(s, hardCoded(t, root, f)...)
	}
	if len(s)-n < 4 { // examples/apio and examples/broadworks hold some
		t.Fatalf("found only %d hard-coded secrets in %d example programs", len(s)-n, len(mains))
	}
	return s
}

// sheetPasswords returns the serviceInstanceProfile.password cells of a CSV
// bulk sheet.
func sheetPasswords(t *testing.T, root, path string) []secret {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	col := slices.Index(rows[0], "serviceInstanceProfile.password")
	if col < 0 && slices.Contains(rows[0], "agentUserIdList.userId[0]") {
		return nil // an agent sheet: no password
	}
	if col < 0 {
		t.Fatalf("%s: no serviceInstanceProfile.password column", path)
	}
	rel, _ := filepath.Rel(root, path)
	var s []secret
	for i, row := range rows[1:] {
		if col < len(row) && row[col] != "" {
			s = append(s, secret{row[col], rel + " row " + strconv.Itoa(i)})
		}
	}
	return s
}

// secretName matches identifiers and field names that hold secrets.
var secretName = regexp.MustCompile(`(?i)pass|secret|token|apikey|api_key`)

// hardCoded returns the string literals an example program assigns to a
// secret-named variable or field (Password: "...", ccPassword = "...").
func hardCoded(t *testing.T, root, path string) []secret {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(root, path)
	var s []secret
	add := func(name ast.Expr, value ast.Expr) {
		id, ok := name.(*ast.Ident)
		lit, ok2 := value.(*ast.BasicLit)
		if !ok || !ok2 || lit.Kind != token.STRING || !secretName.MatchString(id.Name) {
			return
		}
		if v, err := strconv.Unquote(lit.Value); err == nil && v != "" {
			s = append(s, secret{v, rel + ":" + strconv.Itoa(fset.Position(lit.Pos()).Line)})
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			add(n.Key, n.Value)
		case *ast.AssignStmt:
			for i := range min(len(n.Lhs), len(n.Rhs)) {
				add(n.Lhs[i], n.Rhs[i])
			}
		case *ast.ValueSpec:
			for i := range min(len(n.Names), len(n.Values)) {
				add(n.Names[i], n.Values[i])
			}
		}
		return true
	})
	return s
}

var (
	// hex32 matches the session ids and tokens the fakes issue: LiveVox
	// session ids, OCI-P SOAP cookies and APIO tokens are 32 hex digits.
	hex32 = regexp.MustCompile(`\b[0-9a-f]{32}\b`)
	// uuid matches a random UUID, the form of OCI-P session ids.
	uuid = regexp.MustCompile(`\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b`)
	// b64 matches base64 text long enough to hold "user:secret" (a Basic
	// credential, a uContact session key).
	b64 = regexp.MustCompile(`[A-Za-z0-9+/]{16,}={0,2}`)
)

// users are the fakes' user names: base64 text decoding to "user:..." is a
// credential.
var users = []string{apiotest.DefaultUser, broadworkstest.DefaultUser, livevoxtest.DefaultUser, ucontacttest.DefaultUser}

// scan returns a description of every secret found in out.
func scan(out []byte, secrets []secret, uuids bool) []string {
	var leaks []string
	report := func(what, line string) { leaks = append(leaks, what+" in line: "+line) }
	for line := range strings.Lines(string(out)) {
		line = strings.TrimRight(line, "\r\n")
		for _, s := range secrets {
			for _, form := range []string{s.value, url.QueryEscape(s.value)} {
				if strings.Contains(line, form) {
					report(strconv.Quote(s.value)+" ("+s.source+")", line)
					break
				}
			}
		}
		if m := hex32.FindString(line); m != "" {
			report("a fake's session id or token "+m, line)
		}
		if m := uuid.FindString(line); uuids && m != "" {
			report("an OCI-P session id "+m, line)
		}
		for _, m := range b64.FindAllString(line, -1) {
			for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
				dec, err := enc.DecodeString(m)
				if err == nil && slices.ContainsFunc(users, func(u string) bool { return bytes.HasPrefix(dec, []byte(u+":")) }) {
					report("a base64 credential "+m, line)
				}
			}
		}
	}
	return leaks
}

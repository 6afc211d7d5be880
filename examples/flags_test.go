package examples_test

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// serverFlags says how each example program is pointed at a server: -host
// for BroadWorks (as bulk-csv), -base-url for a REST API; quickstart always
// runs against its own in-process server. A new program must say here.
var serverFlags = map[string]string{
	"apio": "-base-url", "livevox": "-base-url", "ucontact": "-base-url", "offices": "-base-url",
	"broadworks": "-host", "bulk-csv": "-host", "quickstart": "",
}

// synonyms are spellings the programs no longer use for those ideas.
var synonyms = []string{"-url ", "-v ", "-verbose "}

// TestExamplesCommandLine runs every example program as its user would,
// each in its own process: -h prints the usage under the program's own name
// (not the path of a temporary build) with -debug and the program's server
// flag, spelled alike in every program, and exits 0; a flag it does not
// know exits 2 and says how to get the usage. Every program but bulk-csv
// (which needs a sheet) runs against its fake with no flags and exits 0,
// silent; with -debug it logs debug records (secrets are
// TestExamplesPrintNoSecrets's).
func TestExamplesCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every example program")
	}
	root := moduleRoot(t)
	bin := buildExamples(t)
	for _, dir := range exampleDirs(t, root) {
		flag, known := serverFlags[dir]
		if !known {
			t.Errorf("examples/%s: say in serverFlags how it is pointed at a server", dir)
			continue
		}
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			binary := filepath.Join(bin, dir)

			stdout, stderr, code := execExample(t, root, binary, "-h")
			usage := string(stdout)
			if code != 0 || !strings.HasPrefix(usage, "Usage: "+dir+" ") {
				t.Errorf("-h: exit %d, want 0 and a usage naming %q\nstdout:\n%s\nstderr:\n%s", code, dir, stdout, stderr)
			}
			if strings.Contains(usage, "go-build") || strings.Contains(usage, "/exe/") {
				t.Errorf("-h names a temporary build:\n%s", usage)
			}
			for _, f := range []string{"-debug", flag} {
				if f != "" && !strings.Contains(usage, "  "+f) {
					t.Errorf("-h: no %s flag:\n%s", f, usage)
				}
			}
			if !strings.Contains(usage, "CALLCENTER_DEBUG=1") {
				t.Errorf("-h does not say that CALLCENTER_DEBUG=1 switches -debug on:\n%s", usage)
			}
			for other := range serverFlags {
				if f := serverFlags[other]; f != "" && f != flag && strings.Contains(usage, "  "+f+" ") {
					t.Errorf("-h offers %s, the flag of another kind of server", f)
				}
			}
			for _, s := range synonyms {
				if dir != "bulk-csv" && strings.Contains(usage, "  "+s) { // bulk-csv's -v is "say more", not debug
					t.Errorf("-h offers %s: the programs spell it -debug or -base-url", strings.TrimSpace(s))
				}
			}

			_, stderr, code = execExample(t, root, binary, "-no-such-flag")
			if code != 2 || !strings.Contains(string(stderr), dir+" -h") {
				t.Errorf("-no-such-flag: exit %d, want 2 and a hint naming %q -h\n%s", code, dir, stderr)
			}

			if dir == "bulk-csv" {
				return
			}
			stdout, stderr, code = execExample(t, root, binary)
			if code != 0 || bytes.Contains(append(stdout, stderr...), []byte("level=DEBUG")) {
				t.Errorf("no flags: exit %d, want 0 and no debug records\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			stdout, stderr, code = execExample(t, root, binary, "-debug")
			if code != 0 || !bytes.Contains(stderr, []byte("level=DEBUG")) {
				t.Errorf("-debug: exit %d, want 0 and debug records on stderr\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
		})
	}
	for dir := range serverFlags {
		if !slices.Contains(exampleDirs(t, root), dir) {
			t.Errorf("serverFlags names %s, which is no example program", dir)
		}
	}
}

// execExample runs a built example program from the module root with no
// server configured (cleanEnv) and returns its output and exit code.
func execExample(t *testing.T, root, binary string, args ...string) (stdout, stderr []byte, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = root
	cmd.Env = cleanEnv()
	cmd.WaitDelay = 5 * time.Second
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %v: not done after %v", filepath.Base(binary), args, runTimeout)
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("%s: %v", filepath.Base(binary), err)
	}
	return out.Bytes(), errs.Bytes(), code
}

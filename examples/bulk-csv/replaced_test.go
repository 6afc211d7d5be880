package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestOutputKeepsTheFileItReplaces: an output named after a file that
// exists (a slip: -export onto the sheet the administrator was editing,
// which holds the only copy of passwords that cannot be read back; -plan-out
// or -results onto a backup) replaces it, but the file it replaced is kept
// beside it as NAME.replaced-TIME.EXT (mode 0600), and the run says so.
func TestOutputKeepsTheFileItReplaces(t *testing.T) {
	srv := fakeServer(t)
	host := hostArgs(srv)
	in := sheet(t, 2, nil)
	if o := tool(t, goodPassword, append(slices.Clone(host), "-csv", in)...); o.code != exitOK {
		t.Fatalf("create: exit %d\n%s", o.code, o.stderr)
	}
	dir := t.TempDir()
	const precious = "operation,serviceUserId,serviceInstanceProfile.password\ncall.center.create,x@example.com,the-only-copy-1\n"
	for name, args := range map[string][]string{
		"-export":        {"-export", "", "-sp", "SP", "-group", "G1"},
		"-export-agents": {"-export-agents", "", "-sp", "SP", "-group", "G1"},
		"-plan-out":      {"-plan", "-csv", in, "-plan-out", ""},
		"-results":       {"-plan", "-csv", in, "-results", ""},
		"-failed":        {"-csv", sheet(t, 1, map[int]string{0: "x"}), "-failed", ""},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(dir, strings.TrimPrefix(name, "-")+".csv")
			if err := os.WriteFile(out, []byte(precious), 0o600); err != nil {
				t.Fatal(err)
			}
			args = slices.Clone(args)
			args[slices.Index(args, "")] = out
			o := tool(t, goodPassword, append(slices.Clone(host), args...)...)
			if b, _ := os.ReadFile(out); string(b) == precious {
				t.Fatalf("exit %d: %s was not written\n%s", o.code, out, o.stderr)
			}
			keptAll, _ := filepath.Glob(strings.TrimSuffix(out, ".csv") + ".replaced-*.csv")
			if len(keptAll) != 1 {
				t.Fatalf("want the replaced file kept once as NAME.replaced-TIME.csv, have %q\n%s", keptAll, o.stderr)
			}
			kept := keptAll[0]
			if b, err := os.ReadFile(kept); err != nil || string(b) != precious {
				t.Errorf("the replaced file is not kept as %s: %v %.60q\n%s", kept, err, b, o.stderr)
			}
			if fi, err := os.Stat(kept); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: want mode 0600: %v %v", kept, fi, err)
			}
			if !strings.Contains(o.stderr, filepath.Base(kept)) {
				t.Errorf("the run does not say where the replaced file is:\n%s", o.stderr)
			}
			// Again: the kept copy stays as it is.
			tool(t, goodPassword, append(slices.Clone(host), args...)...)
			if b, _ := os.ReadFile(kept); string(b) != precious {
				t.Errorf("%s was overwritten by the second run", kept)
			}
		})
	}
}

// TestKeptCopyLeavesOtherNamesAlone: keeping the replaced file never
// changes the file under another name. An edited sheet may also be
// reachable through a hard link (a shared folder, a second name the team
// reads): the kept copy is mode 0600, but that other name keeps the mode
// and the bytes it had.
func TestKeptCopyLeavesOtherNamesAlone(t *testing.T) {
	dir := t.TempDir()
	out, shared := filepath.Join(dir, "group.csv"), filepath.Join(dir, "shared.csv")
	if err := os.WriteFile(out, []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	if err := os.Link(out, shared); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	start := time.Now()
	f, err := createOutput(out, 0o644, start)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("exported\n")
	if err := f.commit(); err != nil {
		t.Fatal(err)
	}
	if f.kept == "" {
		t.Fatal("nothing kept")
	}
	if fi, err := os.Stat(f.kept); err != nil || fi.Mode().Perm() != 0o600 || readFile(t, f.kept) != "edited\n" {
		t.Errorf("kept %s: %v %v %q, want mode 0600 and the edited bytes", f.kept, fi.Mode(), err, readFile(t, f.kept))
	}
	if fi, err := os.Stat(shared); err != nil || fi.Mode().Perm() != 0o644 || readFile(t, shared) != "edited\n" {
		t.Errorf("%s, another name of the replaced file: %v %v %q, want it as it was (0644, the edited bytes)", shared, fi.Mode(), err, readFile(t, shared))
	}

	// The same second again, other bytes: a second copy, never over the first.
	g, err := createOutput(out, 0o644, start)
	if err != nil {
		t.Fatal(err)
	}
	g.WriteString("exported again\n")
	if err := g.commit(); err != nil {
		t.Fatal(err)
	}
	if g.kept == "" || g.kept == f.kept || readFile(t, g.kept) != "exported\n" || readFile(t, f.kept) != "edited\n" {
		t.Errorf("second replace in the same second: kept %q (first %q): %q, %q", g.kept, f.kept, readFile(t, g.kept), readFile(t, f.kept))
	}
}

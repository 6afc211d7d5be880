//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFakeStateOneRunAtATime: a second run on a -fake-state file that a
// run holds is refused before anything (exit 2), and the file is left as
// it was: two runs would each save only their own changes, the last to
// end losing the other's.
func TestFakeStateOneRunAtATime(t *testing.T) {
	state := filepath.Join(t.TempDir(), "platform.json")
	if o := tool(t, nil, "-csv", "../../testdata/call.center.create.basic.csv", "-fake-state", state); o.code != exitOK {
		t.Fatalf("first run: exit %d\n%s", o.code, o.stderr)
	}
	before, _ := os.ReadFile(state)
	// The test holds the lock as a running bulk-csv would.
	f, err := os.OpenFile(state+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	o := tool(t, nil, "-csv", "../../testdata/call.center.create.standard.csv", "-fake-state", state)
	if o.code != exitUsage || !strings.Contains(o.stderr, "another bulk-csv run is using it") || strings.Contains(o.stderr, "created") {
		t.Errorf("while another run holds it: exit %d\n%s", o.code, o.stderr)
	}
	if now, _ := os.ReadFile(state); !bytes.Equal(now, before) {
		t.Error("the state was written")
	}
	f.Close() // released: the next run goes
	if o := tool(t, nil, "-csv", "../../testdata/call.center.create.standard.csv", "-fake-state", state); o.code != exitOK || !strings.Contains(o.stderr, "(2 call centers)") {
		t.Errorf("after: exit %d\n%s", o.code, o.stderr)
	}
}

//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestKeptCopyKeepsItsOwner: run as root (sudo) over a user's edited
// sheet, the kept copy is still that user's: a copy owned by root with
// mode 0600 would lock its owner out of their own sheet.
func TestKeptCopyKeepsItsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give a file another owner")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "alice.csv")
	if err := os.WriteFile(out, []byte("alice's edits\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const uid, gid = 65534, 65534
	if err := os.Chown(out, uid, gid); err != nil {
		t.Skip(err)
	}
	f, err := createOutput(out, 0o644, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("exported\n")
	if err := f.commit(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(f.kept)
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); !ok || st.Uid != uid || st.Gid != gid {
		t.Errorf("kept %s: owner %v, want %d:%d, the replaced file's", f.kept, fi.Sys(), uid, gid)
	}
}

//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
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

// TestOutputOntoADeviceRefused: an output named after something that is
// not a file (a pipe, a device such as /dev/stdout or /dev/null) is
// refused, with "-" offered for stdout. It was written to a temporary file
// beside it and renamed over it: as root, -export /dev/stdout replaced
// the system's /dev/stdout with a regular file.
func TestOutputOntoADeviceRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	f, err := createOutput(fifo, 0o644, time.Now())
	if err == nil {
		f.discard()
		t.Fatalf("an output onto the pipe %s was accepted", fifo)
	}
	if fi, serr := os.Lstat(fifo); serr != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe is gone: %v %v", fi, serr)
	}
	if !strings.Contains(err.Error(), "not a regular file") || !strings.Contains(err.Error(), "- for stdout") {
		t.Errorf("error %q: want it to say the name is not a file and offer -", err)
	}
}

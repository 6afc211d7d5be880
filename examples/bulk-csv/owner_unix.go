//go:build unix

package main

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives f, a copy of the file fi describes, that file's owner
// and group when they are not the run's: an administrator running the
// tool as root over a user's sheet leaves the user a copy they can read.
// Only root may give a file away; elsewhere the copy stays the run's.
func keepOwner(f *os.File, fi fs.FileInfo) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid() {
		return
	}
	_ = f.Chown(int(st.Uid), int(st.Gid))
}

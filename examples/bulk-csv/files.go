package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The files of a run. Inputs (the sheet, the results resumed from, a plan)
// are never written; outputs never overwrite an input or each other, and
// are compared by what they are, not by how they are named: the same file
// under another name, a symlink to it, a ./ path. Outputs are written to a
// temporary file beside their name and renamed over it when the run has
// written them, so that a run that fails early leaves an old file whole.
// The results are renamed into place at their first row instead: a run
// killed outright keeps, under their name, the result of every row it
// finished, for -resume.
// A file that may hold passwords (the failed-rows sheet, a plan) is created
// with mode 0600, whatever the mode of the file it replaces. The file an
// output replaces is kept beside it (keepReplaced): a slip of a flag never
// loses an edited sheet.

// namedFile is a flag and the file it names.
type namedFile struct{ flag, path string }

// checkFiles refuses a command line whose outputs would overwrite its
// inputs or each other.
func (c *command) checkFiles() error {
	var in, out []namedFile
	add := func(list *[]namedFile, flag, path string) {
		if path != "" && path != "-" {
			*list = append(*list, namedFile{flag, path})
		}
	}
	add(&in, "-csv", c.o.csv)
	add(&in, "-resume", c.o.resume)
	add(&in, "-apply-plan", c.o.applyPlan)
	add(&out, "-results", c.o.results)
	add(&out, "-failed", c.o.failed)
	add(&out, "-plan-out", c.o.planOut)
	add(&out, "-export", c.o.export)
	add(&out, "-export-agents", c.o.exportAgents)
	add(&out, "-fake-state", c.o.fakeState)
	if c.o.backup != "" && c.o.backup != "none" {
		add(&out, "-backup", c.o.backup)
	}
	for i, o := range out {
		for _, f := range in {
			if sameFile(o.path, f.path) {
				return usagef("%s %s is the file of %s: an output never overwrites an input (choose another name)", o.flag, o.path, f.flag)
			}
		}
		for _, p := range out[:i] {
			if sameFile(o.path, p.path) {
				return usagef("%s and %s name the same file %s: choose two names", p.flag, o.flag, o.path)
			}
		}
	}
	if c.o.backup != "" && c.o.backup != "none" {
		if _, err := os.Lstat(c.o.backup); err == nil {
			return usagef("-backup %s exists: a backup never overwrites a file (choose a new name, or leave -backup out for one named after the sheet and the time)", c.o.backup)
		}
	}
	if c.o.fakeState != "" {
		// The state is saved at the end, whatever the run did: a place
		// where it cannot be saved would lose the rehearsal's work.
		dir := filepath.Dir(c.o.fakeState)
		probe, err := os.CreateTemp(dir, ".bulk-csv-probe-*")
		if err != nil {
			return usagef("-fake-state %s: the fake's state could not be saved in %s: %v (choose another place)", c.o.fakeState, dir, err)
		}
		probe.Close()
		os.Remove(probe.Name())
	}
	if (c.o.apply || c.o.applyPlan != "") && c.o.backup != "none" {
		// Nothing is modified or deleted without its backup: a directory
		// where it cannot be written would stop the run at its first
		// write, after the deletes were confirmed. Find out now.
		dir := filepath.Dir(c.backupPath())
		probe, err := os.CreateTemp(dir, ".bulk-csv-probe-*")
		if err != nil {
			return usagef("the backup cannot be written in %s: %v (choose another place with -backup FILE)", dir, err)
		}
		probe.Close()
		os.Remove(probe.Name())
	}
	return nil
}

// backupPath is the -backup file, or the default one named after the sheet
// (or plan) and the time the run started.
func (c *command) backupPath() string {
	if c.o.backup != "" {
		return c.o.backup
	}
	from := c.o.csv
	if from == "" {
		from = c.o.applyPlan
	}
	return backupName(from, c.start)
}

// sameFile reports whether two paths name one file: by identity when both
// exist (os.SameFile: hard links, symlinks, ./ paths), else by their
// absolute paths with symlinks resolved as far as they exist.
func sameFile(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(fa, fb)
	}
	return resolved(a) == resolved(b)
}

// resolved is p made absolute, with symlinks resolved: the whole path when
// it exists, else its directory (and a dangling symlink's target).
func resolved(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if target, err := os.Readlink(abs); err == nil {
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(abs), target)
		}
		abs = filepath.Clean(target)
	}
	dir, base := filepath.Split(abs)
	if r, err := filepath.EvalSymlinks(dir); err == nil {
		return filepath.Join(r, base)
	}
	return abs
}

// atomicFile is an output written to a temporary file beside its name,
// renamed over it by commit (or, for a journal, by publish as soon as it
// has something to keep).
type atomicFile struct {
	*os.File
	path      string
	published bool // renamed into place already; writes go on to it

	keep  bool      // an earlier file at path is kept under a new name (see keepReplaced)
	start time.Time // the run's start, which names the kept file
	kept  string    // where the earlier file went, once replaced
}

// createOutput starts writing an output the user names (-export,
// -export-agents, -results, -failed, -plan-out): as createAtomic, and the
// file it replaces, if any, is kept (see keepReplaced).
func createOutput(path string, perm fs.FileMode, start time.Time) (*atomicFile, error) {
	a, err := createAtomic(path, perm)
	if err == nil {
		a.keep, a.start = true, start
	}
	return a, err
}

// createAtomic starts writing path: a temporary file in the same directory
// with mode perm (0600 for a file that may hold passwords). A path that
// names a directory, a device or a pipe is refused.
func createAtomic(path string, perm fs.FileMode) (*atomicFile, error) {
	switch fi, err := os.Stat(path); {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("%s is a directory: name a file", path)
	case err == nil && !fi.Mode().IsRegular():
		// A device or a pipe (/dev/stdout, /dev/null): the rename would
		// replace it with a regular file, a system one as root.
		return nil, fmt.Errorf("%s is not a regular file (a device or a pipe): name a file, or - for stdout", path)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &atomicFile{File: f, path: path}, nil
}

// commit closes the temporary file and renames it over path.
func (a *atomicFile) commit() error {
	if a == nil {
		return nil
	}
	err := errors.Join(a.Sync(), a.Close())
	if err == nil && !a.published {
		err = a.replace()
	}
	if err != nil {
		if !a.published {
			os.Remove(a.Name())
		}
		return fmt.Errorf("writing %s: %w", a.path, err)
	}
	return nil
}

// publish renames the temporary file over path now, and keeps it open:
// what is written next goes on to path. A journal (the results -resume
// reads) is published at its first record, so that a run killed outright
// leaves every record it wrote under its name, while a run refused before
// its first row leaves an earlier file whole.
func (a *atomicFile) publish() error {
	if a.published {
		return nil
	}
	if err := a.replace(); err != nil {
		return fmt.Errorf("writing %s: %w", a.path, err)
	}
	a.published = true
	return nil
}

// replace renames the temporary file over path, the earlier file kept
// first when it is to be.
func (a *atomicFile) replace() error {
	if a.keep {
		if err := a.keepReplaced(); err != nil {
			return err
		}
	}
	return os.Rename(a.Name(), a.path)
}

// keepReplaced keeps the file at path, which the output is about to
// replace, as a copy NAME.replaced-TIME.EXT beside it
// (NAME.replaced-TIME-2.EXT and so on when that is taken: never over a
// file), created mode 0600 (it may be an edited sheet with passwords) and
// given the file's owner where the run may (keepOwner), and records its
// name in kept. A copy, not a second name of the file: the
// file at path, and any other name it has, is not touched until the
// rename replaces path, and a copy that cannot be made whole leaves
// nothing. An output over no file, an empty one, one that holds the same
// bytes (the same export again) or a symlink (the rename replaces the
// link, not the file it points to) keeps nothing.
func (a *atomicFile) keepReplaced() error {
	fi, err := os.Lstat(a.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.Mode().IsRegular() || fi.Size() == 0:
		return nil
	}
	if sameBytes(a.path, a.Name()) {
		return nil
	}
	src, err := os.Open(a.path)
	if err != nil {
		return fmt.Errorf("keeping the earlier %s: %w", a.path, err)
	}
	defer src.Close()
	base, ext := a.path, extension(a.path)
	base = strings.TrimSuffix(base, ext)
	stamp := a.start.Format("20060102-150405")
	for i := 1; i <= 99; i++ {
		kept := fmt.Sprintf("%s.replaced-%s%s", base, stamp, ext)
		if i > 1 {
			kept = fmt.Sprintf("%s.replaced-%s-%d%s", base, stamp, i, ext)
		}
		f, err := os.OpenFile(kept, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("keeping the earlier %s: %w", a.path, err)
		}
		keepOwner(f, fi)
		_, err = io.Copy(f, src)
		if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
			os.Remove(kept)
			return fmt.Errorf("keeping the earlier %s: %w", a.path, err)
		}
		os.Chtimes(kept, time.Time{}, fi.ModTime()) // when it was last edited, as ls shows it
		a.kept = kept
		return nil
	}
	return fmt.Errorf("keeping the earlier %s: every name %s.replaced-%s-N%s is taken", a.path, base, stamp, ext)
}

// sameBytes reports whether two files hold the same bytes (read only
// when their sizes are equal).
func sameBytes(a, b string) bool {
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	if errA != nil || errB != nil || fa.Size() != fb.Size() {
		return false
	}
	ba, errA := os.ReadFile(a)
	bb, errB := os.ReadFile(b)
	return errA == nil && errB == nil && bytes.Equal(ba, bb)
}

// noteKept says where an output put the file it replaced.
func (c *command) noteKept(a *atomicFile) {
	if a != nil && a.kept != "" {
		fmt.Fprintf(c.env.stderr, "note: %s existed: it is kept as %s (mode 0600)\n", a.path, a.kept)
	}
}

// discard drops the temporary file: path is left as it was. A published
// file is kept: it holds what the run did.
func (a *atomicFile) discard() {
	if a == nil {
		return
	}
	a.Close()
	if !a.published {
		os.Remove(a.Name())
	}
}

// journal writes to an atomicFile, publishing it at the first write.
type journal struct{ f *atomicFile }

func (j journal) Write(p []byte) (int, error) {
	if err := j.f.publish(); err != nil {
		return 0, err
	}
	return j.f.Write(p)
}

// backupFile is the -backup file: created on its first write (a run that
// modifies and deletes nothing leaves none), never over an existing file,
// mode 0600, each row on disk before its modify or delete is sent.
type backupFile struct {
	path string
	auto bool // the default name: another is tried when it is taken
	f    *os.File
	err  error
	rows int
}

func (b *backupFile) Write(p []byte) (int, error) {
	if b.f == nil && b.err == nil {
		path := b.path
		for i := 2; ; i++ {
			b.f, b.err = os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
			if !b.auto || !errors.Is(b.err, fs.ErrExist) || i > 99 {
				break
			}
			path = strings.TrimSuffix(b.path, ".csv") + fmt.Sprintf("-%d.csv", i)
		}
		b.path = path
	}
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.f.Write(p)
	if err == nil {
		err = b.f.Sync()
	}
	b.rows += strings.Count(string(p[:n]), "\n")
	return n, err
}

func (b *backupFile) close() error {
	if b == nil || b.f == nil {
		return nil
	}
	return b.f.Close()
}

// backupName is the default backup file: beside src, named after it and
// the time, e.g. group.backup-20261207-153000.csv.
func backupName(src string, now time.Time) string {
	base := filepath.Base(src)
	if ext := extension(base); ext != "" {
		base = strings.TrimSuffix(base, ext)
	}
	return filepath.Join(filepath.Dir(src), fmt.Sprintf("%s.backup-%s.csv", base, now.Format("20060102-150405")))
}

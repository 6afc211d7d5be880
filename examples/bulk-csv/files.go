package main

import (
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
// with mode 0600, whatever the mode of the file it replaces. An output
// that replaces a file (-export onto the sheet being edited, which may
// hold the only copy of passwords; -plan-out onto a backup) keeps that
// file beside it as FILE.~N~, as cp --backup=numbered does, and says so.

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

	// An output of the run (not the fake's state, which every run
	// rewrites) keeps the file it replaces and tells note so.
	keep bool
	flag string
	note io.Writer
}

// createOutput is createAtomic for the output of flag: the file it
// replaces is kept (keepReplaced), and the run's stderr says where.
func (c *command) createOutput(flag, path string, perm fs.FileMode) (*atomicFile, error) {
	f, err := createAtomic(path, perm)
	if err == nil {
		f.keep, f.flag, f.note = true, flag, c.env.stderr
	}
	return f, err
}

// place renames the temporary file over path, keeping the file it
// replaces where a.keep says so.
func (a *atomicFile) place() error {
	if a.keep {
		kept, err := keepReplaced(a.path)
		if err != nil {
			return err
		}
		if kept != "" && a.note != nil {
			fmt.Fprintf(a.note, "note: %s %s existed: the file it replaced is kept as %s\n", a.flag, a.path, kept)
		}
	}
	return os.Rename(a.Name(), a.path)
}

// keepReplaced keeps the regular file at path, if it holds anything, as
// the first free path.~N~ (a hard link, or a copy where the file system
// has none), and returns that name ("" when there was nothing to keep).
// A symlink is not followed: renaming over it leaves its target whole.
func keepReplaced(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
		return "", nil
	}
	for n := 1; n <= 999; n++ {
		kept := fmt.Sprintf("%s.~%d~", path, n)
		err := os.Link(path, kept)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			err = copyExclusive(path, kept, fi.Mode().Perm())
		}
		switch {
		case err == nil:
			return kept, nil
		case !errors.Is(err, fs.ErrExist):
			return "", fmt.Errorf("keeping the file %s replaces as %s: %w", path, kept, err)
		}
	}
	return "", fmt.Errorf("keeping the file %s replaces: %s.~1~ to .~999~ exist (remove some)", path, path)
}

// copyExclusive copies src to a new file dst (never over one) with mode
// perm.
func copyExclusive(src, dst string, perm fs.FileMode) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err = errors.Join(err, f.Sync(), f.Close()); err != nil {
		os.Remove(dst)
	}
	return err
}

// createAtomic starts writing path: a temporary file in the same directory
// with mode perm (0600 for a file that may hold passwords).
func createAtomic(path string, perm fs.FileMode) (*atomicFile, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory: name a file", path)
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
		err = a.place()
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
	if err := a.place(); err != nil {
		return fmt.Errorf("writing %s: %w", a.path, err)
	}
	a.published = true
	return nil
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

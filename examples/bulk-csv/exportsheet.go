package main

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/ccsdk/callcenter-go/bulk"
)

// exportSheet is where an export (-export, -export-agents) writes its
// sheet: the file named, through a temporary file that replaces it only
// when the export is whole, or, for "-", stdout, which gets the sheet from
// a buffer only then. A failed export leaves no part of a sheet anywhere.
type exportSheet struct {
	io.Writer
	f      *atomicFile   // nil for stdout
	buf    *bytes.Buffer // the sheet for stdout
	stdout io.Writer
}

// createExport starts the sheet of an export to path ("-" for stdout).
func createExport(path string, stdout io.Writer) (*exportSheet, error) {
	if path == "-" {
		buf := &bytes.Buffer{}
		return &exportSheet{Writer: buf, buf: buf, stdout: stdout}, nil
	}
	f, err := createAtomic(path, 0o644)
	if err != nil {
		return nil, err
	}
	return &exportSheet{Writer: f, f: f}, nil
}

// finish puts the whole sheet in place: the file over its name, or the
// buffer on stdout.
func (s *exportSheet) finish() error {
	if s.f != nil {
		return s.f.commit()
	}
	_, err := s.stdout.Write(s.buf.Bytes())
	return err
}

// discard drops the temporary file of a sheet finish has not put in place.
func (s *exportSheet) discard() { s.f.discard() }

// exportFailed is the exit of an export that ended with err or was
// interrupted (the message says how far it got); failed is false when
// the export succeeded.
func (c *command) exportFailed(ctx context.Context, err error, interrupted string) (code int, failed bool) {
	switch {
	case ctx.Err() != nil:
		return c.fail(exitInterrupted, "%s", interrupted), true
	case err != nil && errors.Is(err, bulk.ErrSystemic):
		return c.fail(exitSystemic, "%v%s", err, flagHint(err)), true
	case err != nil:
		return c.fail(exitRowsFailed, "%v", err), true
	}
	return 0, false
}

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

// createExport starts the sheet of an export to path ("-" for stdout). A
// file it replaces is kept (see createOutput).
func (c *command) createExport(path string) (*exportSheet, error) {
	if path == "-" {
		buf := &bytes.Buffer{}
		return &exportSheet{Writer: buf, buf: buf, stdout: c.env.stdout}, nil
	}
	f, err := createOutput(path, 0o644, c.start)
	if err != nil {
		return nil, err
	}
	return &exportSheet{Writer: f, f: f}, nil
}

// finishExport puts the whole sheet in place: the file over its name
// (saying where a file it replaced is kept), or the buffer on stdout.
func (c *command) finishExport(s *exportSheet) error {
	if s.f != nil {
		err := s.f.commit()
		c.noteKept(s.f)
		return err
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
		return c.fail(exitSystemic, "%s%s", errText(err), flagHint(err)), true
	case err != nil:
		return c.fail(exitRowsFailed, "%s", errText(err)), true
	}
	return 0, false
}

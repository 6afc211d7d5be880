package bulk

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// sheetWriter writes call centers as rows of a bulk sheet of the columns
// of sheetHeader: the before-images of BackupTo and the rows of ExportCSV.
// The header goes out with the first row (or at flush, when there is
// none). Rows come from several workers.
type sheetWriter struct {
	mu     sync.Mutex
	w      *csv.Writer
	header []string
	wrote  bool
}

// sheetHeader is the header of the sheets bulk writes: every column but
// the password, service provider, group and id first, then as many alias
// columns as a call center may have.
func sheetHeader() []string {
	h := []string{"serviceProviderId", "groupId", "serviceUserId"}
	for _, c := range callcenter.Columns() {
		if !slices.Contains(h, c.Field) && c.Field != passwordColumn {
			h = append(h, c.Field)
		}
	}
	for i := range callcenter.MaxAliases {
		h = append(h, fmt.Sprintf(callcenter.AliasField, i))
	}
	return h
}

func newSheetWriter(w io.Writer, header []string) *sheetWriter {
	return &sheetWriter{w: csv.NewWriter(w), header: header}
}

// write writes cc as a row; null, when not nil, names the columns
// written as null instead of cc's value.
func (sw *sheetWriter) write(cc *callcenter.CallCenter, null func(col string) bool) error {
	rec := sw.record(cc, null)
	sw.mu.Lock()
	defer sw.mu.Unlock()
	return sw.put(rec)
}

// record is cc's row (see write).
func (sw *sheetWriter) record(cc *callcenter.CallCenter, null func(col string) bool) []string {
	rec := make([]string, len(sw.header))
	for i, col := range sw.header {
		if null != nil && null(col) {
			rec[i] = nullCell
		} else {
			rec[i] = cc.Get(col)
		}
	}
	return rec
}

// put writes rec, after the header when it is the first; sw.mu is held.
func (sw *sheetWriter) put(rec []string) error {
	if !sw.wrote {
		if err := sw.w.Write(sw.header); err != nil {
			return err
		}
		sw.wrote = true
	}
	return sw.w.Write(rec)
}

// flush writes what is buffered (the header, when no row was written).
func (sw *sheetWriter) flush() error {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if !sw.wrote {
		if err := sw.w.Write(sw.header); err != nil {
			return err
		}
		sw.wrote = true
	}
	sw.w.Flush()
	return sw.w.Error()
}

// writeFlushed writes rec and flushes it to the writer underneath, before
// write returns (a before-image is on disk before its write is sent).
func (sw *sheetWriter) writeFlushed(rec []string) error {
	sw.mu.Lock()
	defer sw.mu.Unlock()
	if err := sw.put(rec); err != nil {
		return err
	}
	sw.w.Flush()
	return sw.w.Error()
}

// backupError is the failure to write a before-image. It will fail every
// later modify and delete alike (a full disk, a file that cannot be
// written), so it stops the run, as a systemic failure does.
type backupError struct{ err error }

func (e *backupError) Error() string { return "writing the backup: " + e.err.Error() }
func (e *backupError) Unwrap() error { return e.err }

// Is makes a backup failure match ErrBackup.
func (e *backupError) Is(target error) bool { return target == ErrBackup }

// backupRow writes stored, the call center a modify of fields (nil: a
// delete) is about to change, to the backup (a *backupError when it
// cannot). A field the modify sets that
// stored leaves empty is written as null, so that applying the backup
// clears it again, where the platform can clear it.
func (r *run) backupRow(stored *callcenter.CallCenter, fields []string) error {
	b := r.backup
	if b == nil {
		return nil
	}
	aliases := slices.Contains(fields, aliasesField)
	null := func(col string) bool {
		switch idx, isAlias := aliasColumn(col); {
		case isAlias:
			return aliases && idx >= len(stored.Profile.Aliases)
		default:
			return stored.Get(col) == "" && slices.Contains(fields, col) && r.clearable(*stored, col)
		}
	}
	if err := b.writeFlushed(b.record(stored, null)); err != nil {
		return &backupError{err}
	}
	return nil
}

// clearable reports whether the platform can clear field of cc (its
// modify builder accepts the field unset).
func (r *run) clearable(cc callcenter.CallCenter, field string) bool {
	_ = cc.Unset(field)
	_, err := r.apply.BuildModify(cc, []string{field})
	return err == nil
}

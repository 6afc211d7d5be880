package bulk

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// backupWriter writes the before-images of BackupTo as a bulk sheet of
// every column but the password. Rows come from several workers.
type backupWriter struct {
	mu     sync.Mutex
	w      *csv.Writer
	header []string
	wrote  bool
}

func newBackupWriter(w io.Writer) *backupWriter {
	h := []string{"serviceProviderId", "groupId", "serviceUserId"}
	for _, c := range callcenter.Columns() {
		if !slices.Contains(h, c.Field) && c.Field != passwordColumn {
			h = append(h, c.Field)
		}
	}
	for i := range callcenter.MaxAliases {
		h = append(h, fmt.Sprintf(callcenter.AliasField, i))
	}
	return &backupWriter{w: csv.NewWriter(w), header: h}
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
	rec := make([]string, len(b.header))
	aliases := slices.Contains(fields, aliasesField)
	for i, col := range b.header {
		v := stored.Get(col)
		switch idx, isAlias := aliasColumn(col); {
		case isAlias:
			if aliases && idx >= len(stored.Profile.Aliases) {
				v = nullCell
			}
		case v == "" && slices.Contains(fields, col) && r.clearable(*stored, col):
			v = nullCell
		}
		rec[i] = v
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.wrote {
		if err := b.w.Write(b.header); err != nil {
			return &backupError{err}
		}
		b.wrote = true
	}
	if err := b.w.Write(rec); err != nil {
		return &backupError{err}
	}
	b.w.Flush() // each row reaches w before its write is sent
	if err := b.w.Error(); err != nil {
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

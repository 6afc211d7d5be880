package bulk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
)

// The results file: written by ResultsTo as rows finish, read back by
// Resume, which reruns only the rows that did not end well.

// previous loads the earlier results given to Resume or ResumeResults.
func (c *config) previous() (map[int]record, error) {
	switch {
	case c.resume != nil:
		return readRecords(c.resume)
	case c.prev != nil:
		m := make(map[int]record, len(c.prev))
		for _, r := range c.prev {
			// A deletion is no sheet row: it counts only for a plan's.
			rec := record{Index: r.Index, Success: r.Success, Status: r.Status, Planned: r.Planned, Prune: r.Prune || r.Status == StatusDeleted, data: r.data}
			rec.id = r.Data().ServiceUserID
			if st, ok := r.Staffing(); ok {
				rec.staff = &st
			}
			m[r.Index] = rec
		}
		return m, nil
	}
	return nil, nil
}

// record is what Resume needs of an earlier result.
type record struct {
	Index     int             `json:"index"`
	Success   bool            `json:"success"`
	Status    Status          `json:"status"`
	Planned   bool            `json:"planned"`
	Prune     bool            `json:"prune"`
	Operation string          `json:"operation"`
	Raw       json.RawMessage `json:"data"`

	id    string               // the service user id of the result's data
	data  packed.CallCenter    // the result's data; zero when it could not be read
	staff *callcenter.Staffing // the staffing of an agent sheet's result
}

// read fills id and data from Raw (and drops Raw).
func (r *record) read() {
	if r.Operation == StaffingOperation {
		var st callcenter.Staffing
		if err := json.Unmarshal(r.Raw, &st); err == nil {
			r.id, r.staff = st.ServiceUserID, &st
		}
		r.Raw = nil
		return
	}
	var cc callcenter.CallCenter
	if err := json.Unmarshal(r.Raw, &cc); err == nil {
		r.id, r.data = cc.ServiceUserID, packed.Pack(&cc)
	} else {
		var id struct {
			ServiceUserID string `json:"service_user_id"`
		}
		_ = json.Unmarshal(r.Raw, &id)
		r.id = id.ServiceUserID
	}
	r.Raw = nil
}

// asks reports whether the earlier result is for what row asks now: every
// cell the row sets holds the same value in the result's data (the row
// after defaults; for an apply, what the modify left). A row edited since
// the earlier run asks for something else: it is not done. Where it cannot
// tell (no data, a null alias cell), the row is not done either: running
// it again is safe (a create is settled by comparison, an apply by
// reading), reporting it done is not.
func (r *record) asks(rw *row) bool {
	if rw.staff != nil {
		return r.asksStaffing(rw.staff)
	}
	if r.data.IsZero() {
		return false
	}
	prev := r.data.Unpack()
	now := rw.cc
	now.ApplyDefaults() // as the earlier run's data was
	for _, f := range rw.cc.SetFields() {
		switch _, alias := aliasColumn(f); {
		case f == "serviceUserId" || f == passwordColumn:
			// The id was compared by the identity rule; a password is
			// never in a result.
		case alias:
			if !slices.Contains(prev.Profile.Aliases, now.Get(f)) {
				return false
			}
		case now.Get(f) != prev.Get(f):
			return false
		}
	}
	for _, f := range rw.nulls {
		if v := prev.Get(f); v != "" && !storedNull(v) {
			return false
		}
	}
	for _, c := range rw.aliases {
		if c.null {
			return false
		}
	}
	return true
}

// maxResultLine bounds one line of a results file.
const maxResultLine = 16 << 20

// readRecords reads a JSON Lines results file (as [ResultsTo] writes it).
// Later lines for the same index win. The results of deletions (marked
// prune, or deleted: results files of earlier versions have no mark) are
// no sheet rows: they are marked Prune, and count only for the deletions
// of a plan (a sheet row that takes the index of an earlier deletion is
// run). A last line cut short (no line break, not
// JSON: the run died while writing it, or the disk filled up) is the
// result of a row that is then run again, as if it had none; a damaged
// line before the last is an error.
func readRecords(r io.Reader) (map[int]record, error) {
	out := make(map[int]record)
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		b, err := readLine(br)
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("bulk: resume: reading results line %d: %w", line, err)
		}
		whole := len(b) > 0 && b[len(b)-1] == '\n'
		if trimmed := bytes.TrimSpace(b); len(trimmed) > 0 {
			var rec record
			if jerr := json.Unmarshal(trimmed, &rec); jerr != nil {
				if !whole && err == io.EOF {
					break // torn last line
				}
				return nil, fmt.Errorf("bulk: resume: results line %d: %w", line, jerr)
			}
			rec.Prune = rec.Prune || rec.Status == StatusDeleted
			rec.read()
			out[rec.Index] = rec
		}
		if err == io.EOF {
			break
		}
	}
	return out, nil
}

// readLine reads one line with its line break (none at the end of the
// input), of at most maxResultLine bytes.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxResultLine {
			return nil, fmt.Errorf("longer than %d bytes", maxResultLine)
		}
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// writeLine writes r as one JSON line with a single Write call.
func writeLine(w io.Writer, r Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// done reports whether the earlier result took effect: a dry run's
// validated rows and a plan's rows did not.
func (r *record) done() bool {
	return r.Success && r.Status != StatusValidated && !r.Planned
}

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/bulk"
)

// TestSummaryGroupsCauses: rows failing alike group under one cause
// whatever their own values; the summary lists at most ten causes, most
// frequent first, and counts the rest.
func TestSummaryGroupsCauses(t *testing.T) {
	tl := newTally(0)
	add := func(i int, st bulk.Status, err error) {
		// A result with data, as a results file holds it.
		var r bulk.Result
		if jerr := json.Unmarshal(fmt.Appendf(nil, `{"index":%d,"line":%d,"data":{"service_user_id":"cc%d@example.com"}}`, i, i+2, i), &r); jerr != nil {
			t.Fatal(jerr)
		}
		r.Status, r.Err, r.Success = st, err, err == nil
		tl.add(r)
	}
	i := 0
	for ; i < 3; i++ {
		add(i, bulk.StatusCreated, nil)
	}
	for ; i < 10; i++ {
		add(i, bulk.StatusExists, fmt.Errorf("a call center %q exists with other data: queueLength: want \"%d\", stored \"3\"", fmt.Sprintf("cc%d@example.com", i), i))
	}
	for ; i < 12; i++ {
		add(i, bulk.StatusInvalid, &bulk.RowError{Row: i, Line: i + 2, Column: "wrapUpSeconds", Err: fmt.Errorf("invalid integer %q", fmt.Sprint(i, "x"))})
	}
	for k := range 12 {
		add(i, bulk.StatusFailed, fmt.Errorf("[Error %d] refused for cc%d@example.com", 5000+k, i))
		i++
	}
	var b bytes.Buffer
	tl.summary(&b, 2*time.Second)
	out := b.String()
	for _, want := range []string{
		"24 rows in 2s (12 rows/s): 3 created, 7 exists, 2 invalid, 12 failed\n",
		"21 rows did not end well:\n",
		`     7 exists: a call center "…" exists with other data: queueLength: want "…", stored "…" (line 5: "3", "3"; line 6: "4", "3"; line 7: "5", "3"; line 8: "6", "3"; line 9: "7", "3" and 2 more)`,
		`     2 invalid: column wrapUpSeconds: invalid integer "…" (line 12: "10x"; line 13: "11x")`,
		"     1 failed: [Error 5000] refused for … (line 14)",
		"     4 rows for 4 other causes (see -results or -failed)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 2+10+1 {
		t.Errorf("%d lines:\n%s", n, out)
	}
	// The reason of a row error, for the failed sheet, drops "row N (line L)".
	if got := tl.failed[10]; got != `invalid: column wrapUpSeconds: invalid integer "10x"` {
		t.Errorf("reason %q", got)
	}
	// A systemic cause names the flags to check.
	tl = newTally(1)
	tl.add(bulk.Result{Index: 0, Status: bulk.StatusSkipped, Err: fmt.Errorf("not sent: %w", errors.Join(bulk.ErrLoginRefused, errors.New("login refused for admin@example.com")))})
	b.Reset()
	tl.summary(&b, time.Second)
	if !strings.Contains(b.String(), ": check -user and $BW_PASSWORD (row 1)") {
		t.Errorf("systemic: %s", b.String())
	}
}

package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/bulk"
)

// TestProgressLine: the line shows done of total, percent, rate, rows not
// ok and the time left; without a total, just the count.
func TestProgressLine(t *testing.T) {
	p := newProgress(&bytes.Buffer{}, -1, false, time.Second)
	p.total = 10000
	p.last = bulk.Progress{Done: 1500, Total: 10000, Failed: 12, Elapsed: 3 * time.Second, Rate: 500}
	if got, want := p.line(time.Now()), "1500/10000 rows (15%), 500 rows/s, 12 not ok, ETA 17s"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
	p.total, p.last = 0, bulk.Progress{Done: 7, Elapsed: time.Second, Rate: 7}
	if got, want := p.line(time.Now()), "7 rows, 7 rows/s"; got != want {
		t.Errorf("line %q, want %q", got, want)
	}
	p.start, p.total, p.last = time.Now().Add(-4*time.Second), 50, bulk.Progress{}
	if got := p.line(time.Now()); !strings.HasPrefix(got, "0/50 rows (0%), 4s, waiting") {
		t.Errorf("line %q", got)
	}
}

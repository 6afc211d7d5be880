package main

import (
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

// TestSilentLoginStopsTheRunCLI: the built tool, in its own process, aimed
// at a port that takes the connection and never answers the login, stops
// after one -timeout instead of one per row: exit 3, the other 294 rows
// skipped, and a hint that says what to check.
func TestSilentLoginStopsTheRunCLI(t *testing.T) {
	addr := hostiletest.SilentServer(t)
	in := sheet(t, 295, nil)
	start := time.Now()
	o := tool(t, goodPassword, "-host", addr, "-transport", "tcp", "-user", "admin@example.com", "-csv", in, "-timeout", "1s")
	t.Logf("295 rows against a silent port, -timeout 1s: exit %d after %v\n%s", o.code, time.Since(start).Round(time.Millisecond), o.stderr)
	if o.code != exitSystemic || !strings.Contains(o.stderr, "run stopped at line ") || !strings.Contains(o.stderr, "294 skipped") ||
		!strings.Contains(o.stderr, "answers no OCI-P: is this the plain OCI-P port (2208)") {
		t.Errorf("exit %d, want %d, stopping with the hint\n%s", o.code, exitSystemic, o.stderr)
	}
}

package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
)

// TestParse: -h prints the usage under the program's name to stdout and
// ends with 0; a bad flag or a stray argument says so on stderr, with the
// hint, and ends with 2; good flags go on.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		args         []string
		code         int
		done         bool
		stdout, errs string
	}{
		{[]string{"-h"}, 0, true, "Usage: demo [flags]\n\nDemo does things.\n\nFlags:\n  -base-url URL", ""},
		{[]string{"-help"}, 0, true, "Usage: demo [flags]", ""},
		{[]string{"-nope"}, 2, true, "", "demo: flag provided but not defined: -nope\nRun 'demo -h' for usage.\n"},
		{[]string{"extra"}, 2, true, "", "demo: unexpected argument \"extra\" (flags only)\nRun 'demo -h' for usage.\n"},
		{[]string{"-debug", "-base-url", "https://x.example.com"}, 0, false, "", ""},
	} {
		p := New("demo", "Demo does things.\n")
		base := p.BaseURL("", "the `URL`")
		var stdout, stderr bytes.Buffer
		code, done := p.parse(tc.args, &stdout, &stderr)
		if code != tc.code || done != tc.done || !strings.HasPrefix(stdout.String(), tc.stdout) || stderr.String() != tc.errs {
			t.Errorf("%v: code %d, done %v, stdout %q, stderr %q", tc.args, code, done, stdout.String(), stderr.String())
		}
		if !done && (!p.Debug() || *base != "https://x.example.com" || p.Logger() == nil) {
			t.Errorf("%v: debug %v, base %q", tc.args, p.Debug(), *base)
		}
	}
}

// TestDebugFromEnvironment: CALLCENTER_DEBUG=1 switches -debug on by
// default; -debug=false switches it off again. Off, there is no logger.
func TestDebugFromEnvironment(t *testing.T) {
	t.Setenv(DebugEnv, "1")
	p := New("demo", "")
	if _, done := p.parse(nil, &bytes.Buffer{}, &bytes.Buffer{}); done || !p.Debug() {
		t.Errorf("%s=1: debug %v", DebugEnv, p.Debug())
	}
	p = New("demo", "")
	if _, done := p.parse([]string{"-debug=false"}, &bytes.Buffer{}, &bytes.Buffer{}); done || p.Debug() || p.Logger() != nil {
		t.Errorf("-debug=false: debug %v", p.Debug())
	}
	t.Setenv(DebugEnv, "")
	if p := New("demo", ""); p.Debug() {
		t.Error("debug on without the variable")
	}
}

// TestLine: a row of a sheet shows its line; a prune's deletion, a call
// center given as data and a plan entry without a line show "-", never a
// 0-based index.
func TestLine(t *testing.T) {
	for _, c := range []struct {
		r    bulk.Result
		want string
	}{
		{bulk.Result{Index: 0, Line: 2}, "2"},
		{bulk.Result{Index: 7, Line: 12}, "12"},
		{bulk.Result{Index: 3}, "-"},
		{bulk.Result{Index: 9, Line: 4, Prune: true}, "-"},
	} {
		if got := Line(c.r); got != c.want {
			t.Errorf("Line(index %d, line %d, prune %v) = %q, want %q", c.r.Index, c.r.Line, c.r.Prune, got, c.want)
		}
	}
}

// Package cli is what the example programs share on their command line, so
// that they all read alike: the usage printed under the program's own name
// (not the temporary path of `go run`), -h, and -debug (also switched on by
// CALLCENTER_DEBUG=1), an interrupt that cancels the work in hand, and how
// a failure ends the program. The flags for the same idea are spelled the
// same in every program: -base-url for a REST API's base URL, -host for a
// BroadWorks server (as in bulk-csv).
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
)

// Main runs the program name: run registers its flags on cmd, calls
// cmd.Parse and does the work under ctx, which ends on an interrupt
// (Ctrl-C) or SIGTERM, so that the clients' deferred Close still runs. An
// error from run ends the program as [Program.Exit] does.
func Main(name, about string, run func(ctx context.Context, cmd *Program) error) {
	cmd := New(name, about)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, cmd)
	stop()
	if err != nil {
		cmd.Exit(err)
	}
}

// DebugEnv is the environment variable that switches -debug on by default.
const DebugEnv = "CALLCENTER_DEBUG"

// Program is the command line of one example program.
type Program struct {
	*flag.FlagSet
	name, about string
	debug       bool
}

// New returns the command line of the program name, whose usage starts
// with "Usage: name [flags]" and about (a few lines saying what it does),
// with -debug registered.
func New(name, about string) *Program {
	p := &Program{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), name: name, about: strings.TrimSpace(about)}
	p.SetOutput(io.Discard) // Parse says what went wrong, once
	p.BoolVar(&p.debug, "debug", os.Getenv(DebugEnv) == "1",
		"log every request to stderr, secrets redacted (default on with "+DebugEnv+"=1)")
	return p
}

// BaseURL registers -base-url, the base URL of a REST API.
func (p *Program) BaseURL(value, usage string) *string { return p.String("base-url", value, usage) }

// Host registers -host, a BroadWorks server as host or host:port.
func (p *Program) Host(value, usage string) *string { return p.String("host", value, usage) }

// Parse parses args (os.Args[1:]). On -h it prints the usage to stdout
// and exits 0; on a bad flag it prints the problem and a hint to stderr
// and exits 2, as bulk-csv does.
func (p *Program) Parse(args []string) {
	if code, done := p.parse(args, os.Stdout, os.Stderr); done {
		os.Exit(code)
	}
}

// parse is Parse without the exit: done says the program should end with
// code.
func (p *Program) parse(args []string, stdout, stderr io.Writer) (code int, done bool) {
	err := p.FlagSet.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		p.PrintUsage(stdout)
		return 0, true
	case err != nil:
		fmt.Fprintf(stderr, "%s: %v\nRun '%s -h' for usage.\n", p.name, err, p.name)
		return 2, true
	case p.NArg() > 0:
		fmt.Fprintf(stderr, "%s: unexpected argument %q (flags only)\nRun '%s -h' for usage.\n", p.name, p.Arg(0), p.name)
		return 2, true
	}
	return 0, false
}

// Exit ends the program after err: it prints err on stderr, naming the
// program unless err already starts with its name (the SDK's errors start
// with their package's, and apio, livevox, ucontact and offices are named
// after theirs), and exits 1.
func (p *Program) Exit(err error) {
	msg := err.Error()
	if !strings.HasPrefix(msg, p.name+": ") {
		msg = p.name + ": " + msg
	}
	fmt.Fprintln(os.Stderr, msg)
	os.Exit(1)
}

// Fail reports a misuse of the flags the way Parse does (the problem and
// a hint on stderr) and exits 2.
func (p *Program) Fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s: %s\nRun '%s -h' for usage.\n", p.name, fmt.Sprintf(format, args...), p.name)
	os.Exit(2)
}

// PrintUsage writes the usage: the synopsis, what the program does and
// its flags.
func (p *Program) PrintUsage(w io.Writer) {
	fmt.Fprintf(w, "Usage: %s [flags]\n\n", p.name)
	if p.about != "" {
		fmt.Fprintf(w, "%s\n\n", p.about)
	}
	fmt.Fprintln(w, "Flags:")
	p.SetOutput(w)
	p.PrintDefaults()
	p.SetOutput(io.Discard)
}

// Debug reports whether -debug is on.
func (p *Program) Debug() bool { return p.debug }

// Logger returns the logger of -debug: debug records as text on stderr
// (see DebugLogger). Without -debug it returns nil (the SDK's clients are
// silent by default).
func (p *Program) Logger() *slog.Logger {
	if !p.debug {
		return nil
	}
	return DebugLogger(os.Stderr)
}

// DebugLogger is the logger of every program's -debug: the clients' debug
// records as text on w, and the OCI-P client's documents, sent and
// received, redacted (broadworks.LevelDocument, shown as level DOC).
func DebugLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{
		Level: broadworks.LevelDocument,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.LevelKey && len(groups) == 0 && a.Value.Any() == broadworks.LevelDocument {
				a.Value = slog.StringValue("DOC")
			}
			return a
		},
	}))
}

// Line is the LINE cell of a result in the programs' tables: its line in
// the sheet as a spreadsheet numbers it, or "-" for one that has none (a
// prune's deletion, a call center given as data, an entry of a plan that
// did not keep lines).
func Line(r bulk.Result) string {
	if r.Line > 0 && !r.Prune {
		return strconv.Itoa(r.Line)
	}
	return "-"
}

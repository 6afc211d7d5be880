package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
)

// The in-process fake server the tool runs against without -host, and
// with -fake-state FILE its platform kept from one run to the next: loaded
// from FILE when the run starts (a missing FILE is an empty platform),
// saved back when it ends, whatever the run's outcome, so that a sequence
// of runs (create, export, edit, plan, apply, prune) rehearses a change
// with no server. The file holds the call centers' passwords: it is
// written with mode 0600, to a temporary file renamed over it.

// Two runs on one state would each save only their own changes, the last
// to end losing the other's: a run holds the state's lock (FILE.lock, where
// the system has flock) from its start to its save, and a run that finds
// the file changed since it loaded it (where there is no lock) saves beside
// it instead of over it.

// errStateBusy is a -fake-state file that another run holds.
var errStateBusy = errors.New("another bulk-csv run is using it")

// startFake starts the fake, with the state of -fake-state. It returns nil
// and an exit code when the state cannot be read.
func (c *command) startFake() (*broadworkstest.Server, int) {
	fake := broadworkstest.NewServer()
	msg := "no -host: using an in-process fake BroadWorks server"
	if c.o.dryRun {
		// A dry run sends nothing: the fake is only there to build the
		// commands with, and not worth a line but for its state.
		msg = ""
		if c.o.fakeState != "" {
			msg = "-dry-run: nothing is sent"
		}
	}
	if path := c.o.fakeState; path != "" {
		unlock, err := lockState(path)
		if err != nil {
			fake.Close()
			if errors.Is(err, errStateBusy) {
				return nil, c.fail(exitUsage, "-fake-state %s: %v: wait for it to end (two runs on one state would each save only their own changes)", path, err)
			}
			return nil, c.fail(exitUsage, "-fake-state %s: %v", path, err)
		}
		c.unlockState = unlock
		b, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			msg += fmt.Sprintf(" (-fake-state %s: new, empty; saved at the end)", path)
		case err != nil:
			fake.Close()
			return nil, c.fail(exitUsage, "-fake-state %s: %v", path, err)
		default:
			if err := fake.LoadState(bytes.NewReader(b)); err != nil {
				fake.Close()
				return nil, c.fail(exitUsage, "-fake-state %s: %v (a file bulk-csv -fake-state wrote is needed; name a new file to start empty)", path, err)
			}
			c.stateLoaded = b
			msg += fmt.Sprintf(" (-fake-state %s: %s)", path, plural(len(fake.CallCenters()), "call center"))
		}
	}
	if msg != "" {
		fmt.Fprintln(c.env.stderr, msg)
	}
	return fake, exitOK
}

// closeFake saves the fake's state to -fake-state (a run that cannot save
// it does not exit 0) and stops the fake.
func (c *command) closeFake(code int) int {
	defer c.fake.Close()
	if c.o.verbose {
		s := c.fake.Stats()
		fmt.Fprintf(c.env.stderr, "fake server: %d connections, %d logins, %d documents, %d commands, %d adds, %d modifies, %d deletes\n",
			s.Connections, s.Logins, s.Documents, s.Commands, s.Adds, s.Modifies, s.Deletes)
	}
	if c.o.fakeState == "" {
		return code
	}
	if c.unlockState != nil {
		defer c.unlockState()
	}
	path := c.o.fakeState
	if now, err := os.ReadFile(path); !errors.Is(err, fs.ErrNotExist) && !bytes.Equal(now, c.stateLoaded) || errors.Is(err, fs.ErrNotExist) && c.stateLoaded != nil {
		// Changed (or removed) since this run loaded it: another run
		// saved its own changes there. Overwriting would lose them.
		path = strings.TrimSuffix(path, ".json") + ".conflict-" + c.start.Format("20060102-150405") + ".json"
		fmt.Fprintf(c.env.stderr, "bulk-csv: -fake-state %s changed since this run loaded it (another run saved it): it is left as it is, and this run's platform is saved to %s\n", c.o.fakeState, path)
		if code == exitOK {
			code = exitRowsFailed
		}
	}
	f, err := createAtomic(path, 0o600)
	if err == nil {
		if err = c.fake.SaveState(f); err == nil {
			err = f.commit()
		}
		f.discard()
	}
	if err != nil {
		fmt.Fprintf(c.env.stderr, "bulk-csv: -fake-state %s: the fake's state was not saved: %v\n", path, err)
		if code == exitOK {
			code = exitRowsFailed
		}
		return code
	}
	fmt.Fprintf(c.env.stderr, "fake state saved to %s (%s)\n", path, plural(len(c.fake.CallCenters()), "call center"))
	return code
}

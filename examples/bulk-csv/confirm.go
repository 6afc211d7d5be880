package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// planPeek is what the tool reads of a plan written by bulk.PlanTo: its
// actions, to count and list the deletes before anything is written.
type planPeek struct {
	Format  string `json:"format"`
	Entries []struct {
		Index             int    `json:"index"`
		Action            string `json:"action"`
		ServiceProviderID string `json:"service_provider_id"`
		GroupID           string `json:"group_id"`
		ServiceUserID     string `json:"service_user_id"`
	} `json:"entries"`
}

// deletion is a call center a plan deletes.
type deletion struct{ sp, group, id string }

// peekPlan reads a plan's deletes and its number of entries.
func peekPlan(plan []byte) (dels []deletion, entries int, err error) {
	var p planPeek
	if err := json.Unmarshal(plan, &p); err != nil {
		return nil, 0, fmt.Errorf("not a plan written by bulk-csv -plan -plan-out: %w", err)
	}
	if p.Format == "" {
		return nil, 0, fmt.Errorf("not a plan written by bulk-csv -plan -plan-out")
	}
	for _, e := range p.Entries {
		if e.Action == "delete" {
			dels = append(dels, deletion{e.ServiceProviderID, e.GroupID, e.ServiceUserID})
		}
	}
	return dels, len(p.Entries), nil
}

// maxListed is how many deletes are listed when they are refused.
const maxListed = 20

// listDeletes prints the deletes of a run, all of them or the first max.
func listDeletes(w io.Writer, dels []deletion, max int) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  DELETE\tSERVICE USER ID\tGROUP")
	for i, d := range dels {
		if max > 0 && i == max {
			fmt.Fprintf(tw, "  …\tand %d more\t\n", len(dels)-max)
			break
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s/%s\n", i+1, d.id, d.sp, d.group)
	}
	tw.Flush()
}

// confirmDeletes decides whether the deletes of a run may go ahead, before
// anything is written: past -max-deletes never; with -yes yes; on a
// terminal when the user types yes; otherwise never, with how to go on
// (retry: how to review first; "" for a plan, reviewed when it was made).
// It returns ok, or the exit code of a run that wrote nothing.
func (c *command) confirmDeletes(dels []deletion, retry string) (ok bool, code int) {
	n := len(dels)
	w := c.env.stderr
	switch {
	case n == 0:
		return true, exitOK
	case n > c.o.maxDeletes:
		listDeletes(w, dels, maxListed)
		fmt.Fprintf(w, "bulk-csv: this run would delete %s, more than -max-deletes %d allows: nothing was written.\n"+
			"  Check that the sheet lists every call center of its groups (a filtered or partial sheet lists only some).\n"+
			"  To delete them all, run again with -max-deletes %d%s.\n", plural(n, "call center"), c.o.maxDeletes, n, yesUnless(c.o.yes))
		return false, exitUsage
	case c.o.yes:
		return true, exitOK
	case c.env.stdinTerminal && c.env.stdin != nil:
		listDeletes(w, dels, 0)
		fmt.Fprintf(w, "Delete these %s? Nothing has been written yet. Type yes to go on: ", plural(n, "call center"))
		line, _ := bufio.NewReader(c.env.stdin).ReadString('\n')
		if strings.EqualFold(strings.TrimSpace(line), "yes") {
			return true, exitOK
		}
		fmt.Fprintln(w, "bulk-csv: not confirmed: nothing was written.")
		return false, exitUsage
	}
	listDeletes(w, dels, maxListed)
	fmt.Fprintf(w, "bulk-csv: this run would delete %s: nothing was written.\n", plural(n, "call center"))
	if retry == "" { // a plan: it was reviewed when it was made
		fmt.Fprintln(w, "  Deletes need -yes when no one is at a terminal to confirm them. These are the plan's:\n"+
			"  to carry them out, run the same command with -yes")
		return false, exitUsage
	}
	fmt.Fprintf(w, "  Deletes need -yes when no one is at a terminal to confirm them. To go on, either:\n"+
		"    review first: %s\n"+
		"    or at once:   run the same command with -yes\n", retry)
	return false, exitUsage
}

func yesUnless(yes bool) string {
	if yes {
		return ""
	}
	return " -yes"
}

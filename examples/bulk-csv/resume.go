package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// earlier is what checkResume reads of a results line.
type earlier struct {
	Index int  `json:"index"`
	Prune bool `json:"prune"`
	Data  struct {
		ServiceUserID string `json:"service_user_id"`
	} `json:"data"`
}

// checkResume looks at the -resume file before the run: a last line cut
// off (a run that died while writing it) is said, and the results of
// another sheet (most rows name other call centers than their earlier
// results) are refused with one usage error, instead of one error per row.
// ok is false with the exit code when the run must not go on.
func (c *command) checkResume() (code int, ok bool) {
	prev, torn, err := readEarlier(c.o.resume)
	if err != nil {
		return c.fail(exitUsage, "-resume %s: %v", c.o.resume, err), false
	}
	if torn {
		fmt.Fprintf(c.env.stderr, "note: the last line of %s is cut off (the run that wrote it stopped while writing it): that row runs again\n", c.o.resume)
	}
	if len(prev) == 0 {
		return exitOK, true
	}
	ids, err := c.sheetIDs()
	if err != nil {
		return c.fail(exitUsage, "%s: %v", c.o.csv, err), false
	}
	var same, other int
	var example string
	for _, r := range ids {
		was, found := prev[r.index]
		if !found || was == "" || r.id == "" {
			continue
		}
		if callcenter.SameUserID(was, r.id) {
			same++
			continue
		}
		other++
		if example == "" {
			example = fmt.Sprintf("line %d is %s, its result is for %s", r.line, r.id, was)
		}
	}
	if other > same {
		return c.fail(exitUsage, "-resume %s holds the results of another sheet: %d of the %d rows it has results for name other call centers in %s (%s).\n"+
			"  Resume with the results of a run of this sheet, or run it without -resume", c.o.resume, other, other+same, c.o.csv, example), false
	}
	return exitOK, true
}

// readEarlier reads the service user id of each row result of a results
// file, and whether its last line is cut off.
func readEarlier(path string) (ids map[int]string, torn bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	ids = map[int]string{}
	br := bufio.NewReader(f)
	for line := 1; ; line++ {
		b, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			return nil, false, rerr
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			var e earlier
			if jerr := json.Unmarshal(t, &e); jerr != nil {
				if rerr == io.EOF && !bytes.HasSuffix(b, []byte("\n")) {
					return ids, true, nil
				}
				return nil, false, fmt.Errorf("line %d is not a result (a JSON Lines file of -results is needed): %v", line, jerr)
			}
			if !e.Prune {
				ids[e.Index] = e.Data.ServiceUserID
			}
		}
		if rerr == io.EOF {
			return ids, false, nil
		}
	}
}

// sheetRow is a row's index, line and service user id.
type sheetRow struct {
	index, line int
	id          string
}

// sheetIDs reads the service user id of each row of the sheet.
func (c *command) sheetIDs() ([]sheetRow, error) {
	f, err := os.Open(c.o.csv)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sh, err := bulk.ReadCSV(f, c.csvOptions()...)
	if err != nil {
		return nil, err
	}
	col := slices.IndexFunc(sh.Header, func(h string) bool { return strings.EqualFold(h, "serviceUserId") })
	var out []sheetRow
	for r, err := range sh.Rows() {
		if err != nil {
			return nil, err
		}
		if col >= 0 && col < len(r.Cells) {
			out = append(out, sheetRow{r.Index, r.Line, strings.TrimSpace(r.Cells[col])})
		}
	}
	return out, nil
}

package ocip

import (
	"fmt"
	"strconv"
	"strings"
)

// ErrorResponse is the answer to a request the server refused.
// broadworks.Client.Do gives it as a *broadworks.Error, which also names
// the command it answers.
type ErrorResponse struct {
	// Type is the severity the server gave: "Error", "Warning" or "Info".
	Type string
	// Code is the errorCode element, or when the server left it out the N
	// of a summary that starts with "[Error N]"; 0 when neither is present.
	Code int
	// Summary is the message in the user's locale; SummaryEnglish in
	// English.
	Summary        string
	SummaryEnglish string
	// Detail is present on some errors.
	Detail string
}

// OCIType returns "ErrorResponse".
func (*ErrorResponse) OCIType() string { return "ErrorResponse" }

// decode reads the content of an ErrorResponse (its severity is an
// attribute: the caller sets Type).
func (e *ErrorResponse) decode(d *decoder, name []byte, empty bool) bool {
	var code string
	ok := d.children(name, empty, func(n []byte) bool {
		switch string(localPart(n)) {
		case "errorCode":
			return d.stringField(n, &code)
		case "summary":
			return d.stringField(n, &e.Summary)
		case "summaryEnglish":
			return d.stringField(n, &e.SummaryEnglish)
		case "detail":
			return d.stringField(n, &e.Detail)
		}
		return d.skip(n)
	})
	if !ok {
		return false
	}
	if s := strings.TrimSpace(code); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return d.typeError(fmt.Errorf("errorCode %q is not an integer", s))
		}
		e.Code = n
	} else if e.Code = summaryCode(e.Summary); e.Code == 0 {
		e.Code = summaryCode(e.SummaryEnglish)
	}
	return true
}

// summaryCode parses the N of "[Error N] ...".
func summaryCode(s string) int {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "[Error ")
	if !ok {
		return 0
	}
	num, _, ok := strings.Cut(rest, "]")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

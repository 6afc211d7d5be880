package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// referenceURL is where reference 000, the bulk sheet's format, comes from.
const referenceURL = "https://github.com/Fourteen-IP/mercury-ocip"

// sheetColumns are the columns of the sheet in the order -columns lists
// them: the operation, callcenter's table, the aliases.
func sheetColumns() []callcenter.Column {
	op := callcenter.Column{Field: "operation", MinType: callcenter.Basic, Description: "what to do with the row (optional: every row is a call center to create, or with -apply to make the server match)",
		Allowed: bulk.Operation}
	cols := append([]callcenter.Column{op}, callcenter.Columns()...)
	return append(cols, callcenter.AliasColumns()...)
}

// printColumns prints every column of the sheet, from callcenter's table:
// its meaning, the call-center types that accept it, whether it is
// required, its default, and the values it takes.
func printColumns(w io.Writer) {
	fmt.Fprintf(w, `The columns of a bulk sheet. The sheet is reference 000's: the call-center
bulk sheet of mercury-ocip (%s),
a CSV file with one call center per row under a header of these names, in
any order and any case. Only the required columns must be there (required:
a value once the defaults are applied). An empty cell takes the default when
a call center is created and keeps the stored value with -apply; a cell
"null" clears the value with -apply. Options of a type above the row's are
refused.

`, referenceURL)
	for _, c := range sheetColumns() {
		var facts []string
		if c.Required {
			facts = append(facts, "required")
		}
		facts = append(facts, "types: "+c.Types())
		if c.Default != "" {
			facts = append(facts, fmt.Sprintf("default: %s", c.Default))
		}
		fmt.Fprintf(w, "%s\n    %s\n    %s\n    values: %s\n", c.Field, c.Description, strings.Join(facts, "; "), c.Allowed)
	}
}

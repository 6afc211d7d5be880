package ocip

import "fmt"

// Table is an OCITable: column headings, then rows of columns. Look columns
// up by heading ([Table.Column]), never by position: servers may add or move
// columns.
type Table struct {
	Headings []string   `xml:"colHeading" json:"colHeading"`
	Rows     []TableRow `xml:"row" json:"row"`
}

// TableRow is one row of a [Table].
type TableRow struct {
	Cols []string `xml:"col" json:"col"`
}

// Column returns the index of the column headed heading, or -1.
func (t *Table) Column(heading string) int {
	for i, h := range t.Headings {
		if h == heading {
			return i
		}
	}
	return -1
}

// Value returns the cell of row under heading ("" when the column or the
// cell is missing).
func (t *Table) Value(row int, heading string) string {
	c := t.Column(heading)
	if c < 0 || row < 0 || row >= len(t.Rows) || c >= len(t.Rows[row].Cols) {
		return ""
	}
	return t.Rows[row].Cols[c]
}

// tableRows reads every row of t, the table named table, with row. A table
// without the key column is an error naming the columns it has; other
// missing columns are row's to read as empty.
func tableRows[T any](t *Table, table, key string, row func(t *Table, i int) T) ([]T, error) {
	if t.Column(key) < 0 {
		return nil, fmt.Errorf("broadworks: %s has no %q column (columns: %q)", table, key, t.Headings)
	}
	out := make([]T, len(t.Rows))
	for i := range t.Rows {
		out[i] = row(t, i)
	}
	return out, nil
}

// decodeTableIn reads the content of a response that holds the table
// named table (every other child skipped), appending to t.
func (d *decoder) decodeTableIn(name []byte, empty bool, table string, t *Table) bool {
	return d.children(name, empty, func(n []byte) bool {
		if string(localPart(n)) != table {
			return d.skip(n)
		}
		return d.struct_(n, func(n []byte) bool {
			switch string(localPart(n)) {
			case "colHeading":
				return d.appendString(n, &t.Headings)
			case "row":
				t.Rows = append(t.Rows, TableRow{})
				row := &t.Rows[len(t.Rows)-1]
				return d.struct_(n, func(n []byte) bool {
					if string(localPart(n)) != "col" {
						return d.skip(n)
					}
					if row.Cols == nil {
						row.Cols = make([]string, 0, max(len(t.Headings), 1))
					}
					return d.appendString(n, &row.Cols)
				})
			}
			return d.skip(n)
		})
	})
}

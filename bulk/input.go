package bulk

import (
	"io"
	"iter"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// The inputs of a run: a sheet, data, and (plan.go) a plan's entries.

// input turns the run's options into the rows to handle.
type input func(cfg *config) iter.Seq2[row, error]

func csvInput(src io.Reader) input {
	return func(cfg *config) iter.Seq2[row, error] { return csvRows(src, cfg.csv) }
}

func dataInput(data iter.Seq[callcenter.CallCenter]) input {
	return func(*config) iter.Seq2[row, error] {
		return func(yield func(row, error) bool) {
			i := 0
			for cc := range data {
				rw := row{index: i, cc: cc}
				rw.normalized = normalizeRow(&rw.cc)
				if !yield(rw, nil) {
					return
				}
				i++
			}
		}
	}
}

// slice yields copies of data's call centers.
func slice(data []callcenter.CallCenter) iter.Seq[callcenter.CallCenter] {
	return func(yield func(callcenter.CallCenter) bool) {
		for _, cc := range data {
			if !yield(cc.Clone()) {
				return
			}
		}
	}
}

// collectRows reads the whole input: Prune needs every row before it can
// know what the sheet leaves out.
func collectRows(in iter.Seq2[row, error]) ([]row, error) {
	var rows []row
	for rw, err := range in {
		if err != nil {
			return nil, err
		}
		rows = append(rows, rw)
	}
	return rows, nil
}

// replay yields rows again.
func replay(rows []row) iter.Seq2[row, error] {
	return func(yield func(row, error) bool) {
		for _, rw := range rows {
			if !yield(rw, nil) {
				return
			}
		}
	}
}

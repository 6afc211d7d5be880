package bulk

import (
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
)

// SetData sets the row r is for, as Data returns it: for tests that make
// results of their own.
func (r *Result) SetData(cc callcenter.CallCenter) { r.data = packed.Pack(&cc) }

// SetCommand sets the command Command returns (see SetData).
func (r *Result) SetCommand(cmd any) { r.cmd, r.create = cmd, false }

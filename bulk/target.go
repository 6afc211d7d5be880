package bulk

import (
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/platform"
)

// Target is a platform bulk runs on: pass a *broadworks.Client or an
// *apio.Client. A platform package satisfies it with the one method
// BulkOps, so that the operations bulk runs stay off the client's own API
// and no platform package imports bulk (the contract between them is
// package platform).
//
// Every run needs the [platform.Ops]; [ApplyFromCSV], [ApplyPlan] and
// [ExportCSV] need the optional methods they use too ([platform.Applier],
// [platform.Lister]), and a run whose Target lacks them returns an error
// before it reads anything.
type Target interface {
	// BulkOps returns the operations bulk runs on the platform. It must be
	// cheap: bulk calls it once per run.
	BulkOps() platform.Ops
}

// pureBuilder is the module's own mark on Ops whose BuildCreate is a pure
// function of the call center (no I/O, nothing but cc decides the command,
// so equal call centers give equal commands): broadworks' and apio's.
// For them the whole-run functions ([CreateFromCSV], [CreateFromData],
// [ApplyFromCSV], [ApplyFromData]) do not hold each result's create
// command, the larger part of a result: [Result.Command] builds it again
// from [Result.Data]. Other Ops keep their commands in the results.
type pureBuilder interface {
	// PureBuildCreate marks BuildCreate as pure. bulk never calls it.
	PureBuildCreate()
}

// opsOf returns t's operations, or why t cannot be used.
func opsOf(t Target) (platform.Ops, error) {
	if t == nil {
		return nil, errors.New("bulk: nil Target")
	}
	ops := t.BulkOps()
	if ops == nil {
		return nil, fmt.Errorf("bulk: %T returned no Ops", t)
	}
	return ops, nil
}

// opsWith returns t's operations and them as I, the optional methods a run
// needs, or why t cannot be used: when the Ops lack I, the error says so
// in the words of format (a format naming t with %T).
func opsWith[I any](t Target, format string) (platform.Ops, I, error) {
	var none I
	ops, err := opsOf(t)
	if err != nil {
		return nil, none, err
	}
	i, ok := ops.(I)
	if !ok {
		return nil, none, fmt.Errorf(format, t)
	}
	return ops, i, nil
}

// mode is what a run does to each row: create (CreateFrom…, Stream…),
// apply (ApplyFrom…) or staff (ModifyAgentsFromCSV).
type mode struct {
	ops    platform.Ops
	apply  platform.Applier // nil when creating
	staff  platform.Staffer // an agent sheet (staffing.go); nil otherwise
	export bool             // ExportCSV: each row is a call center to read
	err    error            // why the target cannot be used
}

func createMode(t Target) mode {
	ops, err := opsOf(t)
	return mode{ops: ops, err: err}
}

func applyMode(t Target) mode {
	ops, apply, err := opsWith[platform.Applier](t, "bulk: %T's Ops cannot apply a sheet (no ListCallCenters, BuildModify, SendModify and DeleteCallCenter: see platform.Applier)")
	return mode{ops: ops, apply: apply, err: err}
}

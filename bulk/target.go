package bulk

import (
	"context"
	"iter"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Target is a platform bulk creates call centers on: pass a
// *broadworks.Client or an *apio.Client. A vendor package satisfies it with
// the one method BulkOps, so the operations bulk runs stay off the client's
// own API (bulk imports no vendor package).
type Target interface {
	// BulkOps returns the operations bulk runs on the platform. It must be
	// cheap: bulk calls it once per run.
	BulkOps() Ops
}

// Ops are the operations bulk runs on a platform to create call centers.
// Implementations must be safe for concurrent use.
//
// Who validates: bulk. Before BuildCreate (and ApplyOps.BuildModify) bulk
// has applied the defaults of reference 000 and validated the call center,
// type rules included; the builders do not validate again. (The vendor
// packages' own constructors of commands, such as broadworks/ocip's
// NewAddRequest, do validate: they are for callers that skip bulk.)
type Ops interface {
	// BuildCreate returns the vendor command that creates cc. It does no
	// I/O: dry runs call it too. The command's JSON and fmt forms must not
	// show secrets.
	BuildCreate(cc callcenter.CallCenter) (cmd any, err error)
	// SendCreate sends a command BuildCreate returned and gives the
	// vendor's answer as text. When the outcome is unknown the error matches
	// ErrOutcomeUnknown; SendCreate must never retry such a create itself.
	// An error that will hit every row alike (a refused login, a server
	// that cannot be reached) matches ErrSystemic.
	SendCreate(ctx context.Context, cmd any) (response string, err error)
	// LookupCallCenter fetches the stored call center with cc's identity
	// (service provider, group, service user id). found is false, with a
	// nil error, when it does not exist.
	LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (stored *callcenter.CallCenter, found bool, err error)
}

// PureOps are Ops whose BuildCreate is a pure function of the call center:
// no I/O, nothing but cc decides the command (no request ids, no clock), so
// equal call centers give equal commands. For PureOps the whole-run
// functions ([CreateFromCSV], [CreateFromData], [ApplyFromCSV],
// [ApplyFromData]) do not hold each result's create command, the larger
// part of a result: [Result.Command] builds it again from [Result.Data].
// The Ops of broadworks and apio are PureOps; other Ops keep their
// commands in the results.
type PureOps interface {
	Ops
	// PureBuildCreate marks BuildCreate as pure. bulk never calls it.
	PureBuildCreate()
}

// BatchOps are Ops that can send several creates in one request (OCI-P
// carries up to 15 commands in one document). With [Batch], bulk sends
// consecutive rows together through them: fewer round trips, the same
// results. broadworks' Ops are BatchOps.
type BatchOps interface {
	Ops
	// MaxBatch is the most commands SendCreates takes at once.
	MaxBatch() int
	// SendCreates sends commands BuildCreate returned, together, and gives
	// one answer and one error per command, in order, with SendCreate's
	// meaning for each (an error matching ErrOutcomeUnknown when that
	// create may or may not have taken effect).
	SendCreates(ctx context.Context, cmds []any) (responses []string, errs []error)
}

// ExportSource is a platform whose call centers [ExportCSV] can write as a
// sheet: *broadworks.Client and *apio.Client are ExportSources.
type ExportSource interface {
	// BulkExportOps returns the read operations export and apply use.
	BulkExportOps() ExportOps
}

// ExportOps read a platform's call centers. Implementations must be safe
// for concurrent use.
type ExportOps interface {
	// ListCallCenters yields the service user ids of the call centers of a
	// group, lazily.
	ListCallCenters(ctx context.Context, serviceProviderID, groupID string) iter.Seq2[string, error]
	// LookupCallCenter is [Ops.LookupCallCenter]: the stored call center
	// with its options, ServiceProviderID and GroupID set from cc.
	LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (stored *callcenter.CallCenter, found bool, err error)
}

// ApplyTarget is a platform [ApplyFromCSV] can make match a sheet:
// *broadworks.Client and *apio.Client are ApplyTargets.
type ApplyTarget interface {
	// BulkApplyOps returns the operations apply runs.
	BulkApplyOps() ApplyOps
}

// ApplyOps create, read, modify and delete call centers.
type ApplyOps interface {
	Ops
	// ListCallCenters is [ExportOps.ListCallCenters].
	ListCallCenters(ctx context.Context, serviceProviderID, groupID string) iter.Seq2[string, error]
	// BuildModify returns the command that changes the stored call center
	// with want's identity in exactly the named fields (CSV notation, as
	// callcenter.Diff names them; "serviceInstanceProfile.alias" for the
	// alias list) to want's values. A named field that is unset in want is
	// cleared where the platform allows it. It does no I/O.
	BuildModify(want callcenter.CallCenter, fields []string) (cmd any, err error)
	// SendModify sends a command BuildModify returned, with SendCreate's
	// rules for the answer and its errors.
	SendModify(ctx context.Context, cmd any) (response string, err error)
	// DeleteCallCenter deletes the stored call center with cc's identity.
	DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (response string, err error)
}

// WireOps are Ops whose commands have a wire form of their own (OCI-P's
// XML). A dry run encodes every command with AppendWire, so it proves each
// row can be written, and [ShowWire] prints the bytes.
type WireOps interface {
	// AppendWire appends cmd (as BuildCreate or BuildModify returned it)
	// as it goes on the wire.
	AppendWire(dst []byte, cmd any) ([]byte, error)
}

package platform

import (
	"context"
	"iter"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Ops are the operations bulk runs on a platform to create call centers,
// and the read that settles them. Every platform has them; the other
// interfaces of this package are optional methods of an Ops.
// Implementations must be safe for concurrent use.
//
// Who validates: bulk. Before BuildCreate (and [Applier.BuildModify]) bulk
// has applied the defaults of reference 000 and validated the call center,
// type rules included; the builders do not validate again. (The platform
// packages' own constructors of commands, such as broadworks/ocip's
// NewAddRequest, do validate: they are for callers that skip bulk.)
type Ops interface {
	// BuildCreate returns the platform's command that creates cc. It does
	// no I/O: dry runs call it too. The command's JSON and fmt forms must
	// not show secrets.
	BuildCreate(cc callcenter.CallCenter) (cmd any, err error)
	// SendCreate sends a command BuildCreate returned and gives the
	// platform's answer as text. When the outcome is unknown the error
	// matches [ErrOutcomeUnknown]; SendCreate must never retry such a
	// create itself. An error that will hit every row alike (a refused
	// login, a server that cannot be reached) matches [ErrSystemic]; one
	// saying the call center exists matches [ErrAlreadyExists].
	SendCreate(ctx context.Context, cmd any) (response string, err error)
	// LookupCallCenter reads the stored call center with cc's identity
	// (service provider, group, service user id), with its options and
	// with ServiceProviderID and GroupID set from cc. found is false, with
	// a nil error, when it does not exist.
	LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (stored *callcenter.CallCenter, found bool, err error)
}

// Lister is the optional method of an Ops that lists a group. Export needs
// it; a create that meets "already exists" uses it to tell whether the
// call center is in the row's group.
type Lister interface {
	// ListCallCenters yields the service user ids of the call centers of
	// a group, lazily, as the platform spells them.
	ListCallCenters(ctx context.Context, serviceProviderID, groupID string) iter.Seq2[string, error]
}

// GroupLister is the optional method of an Ops that lists the groups of a
// service provider: an export of a whole service provider (bulk.ExportCSV
// without a group) needs it.
type GroupLister interface {
	// ListGroups yields the group ids of a service provider (or
	// enterprise), lazily, as the platform spells them.
	ListGroups(ctx context.Context, serviceProviderID string) iter.Seq2[string, error]
}

// Applier is the optional methods of an Ops that make a platform match a
// sheet (bulk.ApplyFromCSV, bulk.ApplyPlan): list, modify exactly the
// changed fields, delete.
type Applier interface {
	Lister
	// BuildModify returns the command that changes the stored call center
	// with want's identity in exactly the named fields (CSV notation, as
	// callcenter.Diff names them; "serviceInstanceProfile.alias" for the
	// alias list) to want's values. A named field that is unset in want is
	// cleared where the platform allows it; where it does not, the error
	// names the field. It does no I/O.
	BuildModify(want callcenter.CallCenter, fields []string) (cmd any, err error)
	// SendModify sends a command BuildModify returned, with
	// [Ops.SendCreate]'s rules for the answer and its errors.
	SendModify(ctx context.Context, cmd any) (response string, err error)
	// DeleteCallCenter deletes the stored call center with cc's identity,
	// with [Ops.SendCreate]'s rules for the answer and its errors (and
	// [ErrNotFound] when there is none).
	DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (response string, err error)
}

// Batcher is the optional methods of an Ops that send several commands in
// one request (OCI-P carries up to 15 in one document). With bulk.Batch,
// bulk sends consecutive rows together through them: fewer round trips,
// the same results.
type Batcher interface {
	// MaxBatch is the most commands SendBatch takes at once.
	MaxBatch() int
	// SendBatch sends commands the Ops built (BuildCreate's, or
	// BuildModify's on an [Applier]) together, and gives one answer and
	// one error per command, in order, with [Ops.SendCreate]'s meaning for
	// each (an error matching ErrOutcomeUnknown when that command may or
	// may not have taken effect).
	SendBatch(ctx context.Context, cmds []any) (responses []string, errs []error)
}

// WireEncoder is the optional method of an Ops whose commands have a wire
// form of their own (OCI-P's XML). A dry run encodes every command with
// it, so it proves each row can be written, and bulk.ShowWire prints the
// bytes.
type WireEncoder interface {
	// AppendWire appends cmd (as BuildCreate or BuildModify returned it)
	// as it goes on the wire.
	AppendWire(dst []byte, cmd any) ([]byte, error)
}

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
// one request (OCI-P carries up to 15 in one document). bulk sends the
// writes of the rows in flight together through them (up to bulk.Batch
// rows, by default bulk.DefaultBatch): fewer round trips, the same
// results.
type Batcher interface {
	// MaxBatch is the most commands SendBatch takes at once.
	MaxBatch() int
	// SendBatch sends commands the Ops built (BuildCreate's, BuildModify's
	// on an [Applier], BuildDelete's on a [DeleteBuilder]) together, and gives one answer and
	// one error per command, in order, with [Ops.SendCreate]'s meaning for
	// each (an error matching ErrOutcomeUnknown when that command may or
	// may not have taken effect).
	SendBatch(ctx context.Context, cmds []any) (responses []string, errs []error)
}

// ReadBatcher is the optional methods of a [Batcher] whose requests carry
// reads as well as writes. bulk then sends what the rows in flight ask of
// the platform (the lookups of plans, applies, exports and settlement, and
// the creates, modifies and deletes) together, up to MaxBatch commands in
// one request: a plan of many rows costs one round trip per MaxBatch rows
// instead of one per row. A read is a command built like any other; each
// read has a Build… method of its own, which says what its answer is
// ([ReadBatcher.BuildLookup]; [StaffingBatcher.BuildReadStaffing] adds
// another), and Exchange carries reads and writes alike.
type ReadBatcher interface {
	Batcher
	// BuildLookup returns the command that reads the stored call center
	// with cc's identity, as [Ops.LookupCallCenter] does; its answer in
	// Exchange is what LookupCallCenter returns: a *callcenter.CallCenter
	// with ServiceProviderID and GroupID set from cc, or nil (with a nil
	// error) when there is none. An identity that cannot be sent is an
	// error here, as LookupCallCenter's would be. It does no I/O.
	BuildLookup(cc callcenter.CallCenter) (cmd any, err error)
	// Exchange sends commands the Ops built (reads, and writes as
	// [Batcher.SendBatch] takes them, and on a [StaffingBatcher] its
	// staffing reads and changes) together, at most MaxBatch of them
	// (counted as [StaffingBatcher.Commands] counts them where the Ops
	// have it), and gives one answer and one error per command, in order. A write's answer is its response
	// text (a string) and its error has SendBatch's meaning; a read's
	// answer is the value its builder documents. Each command's answer and
	// error are the ones it gets when sent alone: a read whose request was
	// lost is sent again (reads are safe to repeat), a write whose outcome
	// is unknown is not (its error matches [ErrOutcomeUnknown]).
	Exchange(ctx context.Context, cmds []any) (answers []any, errs []error)
}

// DeleteBuilder is the optional method of an [Applier] whose deletes are
// commands of their own, so that a [Batcher] sends them together with
// other writes.
type DeleteBuilder interface {
	// BuildDelete returns the command that deletes the stored call center
	// with cc's identity; sent, it answers as [Applier.DeleteCallCenter]
	// does. An identity that cannot be sent is an error here. It does no
	// I/O.
	BuildDelete(cc callcenter.CallCenter) (cmd any, err error)
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

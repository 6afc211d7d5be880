package broadworks

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/ccsdk/callcenter-go/broadworks/internal/unchecked"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// The seam to package bulk: the operations bulk runs stay off the client's
// own API, behind BulkOps. The contract is package platform's; this
// package does not import bulk.

// BulkOps returns the operations package bulk runs: create, read, list,
// modify exactly the changed fields and delete (a platform.Applier), up to
// [MaxCommands] commands per document, reads and writes alike (a
// platform.ReadBatcher and a platform.DeleteBuilder), list the groups of a
// service provider (a platform.GroupLister), read and change the staffing
// of call centers (a platform.Staffer), and the wire bytes of a dry run (a
// platform.WireEncoder). It makes *Client a bulk.Target for every bulk
// run, export included.
func (c *Client) BulkOps() platform.Ops { return bulkOps{c} }

// bulkOps adapts a Client to platform's interfaces.
type bulkOps struct{ c *Client }

var (
	_ platform.Ops           = bulkOps{}
	_ platform.WireEncoder   = bulkOps{}
	_ platform.Batcher       = bulkOps{}
	_ platform.ReadBatcher   = bulkOps{}
	_ platform.Applier       = bulkOps{}
	_ platform.DeleteBuilder = bulkOps{}
	_ platform.GroupLister   = bulkOps{}
)

// AppendWire appends cmd (a [Command] BuildCreate or BuildModify returned)
// as the client writes it into an OCI-P document: see [ocip.AppendCommand].
// A dry run encodes every row with it.
func (bulkOps) AppendWire(dst []byte, cmd any) ([]byte, error) {
	c, ok := cmd.(Command)
	if !ok || c == nil {
		return dst, fmt.Errorf("broadworks: AppendWire needs a broadworks.Command, not %T", cmd)
	}
	return ocip.AppendCommand(dst, c)
}

// BuildCreate returns the add command for cc, an
// *ocip.GroupCallCenterAddInstanceRequest22. bulk has applied the defaults
// and validated cc (type rules included), so it does not validate again.
func (bulkOps) BuildCreate(cc callcenter.CallCenter) (any, error) {
	return unchecked.AddRequest(cc), nil
}

// PureBuildCreate marks BuildCreate as pure (no I/O; nothing but the call
// center decides the command): bulk's whole-run results build their create
// commands again instead of holding them.
func (bulkOps) PureBuildCreate() {}

// SendCreate sends a command BuildCreate returned and returns the answer as
// text: "SuccessResponse", or the ErrorResponse summary together with the
// [*Error].
func (o bulkOps) SendCreate(ctx context.Context, cmd any) (string, error) {
	resps, errs := o.SendBatch(ctx, []any{cmd})
	return resps[0], errs[0]
}

// MaxBatch is [MaxCommands].
func (bulkOps) MaxBatch() int { return MaxCommands }

// SendBatch sends up to [MaxCommands] commands in one document and gives,
// per command, the answer as text and its error. If the exchange itself
// fails, every command gets that error; commands answered before a failed
// resend keep their answers.
func (o bulkOps) SendBatch(ctx context.Context, cmds []any) ([]string, []error) {
	answers, errs := o.exchange(ctx, cmds, "SendCreate")
	out := make([]string, len(cmds))
	for i, a := range answers {
		out[i], _ = a.(string)
	}
	return out, errs
}

// Exchange sends up to [MaxCommands] commands in one document, reads
// (BuildLookup's, BuildReadStaffing's) and writes (BuildCreate's,
// BuildModify's, BuildDelete's, BuildStaffing's) alike, and gives per
// command its answer and error: a write's answer is its text, as
// SendBatch gives it (a staffing change's, as SendStaffing gives it); a
// lookup's is the *callcenter.CallCenter LookupCallCenter returns, or nil
// when there is none; a staffing read's the *callcenter.Staffing
// ReadStaffing returns, or nil when there is none. A command of several
// OCI-P commands (a staffing read or change: see [bulkOps.Commands]) keeps
// them together and in order. When the exchange fails after a write that
// is not safe to repeat went out (so the client does not send the document
// again), the commands that are safe to repeat (reads, modifies, a
// change of skill levels alone) are sent once more on their own, as each
// would be when sent alone; one of them that writes and fails again is
// outcome unknown (its first attempt may have been carried out).
func (o bulkOps) Exchange(ctx context.Context, cmds []any) ([]any, []error) {
	return o.exchange(ctx, cmds, "Exchange")
}

// Commands returns how many OCI-P commands cmd (a command the seam built)
// takes in a document: 3 for a staffing read, one per request for a
// staffing change, 1 for the others.
func (bulkOps) Commands(cmd any) int {
	cs, _ := commandsOf(cmd)
	return max(len(cs), 1)
}

// commandsOf returns the OCI-P commands of cmd, one of the commands the
// seam builds, and whether it is one.
func commandsOf(cmd any) ([]Command, bool) {
	switch c := cmd.(type) {
	case *lookupCommand:
		if c != nil {
			return []Command{c.req}, true
		}
	case *staffingRead:
		if c != nil {
			return []Command{c.get, c.page, c.sup}, true
		}
	case []Command: // BuildStaffing's
		if len(c) > 0 && !slices.Contains(c, nil) {
			return c, true
		}
	case Command:
		if c != nil {
			return []Command{c}, true
		}
	}
	return nil, false
}

// isRead reports whether cmd is one of the seam's reads.
func isRead(cmd any) bool {
	switch cmd.(type) {
	case *lookupCommand, *staffingRead:
		return true
	}
	return false
}

// exchange is SendBatch, Exchange, ReadStaffing and SendStaffing; caller
// names the method in the error for a command it cannot send.
func (o bulkOps) exchange(ctx context.Context, cmds []any, caller string) ([]any, []error) {
	answers, errs := make([]any, len(cmds)), make([]error, len(cmds))
	units := make([][]Command, len(cmds))
	var flat []Command
	for i, cmd := range cmds {
		cs, ok := commandsOf(cmd)
		if !ok {
			err := fmt.Errorf("broadworks: %s needs a command the client built (a broadworks.Command), not %T", caller, cmd)
			for j := range errs {
				errs[j] = err
			}
			return answers, errs
		}
		units[i] = cs
		flat = append(flat, cs...)
	}
	resps, err := o.c.Do(ctx, flat...)
	full := make([]Response, len(flat))
	copy(full, resps)
	if err != nil && ctx.Err() == nil && !errors.Is(err, ErrSystemic) && slices.ContainsFunc(flat, notIdempotent) {
		// The client does not send a document holding a write that is
		// not safe to repeat again; the commands that are, alone, it
		// would have: send them once more.
		o.resend(ctx, cmds, units, full, err, errs)
	}
	if err == nil {
		err = fmt.Errorf("%w: the server answered %d of %d commands", ErrOutcomeUnknown, len(resps), len(flat))
	}
	off := 0
	for i, u := range units {
		rs := full[off : off+len(u)]
		off += len(u)
		if errs[i] == nil {
			answers[i], errs[i] = o.answer(ctx, cmds[i], u, rs, err)
		}
	}
	return answers, errs
}

// answer is the answer of one command of an exchange, from the responses
// rs to its OCI-P commands u; err is the exchange's failure, the error of
// a command left unanswered.
func (o bulkOps) answer(ctx context.Context, cmd any, u []Command, rs []Response, err error) (any, error) {
	if slices.Contains(rs, nil) {
		if isRead(cmd) {
			return nil, err
		}
		return "", err
	}
	switch c := cmd.(type) {
	case *lookupCommand:
		return o.c.lookupAnswer(c, rs[0])
	case *staffingRead:
		return o.staffingAnswer(ctx, c, rs)
	}
	// A write: its text, or its first refusal (a staffing change's other
	// commands may have been carried out).
	for i, r := range rs {
		switch r := r.(type) {
		case *ocip.SuccessResponse:
		case *Error:
			return r.Message(), r
		default:
			return o.c.red.Excerpt(r.OCIType(), 100), o.c.unexpected(u[i], r)
		}
	}
	return (&ocip.SuccessResponse{}).OCIType(), nil
}

func notIdempotent(c Command) bool { return !isIdempotent(c) }

// resend sends again, in one document, the commands of a failed exchange
// (first is its error) whose OCI-P commands are all safe to repeat and not
// all answered, and puts their answers in full; the error of a command
// sent again that is still unanswered goes to errs (for a write, matching
// ErrOutcomeUnknown when first does: its first attempt may have been
// carried out).
func (o bulkOps) resend(ctx context.Context, cmds []any, units [][]Command, full []Response, first error, errs []error) {
	type part struct{ unit, at, resentAt int }
	var again []part
	var resent []Command
	off := 0
	for i, u := range units {
		rs := full[off : off+len(u)]
		if slices.Contains(rs, nil) && !slices.ContainsFunc(u, notIdempotent) {
			again = append(again, part{i, off, len(resent)})
			resent = append(resent, u...)
		}
		off += len(u)
	}
	if len(again) == 0 {
		return
	}
	rs, err := o.c.Do(ctx, resent...)
	for _, p := range again {
		n := len(units[p.unit])
		for k := range n {
			full[p.at+k] = nil
			if p.resentAt+k < len(rs) {
				full[p.at+k] = rs[p.resentAt+k]
			}
		}
		if !slices.Contains(full[p.at:p.at+n], nil) {
			continue
		}
		e := err
		if e == nil {
			e = fmt.Errorf("the server answered %d of %d commands sent again", len(rs), len(resent))
		}
		if !isRead(cmds[p.unit]) && errors.Is(first, ErrOutcomeUnknown) && !errors.Is(e, ErrOutcomeUnknown) {
			e = &lostError{e}
		}
		errs[p.unit] = e
	}
}

// lookupCommand is the read BuildLookup returns: the get request, and the
// identity its answer is completed with.
type lookupCommand struct {
	req       *ocip.GroupCallCenterGetInstanceRequest22
	sp, group string
}

// BuildLookup returns the read of the call center with cc's service user
// id, for Exchange: the GroupCallCenterGetInstanceRequest22 that
// LookupCallCenter sends, answered as LookupCallCenter answers.
func (bulkOps) BuildLookup(cc callcenter.CallCenter) (any, error) {
	req, err := getRequest(cc.ServiceUserID)
	if err != nil {
		return nil, err
	}
	return &lookupCommand{req: req, sp: cc.ServiceProviderID, group: cc.GroupID}, nil
}

// lookupAnswer is the answer of a lookup: the stored call center, or nil
// (with a nil error) when the server answers "User not found".
func (c *Client) lookupAnswer(lc *lookupCommand, r Response) (any, error) {
	if e, ok := r.(*Error); ok {
		if errors.Is(e, ErrNotFound) {
			return nil, nil
		}
		return nil, e
	}
	got, err := c.getAnswer(lc.req, r)
	if err != nil {
		return nil, err
	}
	got.ServiceProviderID, got.GroupID = lc.sp, lc.group
	return got, nil
}

// LookupCallCenter reads the call center with cc's service user id. found
// is false, with a nil error, when the server answers "User not found". The
// stored call center takes ServiceProviderID and GroupID from cc (the
// answer does not carry them).
func (o bulkOps) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	got, err := o.c.GetCallCenter(ctx, cc.ServiceUserID)
	if errors.Is(err, ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	got.ServiceProviderID, got.GroupID = cc.ServiceProviderID, cc.GroupID
	return got, true, nil
}

// ListCallCenters yields the service user ids of a group's call centers.
func (o bulkOps) ListCallCenters(ctx context.Context, serviceProviderID, groupID string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for s, err := range o.c.ListCallCenters(ctx, serviceProviderID, groupID) {
			if !yield(s.ServiceUserID, err) {
				return
			}
		}
	}
}

// ListGroups yields the group ids of a service provider.
func (o bulkOps) ListGroups(ctx context.Context, serviceProviderID string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for g, err := range o.c.ListGroups(ctx, serviceProviderID) {
			if !yield(g.GroupID, err) {
				return
			}
		}
	}
}

// BuildModify returns the modify command that changes exactly fields to
// want's values (see [ocip.NewModifyFieldsRequest]; bulk has validated
// want).
func (bulkOps) BuildModify(want callcenter.CallCenter, fields []string) (any, error) {
	return unchecked.ModifyFieldsRequest(want, fields)
}

// SendModify sends a command BuildModify returned.
func (o bulkOps) SendModify(ctx context.Context, cmd any) (string, error) {
	return o.SendCreate(ctx, cmd)
}

// BuildDelete returns the GroupCallCenterDeleteInstanceRequest of the call
// center with cc's service user id, for SendBatch and Exchange.
func (bulkOps) BuildDelete(cc callcenter.CallCenter) (any, error) {
	if err := checkIDs("broadworks: delete call center request", "serviceUserId", cc.ServiceUserID); err != nil {
		return nil, err
	}
	return &ocip.GroupCallCenterDeleteInstanceRequest{ServiceUserID: cc.ServiceUserID}, nil
}

// DeleteCallCenter deletes the call center with cc's service user id.
func (o bulkOps) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	cmd, err := o.BuildDelete(cc)
	if err != nil {
		return "", err
	}
	return o.SendCreate(ctx, cmd)
}

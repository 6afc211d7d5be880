package broadworks

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/ccsdk/callcenter-go/broadworks/internal/unchecked"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// The seam to package bulk: the operations bulk runs stay off the client's
// own API, behind BulkOps. The contract is package platform's; this
// package does not import bulk.

// BulkOps returns the operations package bulk runs: create (up to
// [MaxCommands] commands per document: a platform.Batcher), read, list,
// modify exactly the changed fields and delete (a platform.Applier), list
// the groups of a service provider (a platform.GroupLister), and the wire
// bytes of a dry run (a platform.WireEncoder). It makes *Client a
// bulk.Target for every bulk run, export included.
func (c *Client) BulkOps() platform.Ops { return bulkOps{c} }

// bulkOps adapts a Client to platform's interfaces.
type bulkOps struct{ c *Client }

var (
	_ platform.Ops         = bulkOps{}
	_ platform.WireEncoder = bulkOps{}
	_ platform.Batcher     = bulkOps{}
	_ platform.Applier     = bulkOps{}
	_ platform.GroupLister = bulkOps{}
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
	out, errs := make([]string, len(cmds)), make([]error, len(cmds))
	commands := make([]Command, len(cmds))
	for i, cmd := range cmds {
		command, ok := cmd.(Command)
		if !ok || command == nil {
			err := fmt.Errorf("broadworks: SendCreate needs a broadworks.Command, not %T", cmd)
			for j := range errs {
				errs[j] = err
			}
			return out, errs
		}
		commands[i] = command
	}
	resps, err := o.c.Do(ctx, commands...)
	for i := range commands {
		var r Response
		if i < len(resps) {
			r = resps[i]
		}
		switch r := r.(type) {
		case nil:
			errs[i] = err
		case *ocip.SuccessResponse:
			out[i] = r.OCIType()
		case *Error:
			out[i], errs[i] = r.Message(), r
		default:
			out[i], errs[i] = o.c.red.Excerpt(r.OCIType(), 100), o.c.unexpected(commands[i], r)
		}
	}
	return out, errs
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

// DeleteCallCenter deletes the call center with cc's service user id.
func (o bulkOps) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	if err := checkIDs("broadworks: delete call center request", "serviceUserId", cc.ServiceUserID); err != nil {
		return "", err
	}
	return o.SendCreate(ctx, &ocip.GroupCallCenterDeleteInstanceRequest{ServiceUserID: cc.ServiceUserID})
}

package apio

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// The bulk seam: *Client is a bulk.Target through the method below, so
// that bulk.CreateFromCSV(ctx, client, f), bulk.ApplyFromCSV and
// bulk.ExportCSV run over APIO. The operations themselves sit on an
// unexported adapter and stay off the client's own API; the contract is
// package platform's (this package does not import bulk).

// BulkOps returns the operations package bulk runs through APIO (it makes
// *Client a bulk.Target): creating (the commands are
// *[CreateCallCenterRequest] values; bulk validates the call centers
// before building them, as platform.Ops documents), reading, and, as a
// platform.Applier, listing, modifying (an *[UpdateCallCenterRequest]
// carrying exactly the changed fields) and deleting.
func (c *Client) BulkOps() platform.Ops { return bulkOps{c} }

// bulkOps adapts a Client to platform's interfaces.
type bulkOps struct{ c *Client }

var (
	_ platform.Ops     = bulkOps{}
	_ platform.Applier = bulkOps{}
)

// BuildCreate returns the *CreateCallCenterRequest that creates cc in the
// tenant cc.ServiceProviderID and group cc.GroupID. It does no I/O and, as
// platform.Ops documents, does not validate again (bulk has).
func (o bulkOps) BuildCreate(cc callcenter.CallCenter) (any, error) {
	return &CreateCallCenterRequest{CallCenter: cc.Clone()}, nil
}

// PureBuildCreate marks BuildCreate as pure (no I/O; nothing but the call
// center decides the command): bulk's whole-run results build their create
// commands again instead of holding them.
func (bulkOps) PureBuildCreate() {}

// SendCreate sends a request BuildCreate returned and returns APIO's answer
// as text. An error after which the call center may exist (a 2xx whose
// body cannot be read included) matches ErrOutcomeUnknown; the create is
// never retried then.
func (o bulkOps) SendCreate(ctx context.Context, cmd any) (string, error) {
	req, ok := cmd.(*CreateCallCenterRequest)
	if !ok || req == nil {
		return "", fmt.Errorf("apio: bulk SendCreate: want the *apio.CreateCallCenterRequest of BuildCreate, not %T", cmd)
	}
	body, _, err := o.c.create(ctx, req)
	if err != nil {
		return "", err
	}
	return string(body), nil
}

// LookupCallCenter reads the call center with cc's tenant
// (ServiceProviderID), group and service user id. found is false, with a nil
// error, when APIO answers 404. The stored call center is mapped as
// [CallCenterInstance.CallCenter] describes.
func (o bulkOps) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (*callcenter.CallCenter, bool, error) {
	in, err := o.c.GetCallCenter(ctx, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
	if errors.Is(err, ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	out := in.CallCenter()
	return &out, true, nil
}

// ListCallCenters yields the service user ids of the call centers of a
// group.
func (o bulkOps) ListCallCenters(ctx context.Context, tenantID, groupID string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for s, err := range o.c.ListCallCenters(ctx, tenantID, groupID) {
			if !yield(s.ServiceUserID, err) || err != nil {
				return
			}
		}
	}
}

// BuildModify returns the *UpdateCallCenterRequest that sets exactly the
// named fields (CSV notation, as callcenter.Diff names them;
// "serviceInstanceProfile.alias" for the alias list) of the call center
// with want's identity to want's values. A named field that want leaves
// unset is cleared where APIO can clear it (see
// [UpdateCallCenterRequest].Clear), else the result is a *ValidationError;
// so is a named identity field (serviceProviderId, groupId, serviceUserId),
// which an update cannot change. The department (either of its two
// columns) is sent whole. It does no I/O.
func (o bulkOps) BuildModify(want callcenter.CallCenter, fields []string) (any, error) {
	return buildModify(want, fields)
}

func buildModify(want callcenter.CallCenter, fields []string) (*UpdateCallCenterRequest, error) {
	req := &UpdateCallCenterRequest{CallCenter: callcenter.CallCenter{
		ServiceProviderID: want.ServiceProviderID,
		GroupID:           want.GroupID,
		ServiceUserID:     want.ServiceUserID,
	}}
	cc := &req.CallCenter
	var errs []FieldError
	clear := func(f string) {
		if !slices.Contains(req.Clear, f) {
			req.Clear = append(req.Clear, f)
		}
	}
	for _, f := range fields {
		switch {
		case f == "serviceProviderId" || f == "groupId" || f == "serviceUserId":
			errs = append(errs, FieldError{Field: f, Message: "names the call center: an update cannot change it"})
		case f == "serviceInstanceProfile.password":
			if want.Profile.Password == "" {
				errs = append(errs, FieldError{Field: f, Message: "cannot be cleared"})
			}
			cc.Profile.Password = want.Profile.Password
		case f == "serviceInstanceProfile.alias" || strings.HasPrefix(f, "serviceInstanceProfile.alias["):
			if len(want.Profile.Aliases) == 0 {
				clear("serviceInstanceProfile.alias")
			}
			cc.Profile.Aliases = slices.Clone(want.Profile.Aliases)
		case f == "serviceInstanceProfile.department" || f == "serviceInstanceProfile.department.name" || f == "serviceInstanceProfile.department.level":
			if want.Profile.Department.Name == "" {
				// A level without a name names no department.
				clear("serviceInstanceProfile.department")
				continue
			}
			cc.Profile.Department = want.Profile.Department
		case !callcenter.IsField(f):
			errs = append(errs, FieldError{Field: f, Message: "unknown field"})
		default:
			v := want.Get(f)
			if v == "" {
				if _, ok := clearable[f]; !ok {
					errs = append(errs, FieldError{Field: f, Message: "is unset and cannot be cleared on APIO"})
				}
				clear(f)
				continue
			}
			if err := cc.Set(f, v); err != nil {
				errs = append(errs, FieldError{Field: f, Message: err.Error()})
			}
		}
	}
	if err := invalid(subjectBulkBuild, errs...); err != nil {
		return nil, err
	}
	return req, nil
}

// SendModify sends a request BuildModify returned and returns APIO's
// answer as text, with SendCreate's rules for a 2xx whose body cannot be
// read.
func (o bulkOps) SendModify(ctx context.Context, cmd any) (string, error) {
	req, ok := cmd.(*UpdateCallCenterRequest)
	if !ok || req == nil {
		return "", fmt.Errorf("apio: bulk SendModify: want the *apio.UpdateCallCenterRequest of BuildModify, not %T", cmd)
	}
	if err := req.Validate(); err != nil {
		return "", err
	}
	body, _, err := o.c.update(ctx, req)
	if err != nil {
		return "", err
	}
	return string(body), nil
}

// DeleteCallCenter deletes the call center with cc's tenant, group and
// service user id and returns APIO's answer as text.
func (o bulkOps) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	body, err := o.c.delete(ctx, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
	return string(body), err
}

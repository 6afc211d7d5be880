package apio

import (
	"context"
	"errors"
	"fmt"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// The methods below make *Client a bulk.Target (package bulk): bulk creates
// call centers through APIO with them.

// BuildCreate returns the *CreateCallCenterRequest that creates cc in the
// tenant cc.ServiceProviderID and group cc.GroupID, after checking cc with
// [callcenter.CallCenter.Validate]. It does no I/O. The request's fmt and
// JSON forms show the password redacted.
func (c *Client) BuildCreate(cc callcenter.CallCenter) (any, error) {
	if err := cc.Validate(); err != nil {
		return nil, err
	}
	return &CreateCallCenterRequest{CallCenter: cc.Clone()}, nil
}

// SendCreate sends a request BuildCreate returned (a *CreateCallCenterRequest
// or a CreateCallCenterRequest) and returns APIO's answer as text. An error
// after which the call center may exist matches [ErrOutcomeUnknown]; the
// create is never retried then.
func (c *Client) SendCreate(ctx context.Context, cmd any) (string, error) {
	var req *CreateCallCenterRequest
	switch v := cmd.(type) {
	case *CreateCallCenterRequest:
		req = v
	case CreateCallCenterRequest:
		req = &v
	}
	if req == nil {
		return "", fmt.Errorf("apio: SendCreate: want a *apio.CreateCallCenterRequest from BuildCreate, not %T", cmd)
	}
	body, _, err := c.create(ctx, req)
	return string(body), err
}

// LookupCallCenter reads the call center with cc's tenant
// (ServiceProviderID), group and service user id. found is false, with a nil
// error, when APIO answers 404. The stored call center is mapped as
// [CallCenterInstance.CallCenter] describes.
func (c *Client) LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (stored *callcenter.CallCenter, found bool, err error) {
	in, err := c.GetCallCenter(ctx, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
	if errors.Is(err, ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	out := in.CallCenter()
	return &out, true, nil
}

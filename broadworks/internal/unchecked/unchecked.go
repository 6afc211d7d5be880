// Package unchecked gives package broadworks the builders of package
// ocip's call-center requests that skip validation, without making them
// public: package bulk validates every call center before it asks its
// adapter for the command (its Ops contract: "the builders do not
// validate again"), and validating twice would cost a dry run about a
// seventh of its time. Package ocip sets both functions when it is
// initialised, which is before package broadworks, which imports it, can
// call them.
package unchecked

import "github.com/ccsdk/callcenter-go/callcenter"

var (
	// AddRequest maps a call center onto an
	// *ocip.GroupCallCenterAddInstanceRequest22 as ocip.NewAddRequest
	// does, defaults applied, without validating it.
	AddRequest func(cc callcenter.CallCenter) any
	// ModifyFieldsRequest builds the *ocip.GroupCallCenterModifyInstanceRequest22
	// that ocip.NewModifyFieldsRequest builds, without validating want's
	// values (its errors are those of the fields themselves: unknown,
	// identity, unset and not clearable).
	ModifyFieldsRequest func(want callcenter.CallCenter, fields []string) (any, error)
)

package broadworks_test

import (
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
)

// *broadworks.Client is a bulk.Target (broadworks itself never imports bulk).
var _ bulk.Target = (*broadworks.Client)(nil)

// The sentinel is shared with bulk and the transport.
var _ = map[bool]int{broadworks.ErrOutcomeUnknown == bulk.ErrOutcomeUnknown: 0}

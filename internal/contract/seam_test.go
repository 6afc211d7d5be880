package contract_test

import (
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/platform"
)

// The sentinels have one home, package platform: bulk's, the HTTP
// layer's and the vendors' are the same values, so errors.Is matches a
// vendor's error against bulk's name and the other way round.
func TestSentinelsHaveOneHome(t *testing.T) {
	for _, c := range []struct {
		name                   string
		platform, bulk, transp error
		broadworks, apio       error
	}{
		{"ErrAlreadyExists", platform.ErrAlreadyExists, bulk.ErrAlreadyExists, transport.ErrAlreadyExists, broadworks.ErrAlreadyExists, apio.ErrAlreadyExists},
		{"ErrOutcomeUnknown", platform.ErrOutcomeUnknown, bulk.ErrOutcomeUnknown, transport.ErrOutcomeUnknown, broadworks.ErrOutcomeUnknown, apio.ErrOutcomeUnknown},
		{"ErrSystemic", platform.ErrSystemic, bulk.ErrSystemic, transport.ErrSystemic, broadworks.ErrSystemic, apio.ErrSystemic},
		{"ErrLoginRefused", platform.ErrLoginRefused, bulk.ErrLoginRefused, transport.ErrLoginRefused, broadworks.ErrLoginRefused, apio.ErrLoginRefused},
		{"ErrCannotConnect", platform.ErrCannotConnect, bulk.ErrCannotConnect, transport.ErrCannotConnect, broadworks.ErrCannotConnect, apio.ErrCannotConnect},
	} {
		for _, got := range []error{c.bulk, c.transp, c.broadworks, c.apio} {
			if got != c.platform {
				t.Errorf("%s: %v is not platform's value", c.name, got)
			}
		}
	}
	for _, e := range []error{platform.ErrNotFound, platform.ErrUnauthorized, platform.ErrRateLimited, platform.ErrRedirectRefused} {
		if e != transport.ErrNotFound && e != transport.ErrUnauthorized && e != transport.ErrRateLimited && e != transport.ErrRedirectRefused {
			t.Errorf("%v: not the transport's", e)
		}
	}
}

package bulk

import (
	"context"
	"fmt"

	"github.com/ccsdk/callcenter-go/platform"
)

// serviceProviderGroups lists the groups of a service provider, for an
// export of all of them.
func serviceProviderGroups(ctx context.Context, src Target, ops platform.Ops, serviceProviderID string) ([]string, error) {
	gl, ok := ops.(platform.GroupLister)
	if !ok {
		return nil, fmt.Errorf("bulk: export: %T's Ops cannot list the groups of a service provider (no ListGroups: see platform.GroupLister): name the group", src)
	}
	var groups []string
	for g, err := range gl.ListGroups(ctx, serviceProviderID) {
		if err != nil {
			return nil, fmt.Errorf("bulk: export: listing the groups of %q: %w", serviceProviderID, err)
		}
		groups = append(groups, g)
	}
	return groups, nil
}

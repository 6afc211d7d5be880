package bulk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// The groups of a run: each listed once, its ids by the identity rule,
// and the errors of an id that names no single call center of its group.

// groupList is the service user ids of one group, listed once per run,
// by identity key (callcenter.UserIDKey) with the spellings the platform
// lists under it (more than one: ambiguous).
type groupList struct {
	once  sync.Once
	ids   map[string][]string
	look  map[string][]string // the spellings by lookalikeKey
	order []string            // the spellings, in list order
	err   error
}

// group returns group k's list, listing it on first use.
func (r *run) group(ctx context.Context, k groupKey) *groupList {
	r.listsMu.Lock()
	g := r.lists[k]
	if g == nil {
		g = &groupList{}
		r.lists[k] = g
	}
	r.listsMu.Unlock()
	g.once.Do(func() {
		g.ids, g.order, g.err = listGroup(ctx, r.lister, k)
		g.look = make(map[string][]string, len(g.order))
		for _, id := range g.order {
			key := lookalikeKey(id)
			g.look[key] = append(g.look[key], id)
		}
	})
	return g
}

// listGroup lists group k's ids by key. The spellings are trimmed of
// surrounding white space (no part of an OCI-P token).
func listGroup(ctx context.Context, l platform.Lister, k groupKey) (map[string][]string, []string, error) {
	ids := map[string][]string{}
	var order []string
	for id, err := range l.ListCallCenters(ctx, k.sp, k.group) {
		if err != nil {
			return nil, nil, err
		}
		id = strings.TrimSpace(id)
		key := callcenter.UserIDKey(id)
		if !slices.Contains(ids[key], id) {
			ids[key] = append(ids[key], id)
			order = append(order, id)
		}
	}
	return ids, order, nil
}

// inGroup reports where cc's service user id is now: whether a fresh list
// of cc's group holds it (by the identity rule), with the spelling listed.
// Ops that cannot list answer true.
func (r *run) inGroup(ctx context.Context, cc callcenter.CallCenter) (bool, string, error) {
	if r.lister == nil {
		return true, cc.ServiceUserID, nil
	}
	k := groupKey{cc.ServiceProviderID, cc.GroupID}
	ids, _, err := listGroup(ctx, r.lister, k)
	if err != nil {
		return false, "", err
	}
	switch l := ids[callcenter.UserIDKey(cc.ServiceUserID)]; len(l) {
	case 0:
		return false, "", nil
	case 1:
		return true, l[0], nil
	default:
		return false, "", ambiguous(cc.ServiceUserID, k, l)
	}
}

// withoutPassword drops the "password is required" problem from a
// validation error: an existing call center keeps its password.

// ambiguous is the error of an id naming two call centers of group k.
func ambiguous(id string, k groupKey, ids []string) error {
	return fmt.Errorf("%w: group %q of %q holds %q, which are one id to BroadWorks; refused: remove or rename one of them first", ErrAmbiguous, k.group, k.sp, ids)
}

func lookalike(id string, k groupKey, alike []string) error {
	// %+q shows the characters that differ: the two look alike on screen.
	return fmt.Errorf("%w: group %q of %q holds %+q, which differs from %+q only in Unicode form or case folding: it may be the call center this row means; refused: spell the id as the platform lists it", ErrAmbiguous, k.group, k.sp, alike, id)
}

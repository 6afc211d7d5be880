package broadworks_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/platform"
)

// TestListGroups: the groups of a service provider, declared or holding a
// call center, sorted, read a page at a time; the bulk seam lists them as
// ids; bad arguments are refused before anything is sent.
func TestListGroups(t *testing.T) {
	srv := newServer(t, broadworkstest.WithGroup("SP", "Zeta"), broadworkstest.WithGroup("Other", "Alpha"))
	srv.AddGroup("SP", "G1")
	c := clientFor(t, srv, "TLS", broadworks.WithPageSize(2))
	ctx := context.Background()
	cc := basic("in-g2@example.com")
	cc.ServiceProviderID, cc.GroupID = "SP", "G2"
	srv.AddGroup("SP", "G2")
	if err := c.AddCallCenter(ctx, cc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for g, err := range c.ListGroups(ctx, "SP") {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, g.GroupID)
	}
	if want := []string{"G1", "G2", "Zeta"}; !slices.Equal(got, want) {
		t.Errorf("ListGroups: %v, want %v", got, want)
	}
	if n := srv.CommandCount("GroupGetListInServiceProviderPagedSortedListRequest"); n != 2 {
		t.Errorf("%d pages read, want 2 of 2 rows", n)
	}
	var ids []string
	for id, err := range c.BulkOps().(platform.GroupLister).ListGroups(ctx, "Other") {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if !slices.Equal(ids, []string{"Alpha"}) {
		t.Errorf("the bulk seam lists %v", ids)
	}
	for _, bad := range []struct {
		sp          string
		start, size int
	}{{"", 1, 10}, {"SP", 0, 10}, {"SP", 1, 0}, {"SP", 1, broadworks.MaxPageSize + 1}} {
		var ve *broadworks.ValidationError
		if _, err := c.ListGroupsPage(ctx, bad.sp, bad.start, bad.size); !errors.As(err, &ve) {
			t.Errorf("ListGroupsPage(%q, %d, %d): %v, want a *ValidationError", bad.sp, bad.start, bad.size, err)
		}
	}
}

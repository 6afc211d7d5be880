package bulk_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// TestStaffingLookalikeRefused: an agent sheet naming an agent or a
// supervisor in another Unicode form than the call center holds it (a
// decomposed accent, as some spreadsheets save text; a fullwidth letter)
// is refused as ambiguous, as a call-center sheet's row is: the identity
// rule tells the two apart, so the difference would remove the user the
// administrator meant (and fail to add the other, no such user), leaving
// the queue without them.
func TestStaffingLookalikeRefused(t *testing.T) {
	nfc := "jürgen@example.com"
	nfd := norm.NFD.String(nfc)
	if nfd == nfc {
		t.Fatal("NFD did not change the id")
	}
	const header = "operation,serviceUserId,agentUserIdList.userId[0],agentUserIdList.userId[1],supervisorUserIdList.userId[0]\n"
	for name, tc := range map[string]struct{ row string }{
		"agent decomposed":      {bulk.StaffingOperation + "," + basicCC + "," + nfd + "," + user(1) + "," + user(2) + "\n"},
		"agent fullwidth":       {bulk.StaffingOperation + "," + basicCC + "," + nfc + ",ｕ01@example.com," + user(2) + "\n"},
		"supervisor fullwidth":  {bulk.StaffingOperation + "," + basicCC + "," + nfc + "," + user(1) + ",ｕ02@example.com\n"},
		"supervisor decomposed": {bulk.StaffingOperation + "," + prioCC + ",," + "," + nfd + "\n"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newStaffFake(t)
			f.srv.AddGroupUsers("SP", "G1", nfc)
			f.staff(t, basicCC, lvl(nfc, 0), lvl(user(1), 0))
			if err := f.client.AddSupervisors(t.Context(), basicCC, user(2)); err != nil {
				t.Fatal(err)
			}
			if err := f.client.AddSupervisors(t.Context(), prioCC, nfc); err != nil {
				t.Fatal(err)
			}
			writes := f.writes()
			before := map[string]callcenter.Staffing{basicCC: f.staffing(t, basicCC), prioCC: f.staffing(t, prioCC)}
			for _, opts := range [][]bulk.Option{{bulk.PlanOnly()}, nil} {
				res := modify(t, f, header+tc.row, opts...)
				if len(res) != 1 || res[0].OK() || !errors.Is(res[0].Err, bulk.ErrAmbiguous) {
					t.Fatalf("want the row refused as ambiguous, got %+v", res)
				}
				if msg := res[0].Err.Error(); !strings.Contains(msg, "Unicode form") {
					t.Errorf("the error does not say why: %s", msg)
				}
			}
			if f.writes() != writes {
				t.Errorf("%d staffing writes, want none", f.writes()-writes)
			}
			for id, st := range before {
				if got := f.staffing(t, id); !reflect.DeepEqual(got, st) {
					t.Errorf("%s: staffing %+v, want it kept: %+v", id, got, st)
				}
			}
		})
	}
}

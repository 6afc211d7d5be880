package broadworks_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/platform"
)

const (
	getType    = "GroupCallCenterGetInstanceRequest22"
	modifyType = "GroupCallCenterModifyInstanceRequest22"
	deleteType = "GroupCallCenterDeleteInstanceRequest"
)

// exchangeOps are the Ops of a client, as bulk uses them to batch.
type exchangeOps interface {
	platform.Ops
	platform.Applier
	platform.ReadBatcher
	platform.DeleteBuilder
}

// TestExchange: the reads and writes bulk batches go out in one document
// and each gets the answer it gets alone: a lookup the call center (or
// none), a write its text; a command refused inside the document fails
// alone; when the document is lost after an add was written, the add's
// outcome is unknown and the reads and modifies, sent again on their own,
// are answered; a modify lost twice after it was written is outcome
// unknown too (the first attempt may have been carried out).
func TestExchange(t *testing.T) {
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			c := clientFor(t, srv, mode)
			ctx := context.Background()
			ops := c.BulkOps().(exchangeOps)
			for _, id := range []string{"a@example.com", "b@example.com", "gone@example.com"} {
				if err := c.AddCallCenter(ctx, basic(id)); err != nil {
					t.Fatal(err)
				}
			}
			key := func(id string) callcenter.CallCenter {
				return callcenter.CallCenter{ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup", ServiceUserID: id}
			}
			build := func(id string, f func(callcenter.CallCenter) (any, error)) any {
				t.Helper()
				cmd, err := f(key(id))
				if err != nil {
					t.Fatal(err)
				}
				return cmd
			}
			modify := func(id string, queue int) any {
				want := basic(id)
				want.QueueLength = new(queue)
				cmd, err := ops.BuildModify(want, []string{"queueLength"})
				if err != nil {
					t.Fatal(err)
				}
				return cmd
			}
			create := func(id string) any {
				cmd, err := ops.BuildCreate(basic(id))
				if err != nil {
					t.Fatal(err)
				}
				return cmd
			}
			alone, found, err := ops.LookupCallCenter(ctx, key("a@example.com"))
			if err != nil || !found {
				t.Fatal(found, err)
			}

			// Reads and writes together, answered as alone.
			docs := srv.Stats().Documents
			answers, errs := ops.Exchange(ctx, []any{
				create("new@example.com"), build("a@example.com", ops.BuildLookup), build("none@example.com", ops.BuildLookup),
				modify("b@example.com", 7), build("gone@example.com", ops.BuildDelete),
			})
			if n := srv.Stats().Documents - docs; n != 1 {
				t.Errorf("%d documents for one exchange", n)
			}
			for i, err := range errs {
				if err != nil {
					t.Errorf("command %d: %v", i, err)
				}
			}
			if answers[0] != "SuccessResponse" || answers[3] != "SuccessResponse" || answers[4] != "SuccessResponse" || answers[2] != nil {
				t.Errorf("answers %q", answers)
			}
			if got, _ := answers[1].(*callcenter.CallCenter); got == nil || !reflect.DeepEqual(*got, *alone) {
				t.Errorf("lookup in a batch: %+v, alone: %+v", answers[1], alone)
			}
			if cc, ok := srv.CallCenter("b@example.com"); !ok || cc.QueueLength == nil || *cc.QueueLength != 7 {
				t.Errorf("b after the modify: %+v", cc.QueueLength)
			}
			if _, ok := srv.CallCenter("gone@example.com"); ok {
				t.Error("the delete was not carried out")
			}

			// A refusal inside a document fails its command only.
			srv.Inject(fault.Fault{Path: getType, ServiceUserID: "a@example.com", Status: 4000, Message: "[Error 4000] Injected refusal"})
			answers, errs = ops.Exchange(ctx, []any{build("b@example.com", ops.BuildLookup), build("a@example.com", ops.BuildLookup), modify("b@example.com", 8)})
			if errs[0] != nil || errs[2] != nil || answers[2] != "SuccessResponse" {
				t.Errorf("the commands beside a refused one: %v %v %q", errs[0], errs[2], answers[2])
			}
			var e *broadworks.Error
			if !errors.As(errs[1], &e) || !strings.Contains(errs[1].Error(), "Injected refusal") || answers[1] != nil {
				t.Errorf("refused lookup: %v %v", answers[1], errs[1])
			}

			// A document lost after an add was written: the add's outcome is
			// unknown (never sent again), the read and the modify are sent
			// again and answered.
			srv.Inject(fault.Fault{Path: addType, ServiceUserID: "lost@example.com", Drop: true})
			adds := srv.CommandCount(addType)
			answers, errs = ops.Exchange(ctx, []any{build("a@example.com", ops.BuildLookup), create("lost@example.com"), modify("b@example.com", 9)})
			if !errors.Is(errs[1], broadworks.ErrOutcomeUnknown) {
				t.Errorf("lost add: %v", errs[1])
			}
			if n := srv.CommandCount(addType) - adds; n != 1 {
				t.Errorf("the lost add went out %d times", n)
			}
			if errs[0] != nil || errs[2] != nil || answers[2] != "SuccessResponse" {
				t.Errorf("read and modify of a lost document: %v %v", errs[0], errs[2])
			}
			if got, _ := answers[0].(*callcenter.CallCenter); got == nil || got.ServiceUserID != "a@example.com" {
				t.Errorf("read of a lost document: %+v", answers[0])
			}

			// A modify lost twice, each time once carried out: it may have
			// taken effect, and the error says so.
			if !strings.HasPrefix(mode, "SOAP") { // (SOAP retries an HTTP request its own way: the third attempt answers)
				srv.Inject(fault.Fault{Path: modifyType, Drop: true, AfterHandling: true, Times: 2})
				_, errs = ops.Exchange(ctx, []any{modify("b@example.com", 11)})
				if !errors.Is(errs[0], broadworks.ErrOutcomeUnknown) {
					t.Errorf("a modify lost twice: %v", errs[0])
				}
				if cc, _ := srv.CallCenter("b@example.com"); *cc.QueueLength != 11 {
					t.Errorf("queue %d", *cc.QueueLength)
				}
			}
			srv.ClearFaults()

			// A command bulk did not build is refused, and so is every
			// other of its document (none is sent).
			docs = srv.Stats().Documents
			_, errs = ops.Exchange(ctx, []any{build("a@example.com", ops.BuildLookup), "not a command"})
			if errs[0] == nil || errs[1] == nil || srv.Stats().Documents != docs {
				t.Errorf("a foreign command: %v", errs)
			}
			// An id that cannot be sent is refused when the read is built.
			if _, err := ops.BuildLookup(key("bad\nid")); err == nil {
				t.Error("BuildLookup took a control character")
			}
			if _, err := ops.BuildDelete(key("")); err == nil {
				t.Error("BuildDelete took an empty id")
			}
		})
	}
}

// TestListPageDefault: a group of 4,500 is listed in 3 pages (2,000 rows
// each, the most R25 allows).
func TestListPageDefault(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS")
	ctx := context.Background()
	ops := c.BulkOps().(exchangeOps)
	for i := 0; i < 4500; i += 15 {
		var cmds []any
		for j := i; j < i+15; j++ {
			cc := basic(fmt.Sprintf("cc%04d@example.com", j))
			cmd, _ := ops.BuildCreate(cc)
			cmds = append(cmds, cmd)
		}
		if _, errs := ops.SendBatch(ctx, cmds); errs[0] != nil {
			t.Fatal(errs[0])
		}
	}
	n := 0
	for _, err := range c.ListCallCenters(ctx, "MyServiceProvider", "SalesGroup") {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if pages := srv.CommandCount("GroupCallCenterGetInstancePagedSortedListRequest"); n != 4500 || pages != 3 {
		t.Errorf("%d listed in %d pages", n, pages)
	}
}

// TestExchangeStaffing: staffing reads (three commands each) and changes
// go in one document with lookups, counted by Commands, and each is
// answered as alone: a read its staffing (nil for no call center, read
// before a change that follows it in the document), a change its text; a
// change refused inside the document fails alone; when a document with a
// change is lost after it was carried out, the change is outcome unknown
// and never sent again, while the reads and a change of levels alone (safe
// to repeat) are sent again and answered.
func TestExchangeStaffing(t *testing.T) {
	for _, mode := range []string{"TLS", "TCP"} {
		t.Run(mode, func(t *testing.T) {
			srv, skill, plain := staffServer(t)
			c := clientFor(t, srv, mode)
			ctx := context.Background()
			ops := c.BulkOps().(platform.StaffingBatcher)
			if err := c.AddAgents(ctx, skill.ServiceUserID, callcenter.Agent{UserID: "u0@example.com", SkillLevel: 9}, callcenter.Agent{UserID: "u1@example.com", SkillLevel: 4}); err != nil {
				t.Fatal(err)
			}
			read := func(id string) any {
				t.Helper()
				cmd, err := ops.BuildReadStaffing(id)
				if err != nil {
					t.Fatal(err)
				}
				return cmd
			}
			change := func(id string, want callcenter.Staffing) any {
				t.Helper()
				stored, _, err := ops.ReadStaffing(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				cmd, err := ops.BuildStaffing(callcenter.DiffStaffing(stored, want))
				if err != nil {
					t.Fatal(err)
				}
				return cmd
			}
			lookup, err := ops.BuildLookup(plain)
			if err != nil {
				t.Fatal(err)
			}
			alone, found, err := ops.ReadStaffing(ctx, skill.ServiceUserID)
			if err != nil || !found {
				t.Fatal(found, err)
			}
			add := change(skill.ServiceUserID, callcenter.Staffing{Agents: []callcenter.Agent{{UserID: "u0@example.com"}, {UserID: "u1@example.com"}, {UserID: "u2@example.com", SkillLevel: 3}}})
			cmds := []any{read(skill.ServiceUserID), lookup, read("missing@example.com"), add, read(plain.ServiceUserID)}
			n := 0
			for _, cmd := range cmds {
				n += ops.Commands(cmd)
			}
			if n != 3+1+3+1+3 {
				t.Errorf("Commands: %d in all", n)
			}
			docs := srv.Stats().Documents
			answers, errs := ops.Exchange(ctx, cmds)
			if d := srv.Stats().Documents - docs; d != 1 {
				t.Errorf("%d documents for one exchange", d)
			}
			for i, err := range errs {
				if err != nil {
					t.Errorf("command %d: %v", i, err)
				}
			}
			if st, _ := answers[0].(*callcenter.Staffing); st == nil || !reflect.DeepEqual(*st, alone) {
				t.Errorf("staffing read in a batch: %+v, alone %+v", answers[0], alone)
			}
			if cc, _ := answers[1].(*callcenter.CallCenter); cc == nil || cc.ServiceUserID != plain.ServiceUserID {
				t.Errorf("lookup: %+v", answers[1])
			}
			if answers[2] != nil || answers[3] != "SuccessResponse" {
				t.Errorf("missing call center %+v, change %q", answers[2], answers[3])
			}
			if st, _ := answers[4].(*callcenter.Staffing); st == nil || st.SkillBased || len(st.Agents) != 0 {
				t.Errorf("plain's staffing: %+v", answers[4])
			}
			if now, _ := srv.Staffing(skill.ServiceUserID); len(now.Agents) != 3 {
				t.Errorf("after the change: %+v", now.Agents)
			}

			// A change refused inside a document fails alone.
			refused := change(plain.ServiceUserID, callcenter.Staffing{Agents: []callcenter.Agent{{UserID: "ghost@example.com"}}})
			answers, errs = ops.Exchange(ctx, []any{read(skill.ServiceUserID), refused, lookup})
			var e *broadworks.Error
			if !errors.As(errs[1], &e) || errs[0] != nil || errs[2] != nil || answers[1] == "SuccessResponse" {
				t.Errorf("a refused change: %q %v; beside it %v %v", answers[1], errs[1], errs[0], errs[2])
			}

			// A document lost once its add was carried out: the change is
			// unknown and sent once; the reads are sent again, and so is a
			// change of levels alone.
			const addAgents = "GroupCallCenterAddAgentListRequest"
			srv.Inject(fault.Fault{Path: addAgents, ServiceUserID: plain.ServiceUserID, Drop: true, AfterHandling: true})
			adds := srv.CommandCount(addAgents)
			lost := change(plain.ServiceUserID, callcenter.Staffing{Agents: []callcenter.Agent{{UserID: "u5@example.com"}}})
			relevel := change(skill.ServiceUserID, callcenter.Staffing{Agents: []callcenter.Agent{{UserID: "u0@example.com", SkillLevel: 1}, {UserID: "u1@example.com"}, {UserID: "u2@example.com"}}})
			if ops.Commands(relevel) != 1 {
				t.Fatalf("a change of one level is %d commands", ops.Commands(relevel))
			}
			answers, errs = ops.Exchange(ctx, []any{read(skill.ServiceUserID), lost, relevel, read(plain.ServiceUserID)})
			if !errors.Is(errs[1], broadworks.ErrOutcomeUnknown) || srv.CommandCount(addAgents)-adds != 1 {
				t.Errorf("the lost change: %v, sent %d times", errs[1], srv.CommandCount(addAgents)-adds)
			}
			if errs[0] != nil || errs[2] != nil || errs[3] != nil || answers[2] != "SuccessResponse" {
				t.Errorf("beside the lost change: %v %v %v (%q)", errs[0], errs[2], errs[3], answers[2])
			}
			if st, _ := answers[3].(*callcenter.Staffing); st == nil || len(st.Agents) != 1 || st.Agents[0].UserID != "u5@example.com" {
				t.Errorf("plain read again after its lost change: %+v", answers[3])
			}
			now, _ := srv.Staffing(skill.ServiceUserID)
			if i := slices.IndexFunc(now.Agents, func(a callcenter.Agent) bool { return a.UserID == "u0@example.com" }); i < 0 || now.Agents[i].SkillLevel != 1 {
				t.Errorf("the change of levels sent again: %+v", now.Agents)
			}
			srv.ClearFaults()
		})
	}
}

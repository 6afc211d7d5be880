package bulk_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/platform"
)

// memApply is a memTarget that can also modify, delete and list: a
// Target that can apply and export, for bulk's own tests.
type memApply struct {
	*memTarget
	amu       sync.Mutex
	modifies  [][]string // the fields of each modify, in order
	deletes   []string
	refuseDel map[string]string
}

func newMemApply() *memApply { return &memApply{memTarget: newMem(), refuseDel: map[string]string{}} }

type modCmd struct {
	CC     callcenter.CallCenter
	Fields []string
}

func (m *memApply) BulkOps() platform.Ops { return m }

func (m *memApply) ListCallCenters(ctx context.Context, sp, group string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		m.mu.Lock()
		var ids []string
		for _, cc := range m.stored {
			if cc.ServiceProviderID == sp && cc.GroupID == group {
				ids = append(ids, cc.ServiceUserID)
			}
		}
		m.mu.Unlock()
		slices.Sort(ids)
		for _, id := range ids {
			if !yield(id, nil) {
				return
			}
		}
	}
}

func (m *memApply) BuildModify(want callcenter.CallCenter, fields []string) (any, error) {
	return &modCmd{CC: want, Fields: fields}, nil
}

func (m *memApply) SendModify(ctx context.Context, cmd any) (string, error) {
	mc := cmd.(*modCmd)
	m.amu.Lock()
	m.modifies = append(m.modifies, mc.Fields)
	m.amu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	key := strings.ToLower(mc.CC.ServiceUserID)
	old, ok := m.stored[key]
	if !ok {
		return "", fmt.Errorf("[Error 4008] User not found")
	}
	mc.CC.Profile.Password = old.Profile.Password
	m.stored[key] = mc.CC
	return "SuccessResponse", nil
}

func (m *memApply) DeleteCallCenter(ctx context.Context, cc callcenter.CallCenter) (string, error) {
	m.amu.Lock()
	defer m.amu.Unlock()
	if msg, ok := m.refuseDel[cc.ServiceUserID]; ok {
		return "", errors.New(msg)
	}
	m.deletes = append(m.deletes, cc.ServiceUserID)
	m.mu.Lock()
	delete(m.stored, strings.ToLower(cc.ServiceUserID))
	m.mu.Unlock()
	return "SuccessResponse", nil
}

func (m *memApply) writes() int {
	m.amu.Lock()
	defer m.amu.Unlock()
	return int(m.sends.Load()) + len(m.modifies) + len(m.deletes)
}

func statuses(rs []bulk.Result) map[bulk.Status]int {
	out := map[bulk.Status]int{}
	for _, r := range rs {
		out[r.Status]++
	}
	return out
}

func TestApplyIsIdempotent(t *testing.T) {
	m := newMemApply()
	ctx := context.Background()
	rs, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(sheet(5)))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got[bulk.StatusCreated] != 5 || len(rs) != 5 {
		t.Fatalf("first apply: %v", got)
	}
	before := m.writes()
	rs, err = bulk.ApplyFromCSV(ctx, m, strings.NewReader(sheet(5)))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got[bulk.StatusUnchanged] != 5 {
		t.Fatalf("second apply: %v, want 5 unchanged", got)
	}
	if w := m.writes() - before; w != 0 {
		t.Errorf("second apply wrote %d times, want 0", w)
	}
	for _, r := range rs {
		if !r.OK() || r.Planned {
			t.Errorf("row %d: OK %v planned %v", r.Index, r.OK(), r.Planned)
		}
	}
}

func TestApplyModifiesOnlyChangedFields(t *testing.T) {
	m := newMemApply()
	ctx := context.Background()
	if _, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(sheet(3))); err != nil {
		t.Fatal(err)
	}
	// Row 1 changes two cells; the password column is empty (keep).
	edited := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,policy,queueLength,enableVideo\n" +
		"SP,G1,cc0@example.com,,Basic,Circular,,\n" +
		"SP,G1,cc1@example.com,,Basic,Uniform,7,\n" +
		"SP,G1,cc2@example.com,,Basic,Circular,,\n"
	plan, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(edited), bulk.PlanOnly())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.modifies) != 0 {
		t.Fatalf("a plan sent %d modifies", len(m.modifies))
	}
	if plan[1].Status != bulk.StatusModified || !plan[1].Planned || len(plan[1].Differences) != 2 {
		t.Fatalf("plan row 1: %+v", plan[1])
	}
	if plan[0].Status != bulk.StatusUnchanged || !plan[0].Planned {
		t.Errorf("plan row 0: %s planned %v", plan[0].Status, plan[0].Planned)
	}
	rs, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(edited))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got[bulk.StatusModified] != 1 || got[bulk.StatusUnchanged] != 2 {
		t.Fatalf("apply: %v", got)
	}
	if want := [][]string{{"policy", "queueLength"}}; len(m.modifies) != 1 || !slices.Equal(m.modifies[0], want[0]) {
		t.Errorf("modifies = %v, want %v", m.modifies, want)
	}
	stored, _, _ := m.LookupCallCenter(ctx, callcenter.CallCenter{ServiceUserID: "cc1@example.com"})
	if stored.Policy != callcenter.Uniform || stored.QueueLength == nil || *stored.QueueLength != 7 {
		t.Errorf("stored after modify: policy %s queue %v", stored.Policy, stored.QueueLength)
	}
	m.mu.Lock()
	pw := m.stored["cc1@example.com"].Profile.Password
	m.mu.Unlock()
	if pw != "pw-1" {
		t.Errorf("password after modify = %q, want the stored one kept", pw)
	}
}

func TestPruneOnlyWithOption(t *testing.T) {
	m := newMemApply()
	ctx := context.Background()
	if _, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(sheet(4))); err != nil {
		t.Fatal(err)
	}
	if _, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(sheet(2))); err != nil {
		t.Fatal(err)
	}
	if n := m.count(); n != 4 {
		t.Fatalf("without Prune %d stored, want 4", n)
	}
	plan, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(sheet(2)), bulk.Prune(), bulk.PlanOnly())
	if err != nil || len(plan) != 4 || plan[2].Status != bulk.StatusDeleted || !plan[2].Planned || m.count() != 4 {
		t.Fatalf("planned prune: %v %v, %d stored", statuses(plan), err, m.count())
	}
	m.refuseDel["cc3@example.com"] = "[Error 4500] cannot delete: in use"
	rs, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(sheet(2)), bulk.Prune())
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 || rs[2].Status != bulk.StatusDeleted || rs[2].Data().ServiceUserID != "cc2@example.com" || rs[2].Index != 2 {
		t.Fatalf("prune results: %+v", rs[2:])
	}
	if rs[3].Status != bulk.StatusFailed || rs[3].OK() || !strings.Contains(rs[3].Err.Error(), "in use") || !strings.Contains(rs[3].Err.Error(), "cc3@example.com") {
		t.Errorf("refused delete: %s %v", rs[3].Status, rs[3].Err)
	}
	if n := m.count(); n != 3 {
		t.Errorf("%d stored after prune, want 3", n)
	}
}

func TestExportThenApplyIsNoOp(t *testing.T) {
	m := newMemApply()
	ctx := context.Background()
	src := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,policy,queueLength,serviceInstanceProfile.alias[0],serviceInstanceProfile.department.name\n" +
		"SP,G1,a@example.com,pw1,Standard,Weighted Call Distribution,9,x@example.com,Sales\n" +
		"SP,G1,b@example.com,pw2,Basic,Circular,,,\n"
	if _, err := bulk.ApplyFromCSV(ctx, m, strings.NewReader(src)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	n, err := bulk.ExportCSV(ctx, m, &out, "SP", "G1")
	if err != nil || n != 2 {
		t.Fatalf("ExportCSV = %d, %v", n, err)
	}
	if strings.Contains(out.String(), "pw1") || strings.Contains(out.String(), "password") {
		t.Errorf("export holds a password column or value:\n%s", out.String())
	}
	header, _, _ := strings.Cut(out.String(), "\n")
	if !strings.HasPrefix(header, "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,") || !strings.HasSuffix(header, "serviceInstanceProfile.alias[2]") {
		t.Errorf("header = %s", header)
	}
	before := m.writes()
	rs, err := bulk.ApplyFromCSV(ctx, m, bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got[bulk.StatusUnchanged] != 2 {
		t.Errorf("apply of the export: %v (%v)", got, rs[0].Err)
	}
	if w := m.writes() - before; w != 0 {
		t.Errorf("apply of the export wrote %d times", w)
	}
}

func TestResumeFromDryRunCreates(t *testing.T) {
	m := newMem()
	ctx := context.Background()
	var results bytes.Buffer
	if _, err := bulk.CreateFromCSV(ctx, m, strings.NewReader(sheet(3)), bulk.DryRun(), bulk.ResultsTo(&results)); err != nil {
		t.Fatal(err)
	}
	rs, err := bulk.CreateFromCSV(ctx, m, strings.NewReader(sheet(3)), bulk.Resume(&results))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got[bulk.StatusCreated] != 3 || m.count() != 3 {
		t.Errorf("resume from a dry run: %v, %d stored; want 3 created", got, m.count())
	}
}

func TestResumeTwiceIsAnError(t *testing.T) {
	_, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(sheet(1)),
		bulk.Resume(strings.NewReader("")), bulk.ResumeResults(nil))
	if err == nil || !strings.Contains(err.Error(), "Resume and ResumeResults") {
		t.Errorf("err = %v", err)
	}
}

// refusing is a target whose every create fails systemically (a refused
// login), counting the attempts.
type refusing struct {
	*memTarget
	err error
}

func (r *refusing) BulkOps() platform.Ops { return r }

func (r *refusing) SendCreate(ctx context.Context, cmd any) (string, error) {
	r.sends.Add(1)
	return "", r.err
}

type loginRefused struct{}

func (loginRefused) Error() string { return "login refused for admin (Invalid password)" }
func (loginRefused) Is(t error) bool {
	return t == bulk.ErrLoginRefused || t == bulk.ErrSystemic
}

func TestSystemicFailureStopsTheRun(t *testing.T) {
	for _, conc := range []int{1, 4} {
		tg := &refusing{memTarget: newMem(), err: loginRefused{}}
		var progress []bulk.Progress
		rs, err := bulk.CreateFromCSV(context.Background(), tg, strings.NewReader(sheet(500)), bulk.Concurrency(conc),
			bulk.Total(500), bulk.OnProgress(func(p bulk.Progress) { progress = append(progress, p) }))
		var stop *bulk.StopError
		if !errors.As(err, &stop) || !errors.Is(err, bulk.ErrSystemic) || !errors.Is(err, bulk.ErrLoginRefused) {
			t.Fatalf("concurrency %d: err = %v, want a StopError for a refused login", conc, err)
		}
		if !strings.Contains(err.Error(), "check the user name and password") {
			t.Errorf("err says no fix: %v", err)
		}
		if len(rs) != 500 {
			t.Fatalf("%d results, want 500", len(rs))
		}
		if n := tg.sends.Load(); n > int32(conc) {
			t.Errorf("concurrency %d: %d creates sent after a refused login, want at most %d", conc, n, conc)
		}
		got := statuses(rs)
		if got[bulk.StatusSkipped] != 499 || got[bulk.StatusFailed] != 1 || stop.Skipped != 499 || rs[stop.Row].Status != bulk.StatusFailed {
			t.Errorf("concurrency %d: %v, stop %+v", conc, got, stop)
		}
		if last := rs[499]; !errors.Is(last.Err, bulk.ErrLoginRefused) || last.Status != bulk.StatusSkipped {
			t.Errorf("last row: %s %v", last.Status, last.Err)
		}
		if p := progress[len(progress)-1]; p.Total != 500 || p.Done != 500 || p.Rate <= 0 || p.Elapsed <= 0 {
			t.Errorf("last progress: %+v", p)
		}
	}
}

func TestRowRefusalDoesNotStop(t *testing.T) {
	m := newMem()
	m.refuse["cc1@example.com"] = "[Error 4500] refused"
	rs, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(5)))
	if err != nil {
		t.Fatal(err)
	}
	if got := statuses(rs); got[bulk.StatusCreated] != 4 || got[bulk.StatusFailed] != 1 {
		t.Errorf("%v", got)
	}
}

// wireMem is a memTarget whose commands have a wire form that quotes the
// password, as OCI-P's does.
type wireMem struct{ *memTarget }

func (w wireMem) BulkOps() platform.Ops { return w }

func (wireMem) AppendWire(dst []byte, cmd any) ([]byte, error) {
	cc := cmd.(*addCmd).CC
	if cc.ServiceUserID == "cc2@example.com" {
		return dst, errors.New("cannot encode")
	}
	return fmt.Appendf(dst, "<add id=%q><password>%s</password></add>", cc.ServiceUserID, strings.ReplaceAll(string(cc.Profile.Password), "&", "&amp;")), nil
}

func TestDryRunEncodesAndShowWireRedacts(t *testing.T) {
	var wire bytes.Buffer
	in := strings.Replace(sheet(3), "pw-1", "p&w-1", 1)
	rs, err := bulk.CreateFromCSV(context.Background(), wireMem{newMem()}, strings.NewReader(in), bulk.DryRun(), bulk.ShowWire(&wire))
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Status != bulk.StatusValidated || rs[2].Status != bulk.StatusInvalid || !strings.Contains(rs[2].Err.Error(), "cannot encode") {
		t.Fatalf("a row that cannot be encoded must be invalid in a dry run: %s %s %v", rs[0].Status, rs[2].Status, rs[2].Err)
	}
	lines := strings.Split(strings.TrimSpace(wire.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], `id="cc1@example.com"`) {
		t.Fatalf("wire lines = %q", lines)
	}
	if strings.Contains(wire.String(), "pw-0") || strings.Contains(wire.String(), "p&amp;w-1") || strings.Count(wire.String(), callcenter.Redacted) != 2 {
		t.Errorf("ShowWire printed a password: %s", wire.String())
	}
}

// A Target whose Ops lack the optional methods a run needs is refused
// before anything is read: apply and plans need platform.Applier, export
// platform.Lister.
func TestRunsNeedTheirOptionalMethods(t *testing.T) {
	ctx := context.Background()
	untouched := &countingReader{r: strings.NewReader(sheet(1))}
	if _, err := bulk.ApplyFromCSV(ctx, newMem(), untouched); err == nil || !strings.Contains(err.Error(), "platform.Applier") {
		t.Errorf("apply on Ops without Applier: %v", err)
	}
	if _, err := bulk.ApplyPlan(ctx, newMem(), strings.NewReader(`{"format":"callcenter-go apply plan","version":1,"entries":[]}`)); err == nil || !strings.Contains(err.Error(), "platform.Applier") {
		t.Errorf("a plan on Ops without Applier: %v", err)
	}
	if n, err := bulk.ExportCSV(ctx, newMem(), io.Discard, "SP", "G1"); n != 0 || err == nil || !strings.Contains(err.Error(), "platform.Lister") {
		t.Errorf("export from Ops without Lister: %d, %v", n, err)
	}
	if untouched.n != 0 {
		t.Errorf("the sheet was read (%d bytes) before the Target was refused", untouched.n)
	}
	if _, err := bulk.ApplyFromCSV(ctx, nil, untouched); err == nil || !strings.Contains(err.Error(), "nil Target") {
		t.Errorf("nil Target: %v", err)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

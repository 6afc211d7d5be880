package bulk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/fault"
)

// twin is a fake platform and a client of it, one of two built alike: the
// same runs on both, one batched and one not, must give the same results.
type twin struct {
	client bulk.Target // the runs'
	other  bulk.Target // another administrator's
	state  func() string
	docs   func() int // documents (broadworks) or writes (apio) the fake received
}

// newTwin returns a new fake of kind ("broadworks" or "apio") with a client.
func newTwin(t *testing.T, kind string) twin {
	switch kind {
	case "broadworks":
		srv := broadworkstest.NewServer()
		t.Cleanup(srv.Close)
		newClient := func() *broadworks.Client {
			c := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(4)))
			t.Cleanup(func() { c.Close() })
			return c
		}
		return twin{client: newClient(), other: newClient(), docs: func() int { return srv.Stats().Documents }, state: func() string {
			var out []string
			for _, cc := range srv.CallCenters() {
				out = append(out, fmt.Sprintf("%s/%s/%s pw=%s\n%s", cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID, cc.Profile.Password, describe(cc)))
			}
			slices.Sort(out)
			return strings.Join(out, "\n")
		}}
	case "apio":
		srv := apiotest.NewServer()
		t.Cleanup(srv.Close)
		newClient := func() *apio.Client {
			c := must(apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword)))
			t.Cleanup(func() { c.Close() })
			return c
		}
		return twin{client: newClient(), other: newClient(), docs: func() int { st := srv.Stats(); return st.Creates + st.Updates + st.Deletes }, state: func() string {
			var out []string
			for _, cc := range srv.CallCenters() {
				out = append(out, fmt.Sprintf("%+v", cc))
			}
			slices.Sort(out)
			return strings.Join(out, "\n")
		}}
	}
	t.Fatalf("no fake %q", kind)
	return twin{}
}

// twinSheet builds a sheet of the header and rows.
func twinSheet(header string, rows ...string) string {
	return header + "\n" + strings.Join(rows, "\n") + "\n"
}

const twinHeader = "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.password,type,policy,queueLength,serviceInstanceProfile.alias[0]"

// twinRow is a row of twinHeader for call center id of group g.
func twinRow(g, id, password, policy string, queue int, alias string) string {
	typ := "Standard"
	if strings.HasSuffix(id, "3@example.com") {
		typ = "Premium"
	}
	q := ""
	if queue > 0 {
		q = fmt.Sprint(queue)
	}
	return fmt.Sprintf("SP,%s,%s,Name of %s,%s,%s,%s,%s,%s", g, id, id, password, typ, policy, q, alias)
}

// resultLines describes each result, every field of it, one line each.
func resultLines(rs []bulk.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		err := ""
		if r.Err != nil {
			err = r.Err.Error()
		}
		out[i] = fmt.Sprintf("%d %s ok=%v planned=%v prune=%v response=%q err=%q diffs=%v warnings=%q data=%q", r.Index, r.Status, r.OK(), r.Planned, r.Prune,
			r.Response, err, r.Differences, r.Warnings, describe(r.Data())+r.Data().ServiceProviderID+"/"+r.Data().GroupID+"/"+string(r.Data().Profile.Password))
	}
	return out
}

// sameResults reports the rows where a and b differ.
func sameResults(t *testing.T, step string, a, b []bulk.Result) {
	t.Helper()
	la, lb := resultLines(a), resultLines(b)
	if len(la) != len(lb) {
		t.Errorf("%s: %d results unbatched, %d batched", step, len(la), len(lb))
	}
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			t.Errorf("%s: row %d differs:\nunbatched %s\nbatched   %s", step, i, la[i], lb[i])
		}
	}
}

// TestBatchedEqualsUnbatched runs the same runs on two fakes built alike,
// one with Batch(1) and one with the default batching, and compares every
// result row for row, the plans, the backups, the exports and what the
// fakes hold afterwards: creates (new, existing alike and not, duplicate,
// invalid, in another group, a case variant), a plan with Prune (modifies,
// unchanged, creates, nulls, a password cell, a case variant, a row of the
// wrong group, an invalid row), ApplyPlan after another administrator
// changed a row and created one, an apply with Prune and BackupTo, and an
// export. On broadworks the batched runs send 15 commands to a document;
// apio has no batching, and runs alike with the default.
func TestBatchedEqualsUnbatched(t *testing.T) {
	ctx := context.Background()
	for _, kind := range []string{"broadworks", "apio"} {
		t.Run(kind, func(t *testing.T) {
			plain, batched := newTwin(t, kind), newTwin(t, kind)
			one := []bulk.Option{bulk.Batch(1)}
			both := func(step string, run func(tw twin, opts []bulk.Option) ([]bulk.Result, error)) ([]bulk.Result, []bulk.Result) {
				t.Helper()
				d0, d1 := plain.docs(), batched.docs()
				a, errA := run(plain, one)
				b, errB := run(batched, nil)
				if fmt.Sprint(errA) != fmt.Sprint(errB) {
					t.Errorf("%s: error %v unbatched, %v batched", step, errA, errB)
				}
				sameResults(t, step, a, b)
				if sa, sb := plain.state(), batched.state(); sa != sb {
					t.Errorf("%s: the fakes differ afterwards", step)
				}
				t.Logf("%s: %d rows, %v; %d requests unbatched, %d batched", step, len(a), statuses(a), plain.docs()-d0, batched.docs()-d1)
				return a, b
			}

			// Seed both alike: G1 holds s0..s59, G2 t0..t4.
			var seedRows []string
			for i := range 60 {
				alias := ""
				if i%4 == 1 {
					alias = fmt.Sprintf("alias%d@example.com", i)
				}
				seedRows = append(seedRows, twinRow("G1", fmt.Sprintf("s%d@example.com", i), fmt.Sprintf("pw-s%d", i), "Circular", 10, alias))
			}
			for i := range 5 {
				seedRows = append(seedRows, twinRow("G2", fmt.Sprintf("t%d@example.com", i), fmt.Sprintf("pw-t%d", i), "Circular", 10, ""))
			}
			for _, tw := range []twin{plain, batched} {
				if rs, err := bulk.ApplyFromCSV(ctx, tw.client, strings.NewReader(twinSheet(twinHeader, seedRows...)), bulk.Batch(1)); err != nil || !okAll(rs) {
					t.Fatalf("seed: %v %v", statuses(rs), err)
				}
			}

			// Creates.
			var creates []string
			for i := range 20 {
				creates = append(creates, twinRow("G1", fmt.Sprintf("n%d@example.com", i), fmt.Sprintf("pw-n%d", i), "Circular", 10, ""))
			}
			creates = append(creates,
				twinRow("G1", "s0@example.com", "pw-s0", "Circular", 10, ""),        // stored alike
				twinRow("G1", "s1@example.com", "pw-s1", "Uniform", 10, ""),         // stored otherwise
				twinRow("G1", "n3@example.com", "pw-x", "Circular", 10, ""),         // a duplicate row
				twinRow("G1", "bad@example.com", "pw-bad", "Sideways", 10, ""),      // invalid
				twinRow("G1", "t0@example.com", "pw-t0", "Circular", 10, ""),        // in G2
				twinRow("G1", "S2@EXAMPLE.COM", "pw-s2", "Circular", 10, ""),        // a case variant
				twinRow("G1", "n20@example.com", "pw-n20", "Circular", 10, "a b c"), // invalid alias
			)
			both("create", func(tw twin, opts []bulk.Option) ([]bulk.Result, error) {
				return bulk.CreateFromCSV(ctx, tw.client, strings.NewReader(twinSheet(twinHeader, creates...)), opts...)
			})

			// A plan with Prune, then ApplyPlan after changes by another.
			var plan []string
			for i := range 55 {
				id := fmt.Sprintf("s%d@example.com", i)
				switch {
				case i >= 3 && i <= 12:
					plan = append(plan, twinRow("G1", id, "", "Circular", 20+i, ""))
				case i == 13:
					plan = append(plan, twinRow("G1", id, "", "Circular", 10, "null"))
				case i == 14:
					plan = append(plan, twinRow("G1", id, "", "Circular", 10, "")+"X") // a bad alias cell
				case i == 15:
					plan = append(plan, twinRow("G1", id, "new-password", "Circular", 10, ""))
				case i == 16:
					plan = append(plan, twinRow("G1", "S16@Example.COM", "", "", 0, ""))
				case i == 20:
					plan = append(plan, twinRow("G2", id, "", "", 0, "")) // the wrong group
				default:
					plan = append(plan, twinRow("G1", id, "", "", 0, ""))
				}
			}
			for i := range 20 {
				plan = append(plan, twinRow("G1", fmt.Sprintf("n%d@example.com", i), "", "", 0, ""))
			}
			for i := range 3 {
				plan = append(plan, twinRow("G1", fmt.Sprintf("c%d@example.com", i), fmt.Sprintf("pw-c%d", i), "Regular", 5, ""))
			}
			for i := range 5 {
				plan = append(plan, twinRow("G2", fmt.Sprintf("t%d@example.com", i), "", "", 0, ""))
			}
			plan = append(plan, twinRow("G1", "worse@example.com", "pw", "Circular", 99999, ""))
			var planA, planB bytes.Buffer
			both("plan", func(tw twin, opts []bulk.Option) ([]bulk.Result, error) {
				out := &planA
				if tw.client == batched.client {
					out = &planB
				}
				return bulk.ApplyFromCSV(ctx, tw.client, strings.NewReader(twinSheet(twinHeader, plan...)),
					append(opts, bulk.PlanOnly(), bulk.Prune(), bulk.PlanTo(out))...)
			})
			if a, b := planEntries(t, planA.Bytes()), planEntries(t, planB.Bytes()); a != b {
				t.Errorf("the plans differ:\n%s\n%s", a, b)
			}
			for _, tw := range []twin{plain, batched} {
				for _, change := range []string{"serviceProviderId,groupId,serviceUserId,policy\nSP,G1,s5@example.com,Uniform\n",
					"serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password\nSP,G1,c1@example.com,other\n"} {
					if _, err := bulk.ApplyFromCSV(ctx, tw.other, strings.NewReader(change), bulk.Batch(1)); err != nil {
						t.Fatal(err)
					}
				}
			}
			both("apply the plan", func(tw twin, opts []bulk.Option) ([]bulk.Result, error) {
				doc := planA.Bytes()
				if tw.client == batched.client {
					doc = planB.Bytes()
				}
				return bulk.ApplyPlan(ctx, tw.client, bytes.NewReader(doc), opts...)
			})

			// An apply with Prune and a backup.
			var apply []string
			for i := range 50 {
				id := fmt.Sprintf("s%d@example.com", i)
				switch {
				case i >= 30 && i <= 39:
					apply = append(apply, twinRow("G1", id, "", "Weighted", 0, fmt.Sprintf("new%d@example.com", i)))
				case i == 40:
					apply = append(apply, twinRow("G1", id, "", "", 0, "null"))
				default:
					apply = append(apply, twinRow("G1", id, "", "", 0, ""))
				}
			}
			for i := range 3 {
				apply = append(apply, twinRow("G1", fmt.Sprintf("c%d@example.com", i), fmt.Sprintf("pw-c%d", i), "", 0, ""))
				apply = append(apply, twinRow("G1", fmt.Sprintf("d%d@example.com", i), fmt.Sprintf("pw-d%d", i), "Regular", 5, ""))
			}
			var backA, backB bytes.Buffer
			both("apply with prune", func(tw twin, opts []bulk.Option) ([]bulk.Result, error) {
				out := &backA
				if tw.client == batched.client {
					out = &backB
				}
				return bulk.ApplyFromCSV(ctx, tw.client, strings.NewReader(twinSheet(twinHeader, apply...)),
					append(opts, bulk.Prune(), bulk.MaxDeletes(30), bulk.BackupTo(out))...)
			})
			if a, b := sortedLines(backA.String()), sortedLines(backB.String()); a != b || a == "" {
				t.Errorf("the backups differ:\n%s\n%s", a, b)
			}

			// An export of each group.
			for _, g := range []string{"G1", "G2"} {
				var a, b bytes.Buffer
				na, errA := bulk.ExportCSV(ctx, plain.client, &a, "SP", g, bulk.Batch(1))
				nb, errB := bulk.ExportCSV(ctx, batched.client, &b, "SP", g)
				if errA != nil || errB != nil || na != nb || a.String() != b.String() || na == 0 {
					t.Errorf("export of %s: %d %v and %d %v; the sheets are equal: %v", g, na, errA, nb, errB, a.String() == b.String())
				}
			}
		})
	}
}

// planEntries is a plan without its time of writing.
func planEntries(t *testing.T, doc []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatalf("plan: %v", err)
	}
	delete(m, "created")
	b, _ := json.MarshalIndent(m, "", " ")
	return string(b)
}

// sortedLines is s's lines, sorted: rows backed up by concurrent rows
// come in the order they are sent.
func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(l)
	return strings.Join(l, "\n")
}

// firstWrite is a writer that notes how many call centers the fake had
// been asked for when the first bytes arrived.
type firstWrite struct {
	bytes.Buffer
	reads func() int
	at    int // -1 until the first write
}

func (w *firstWrite) Write(p []byte) (int, error) {
	if w.at < 0 {
		w.at = w.reads()
	}
	return w.Buffer.Write(p)
}

// TestExportStreams: an export writes rows as it reads them (in batches),
// not after reading the whole group; a listing that fails writes nothing;
// a read that fails ends the export with the rows before it written and
// the id named; options an export does not take are refused.
func TestExportStreams(t *testing.T) {
	ctx := context.Background()
	srv := broadworkstest.NewServer()
	defer srv.Close()
	client := must(broadworks.NewClient(srv.TLSAddr(), broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
		broadworks.WithTLSConfig(srv.ClientTLSConfig()), broadworks.WithSessions(2)))
	defer client.Close()
	const n = 300
	var rows []string
	for i := range n {
		rows = append(rows, twinRow("G1", fmt.Sprintf("x%03d@example.com", i), "pw-x", "Circular", 10, ""))
	}
	if rs, err := bulk.CreateFromCSV(ctx, client, strings.NewReader(twinSheet(twinHeader, rows...))); err != nil || !okAll(rs) {
		t.Fatalf("seed: %v %v", statuses(rs), err)
	}
	const get = "GroupCallCenterGetInstanceRequest22"
	reads := func() int { return srv.CommandCount(get) }

	before := reads()
	w := &firstWrite{reads: func() int { return reads() - before }, at: -1}
	docs := srv.Stats().Documents
	var progress int
	got, err := bulk.ExportCSV(ctx, client, w, "SP", "G1", bulk.Concurrency(1), bulk.OnProgress(func(p bulk.Progress) {
		if p.Total != n {
			t.Errorf("progress total %d", p.Total)
		}
		progress = p.Done
	}))
	if err != nil || got != n || progress != n {
		t.Fatalf("export: %d, %v, progress %d", got, err, progress)
	}
	t.Logf("the first bytes were written after %d of %d reads", w.at, n)
	if w.at < 0 || w.at >= n {
		t.Errorf("the first bytes were written after %d of %d reads", w.at, n)
	}
	if d := srv.Stats().Documents - docs; d > n/15+3 {
		t.Errorf("%d documents for %d reads", d, n)
	}
	if lines := strings.Count(w.String(), "\n"); lines != n+1 {
		t.Errorf("%d lines", lines)
	}

	// A listing that fails writes nothing.
	srv.Inject(fault.Fault{Path: "GroupCallCenterGetInstancePagedSortedListRequest", Status: 4000, Message: "[Error 4000] Injected list failure"})
	var empty bytes.Buffer
	if got, err := bulk.ExportCSV(ctx, client, &empty, "SP", "G1"); err == nil || got != 0 || empty.Len() != 0 {
		t.Errorf("a failed listing: %d, %v, %d bytes written", got, err, empty.Len())
	}

	// A read that fails ends the export there.
	srv.Inject(fault.Fault{Path: get, ServiceUserID: "x200@example.com", Status: 4000, Message: "[Error 4000] Injected read failure"})
	var part bytes.Buffer
	got, err = bulk.ExportCSV(ctx, client, &part, "SP", "G1", bulk.Concurrency(1))
	if err == nil || !strings.Contains(err.Error(), `"x200@example.com"`) || !strings.Contains(err.Error(), "Injected read failure") || got != 200 {
		t.Errorf("a failed read: %d, %v", got, err)
	}
	if !strings.HasPrefix(w.String(), part.String()) {
		t.Error("the rows before the failed read differ from the whole export's")
	}

	for _, opt := range []bulk.Option{bulk.DryRun(), bulk.PlanOnly(), bulk.Prune(), bulk.ResultsTo(&bytes.Buffer{})} {
		if _, err := bulk.ExportCSV(ctx, client, &bytes.Buffer{}, "SP", "G1", opt); err == nil || !strings.Contains(err.Error(), "do not apply") {
			t.Errorf("an option export does not take: %v", err)
		}
	}
}

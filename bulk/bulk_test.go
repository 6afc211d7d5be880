package bulk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

func TestSampleSheets(t *testing.T) {
	files, _ := filepath.Glob("../testdata/call.center.create.*.csv")
	if len(files) != 3 {
		t.Fatalf("want the 3 sample sheets, found %v", files)
	}
	want := map[string]callcenter.Type{"basic": callcenter.Basic, "standard": callcenter.Standard, "premium": callcenter.Premium}
	for _, f := range files {
		src, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := bulk.CreateFromCSV(context.Background(), newMem(), src, bulk.DryRun())
		src.Close()
		if err != nil || len(res) != 1 {
			t.Fatalf("%s: %v, %d results", f, err, len(res))
		}
		r := res[0]
		kind := strings.Split(filepath.Base(f), ".")[3]
		if !r.Success || r.Status != bulk.StatusValidated || r.Data().Type != want[kind] || r.Command() == nil || r.Response != "" {
			t.Errorf("%s: %+v", f, r)
		}
	}
}

// one runs a sheet through a dry run and returns its results.
func one(t *testing.T, csv string) []bulk.Result {
	t.Helper()
	res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(csv), bulk.DryRun())
	if err != nil {
		t.Fatalf("CreateFromCSV: %v", err)
	}
	return res
}

func TestCSVFeatures(t *testing.T) {
	// Columns in another order, BOM, CRLF, quoted commas and newlines,
	// hiragana, empty alias dropped, booleans in any case, blank lines.
	csv := "\xEF\xBB\xBFtype,serviceInstanceProfile.alias[1],serviceUserId,serviceInstanceProfile.alias[0],groupId,serviceProviderId,serviceInstanceProfile.password,serviceInstanceProfile.name,serviceInstanceProfile.hiraganaLastName,enableVideo,policy,wrapUpSeconds,enableReporting\r\n" +
		"Standard,,a@example.com,sales-cc@example.com,G,SP,\"pw,with comma\",\"Sales, Inc\",セールス,TRUE,similtaneous,30,False\r\n" +
		"\r\n" +
		",,,,,,,,,,,,\r\n" +
		"basic,,b@example.com,,G,SP,pw,,,,,,\r\n" +
		"basic,,c@example.com,,G,SP,pw,\"two\nlines\",,,,,\r\n"
	res := one(t, csv)
	if len(res) != 3 {
		t.Fatalf("want 3 results (blank lines skipped), got %d", len(res))
	}
	a, b := res[0], res[1]
	// A quoted newline is read intact, then refused: OCI-P names are one line.
	if c := res[2]; c.Success || c.Data().Profile.Name != "two\nlines" || !strings.Contains(c.Err.Error(), "serviceInstanceProfile.name: must be one line") {
		t.Errorf("row 2: %+v", c)
	}
	if !a.Success {
		t.Fatalf("row 0: %v", a.Err)
	}
	d := a.Data()
	if d.Type != callcenter.Standard || d.Policy != callcenter.Simultaneous || d.Profile.Name != "Sales, Inc" ||
		string(d.Profile.Password) != "pw,with comma" || d.Profile.HiraganaLastName != "セールス" ||
		len(d.Profile.Aliases) != 1 || d.Profile.Aliases[0] != "sales-cc@example.com" ||
		d.EnableVideo == nil || !*d.EnableVideo || d.EnableReporting == nil || *d.EnableReporting ||
		d.WrapUpSeconds == nil || *d.WrapUpSeconds != 30 {
		t.Errorf("row 0 data: %+v", d)
	}
	// Empty cells mean unset, so the defaults apply.
	if !b.Success || b.Index != 1 || b.Data().Profile.Name != callcenter.DefaultName || *b.Data().QueueLength != 3 || b.Data().Type != callcenter.Basic {
		t.Errorf("row 1: %+v (%v)", b.Data(), b.Err)
	}
}

func TestCSVRowErrors(t *testing.T) {
	head := "operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,enableVideo,queueLength,wrapUpSeconds\n"
	csv := head +
		"call.center.create,SP,G,ok@example.com,pw,Basic,true,3,\n" +
		"call.center.create,SP,G,b@example.com,pw,Basic,yes,3,\n" + // bad boolean
		"call.center.create,SP,G,c@example.com,pw,Basic,true,3x,\n" + // bad integer
		"user.create,SP,G,d@example.com,pw,Basic,true,3,\n" + // wrong operation
		"call.center.create,SP,G,e@example.com,pw,Basic,true,3,30\n" + // Standard+ option on Basic
		"call.center.create,SP,G,OK@example.com,pw,Basic,true,3,\n" + // duplicate id (any case)
		"call.center.create,SP,G,f@example.com\n" + // too few cells
		"call.center.create,SP,G,g@example.com,pw,Basic,no,999,5\n" // every problem at once
	res := one(t, csv)
	if len(res) != 8 {
		t.Fatalf("want 8 results, got %d", len(res))
	}
	wants := []struct {
		ok   bool
		text []string
	}{
		{true, nil},
		{false, []string{"row 1", "line 3", "column enableVideo", `"yes"`}},
		{false, []string{"row 2", "column queueLength", `"3x"`}},
		{false, []string{"row 3", "column operation", "call.center.create"}},
		{false, []string{"row 4", "wrapUpSeconds", "not available for Basic"}},
		{false, []string{"row 5", "serviceUserId", "OK@example.com", "earlier row"}},
		{false, []string{"row 6", "has 4 cells"}},
		{false, []string{"row 7", `enableVideo: invalid boolean "no"`, "queueLength: 999 is out of range", "wrapUpSeconds: is not available for Basic"}},
	}
	for i, w := range wants {
		r := res[i]
		if r.Index != i || r.Success != w.ok {
			t.Errorf("row %d: index %d success %v err %v", i, r.Index, r.Success, r.Err)
			continue
		}
		if w.ok {
			continue
		}
		if r.Status != bulk.StatusInvalid || r.Err == nil {
			t.Errorf("row %d: status %s err %v", i, r.Status, r.Err)
			continue
		}
		for _, s := range w.text {
			if !strings.Contains(r.Err.Error(), s) {
				t.Errorf("row %d: error %q lacks %q", i, r.Err, s)
			}
		}
	}
	if !errors.Is(res[5].Err, bulk.ErrDuplicateRow) {
		t.Errorf("duplicate row error does not match ErrDuplicateRow: %v", res[5].Err)
	}
	var re *bulk.RowError
	if !errors.As(res[1].Err, &re) || re.Row != 1 || re.Line != 3 || re.Column != "enableVideo" {
		t.Errorf("RowError: %+v", re)
	}
}

func TestCSVHeaderErrors(t *testing.T) {
	for name, csv := range map[string]string{
		"unknown":  "serviceUserId,colour,serviceInstanceProfile.nickname\nx@y,red,z\n",
		"repeated": "serviceUserId,serviceUserId\nx@y,x@y\n",
		"empty":    "",
	} {
		res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(csv), bulk.DryRun())
		var he *bulk.HeaderError
		if !errors.As(err, &he) || len(res) != 0 {
			t.Errorf("%s: err %v, %d results", name, err, len(res))
			continue
		}
		if name == "unknown" && (len(he.Unknown) != 2 || he.Unknown[0] != "colour" || !strings.Contains(err.Error(), "serviceInstanceProfile.nickname")) {
			t.Errorf("unknown columns: %+v", he)
		}
	}
}

func TestOrderWithConcurrency(t *testing.T) {
	m := newMem()
	// Later rows finish first.
	m.delay = func(id string) time.Duration {
		if strings.HasPrefix(id, "cc1") {
			return 3 * time.Millisecond
		}
		return 0
	}
	m.refuse["cc7@example.com"] = "[Error 4152] Group not found: SP:G1"
	var progress []int
	res, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(40)),
		bulk.Concurrency(8), bulk.OnProgress(func(p bulk.Progress) { progress = append(progress, p.Last.Index) }))
	if err != nil || len(res) != 40 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	for i, r := range res {
		if r.Index != i || len(progress) != 40 || progress[i] != i {
			t.Fatalf("result %d has index %d (progress %v)", i, r.Index, progress)
		}
		if want := i != 7; r.Success != want {
			t.Errorf("row %d: success %v, err %v", i, r.Success, r.Err)
		}
	}
	if res[7].Status != bulk.StatusFailed || !strings.Contains(res[7].Err.Error(), "4152") {
		t.Errorf("row 7: %+v", res[7])
	}
	if m.count() != 39 || m.sends.Load() != 40 {
		t.Errorf("stored %d, sends %d", m.count(), m.sends.Load())
	}
}

func TestDryRunSendsNothing(t *testing.T) {
	m := newMem()
	res, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(5)), bulk.DryRun())
	if err != nil || len(res) != 5 || m.sends.Load() != 0 || m.lookups.Load() != 0 {
		t.Fatalf("err %v results %d sends %d lookups %d", err, len(res), m.sends.Load(), m.lookups.Load())
	}
	for _, r := range res {
		if r.Status != bulk.StatusValidated || r.Command() == nil {
			t.Errorf("%+v", r)
		}
	}
}

func TestCancelMarksRest(t *testing.T) {
	m := newMem()
	ctx, cancel := context.WithCancel(context.Background())
	m.delay = func(string) time.Duration { return time.Millisecond }
	res, err := bulk.CreateFromCSV(ctx, m, strings.NewReader(sheet(50)), bulk.Concurrency(2),
		bulk.OnProgress(func(p bulk.Progress) {
			if p.Done == 5 {
				cancel()
			}
		}))
	if err != nil || len(res) != 50 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	created, skipped, failed := 0, 0, 0
	for _, r := range res {
		switch r.Status {
		case bulk.StatusCreated:
			created++
		case bulk.StatusSkipped:
			skipped++
		case bulk.StatusFailed: // in flight when cancelled
			failed++
		}
		if r.Status != bulk.StatusCreated && !errors.Is(r.Err, context.Canceled) {
			t.Errorf("row %d: %s %v", r.Index, r.Status, r.Err)
		}
	}
	if created < 5 || failed > 2 || created+skipped+failed != 50 || created != m.count() {
		t.Errorf("created %d skipped %d failed %d stored %d", created, skipped, failed, m.count())
	}
}

func TestUnknownOutcomeIsLookedUp(t *testing.T) {
	m := newMem()
	m.dropAfter["cc1@example.com"] = true  // created, answer lost
	m.dropBefore["cc2@example.com"] = true // not created, answer lost
	other := callcenter.CallCenter{ServiceUserID: "cc3@example.com", Type: callcenter.Premium}
	other.ApplyDefaults()
	m.stored["cc3@example.com"] = other
	res, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(4)), bulk.SettleDelays(time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	if r := res[1]; !r.Success || r.Status != bulk.StatusCreated {
		t.Errorf("row 1 (dropped after create): %+v", r)
	}
	if r := res[2]; r.Success || r.Status != bulk.StatusFailed || !errors.Is(r.Err, bulk.ErrOutcomeUnknown) {
		t.Errorf("row 2 (dropped before create): %+v", r)
	}
	if r := res[3]; r.Success || r.Status != bulk.StatusExists || len(r.Differences) != 1 || r.Differences[0].Field != "type" ||
		!errors.Is(r.Err, bulk.ErrAlreadyExists) || !strings.Contains(r.Err.Error(), `want "Basic", stored "Premium"`) {
		t.Errorf("row 3 (existed with other data): %+v", r)
	}
	// Never a blind second create: 4 sends for 4 rows. Row 2, not found,
	// is looked up once and again after each of the 2 settle delays.
	if m.sends.Load() != 4 || m.lookups.Load() != 1+3+1 {
		t.Errorf("sends %d lookups %d", m.sends.Load(), m.lookups.Load())
	}
}

func TestResume(t *testing.T) {
	m := newMem()
	for _, id := range []string{"cc2@example.com", "cc5@example.com"} {
		m.refuse[id] = "temporary failure"
	}
	var first bytes.Buffer
	res, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(8)), bulk.ResultsTo(&first))
	if err != nil || len(res) != 8 || m.count() != 6 {
		t.Fatalf("first run: %v, %d results, %d stored", err, len(res), m.count())
	}
	if n := strings.Count(first.String(), "\n"); n != 8 {
		t.Fatalf("results file has %d lines", n)
	}
	clear(m.refuse)
	sendsBefore := m.sends.Load()
	res, err = bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(8)), bulk.Resume(&first))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.sends.Load() - sendsBefore; got != 2 {
		t.Errorf("resume sent %d creates, want 2", got)
	}
	for _, r := range res {
		want := bulk.StatusDone
		if r.Index == 2 || r.Index == 5 {
			want = bulk.StatusCreated
		}
		if !r.Success || r.Status != want {
			t.Errorf("row %d: %s %v", r.Index, r.Status, r.Err)
		}
	}
	// A changed input is refused row by row.
	res, _ = bulk.CreateFromCSV(context.Background(), m, strings.NewReader(strings.Replace(sheet(8), "cc3@", "zz3@", 1)), bulk.ResumeResults(res))
	if res[3].Success || !strings.Contains(res[3].Err.Error(), "input changed") {
		t.Errorf("changed row: %+v", res[3])
	}
}

func TestResultJSON(t *testing.T) {
	res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(sheet(1)+"x,SP,G,bad,s3cret-pw,Basic,Circular\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("pw-0")) || bytes.Contains(b, []byte("s3cret-pw")) {
		t.Fatalf("password in JSON: %s", b)
	}
	var back []map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"index", "data", "command", "response", "success", "detail"} {
		if _, ok := back[0][k]; !ok {
			t.Errorf("key %q missing in %s", k, b)
		}
	}
	if back[0]["detail"] != nil || back[0]["success"] != true || back[1]["success"] != false || back[1]["detail"] == nil {
		t.Errorf("detail/success: %s", b)
	}
	data := back[0]["data"].(map[string]any)
	if data["service_user_id"] != "cc0@example.com" || data["service_instance_profile"].(map[string]any)["password"] != "[REDACTED]" {
		t.Errorf("data: %v", data)
	}
}

func TestCreateFromDataDoesNotModifyInput(t *testing.T) {
	in := []callcenter.CallCenter{{ServiceProviderID: "SP", GroupID: "G", ServiceUserID: "a@b", Profile: callcenter.Profile{Password: "x"}}}
	res, err := bulk.CreateFromData(context.Background(), newMem(), in)
	if err != nil || !res[0].Success {
		t.Fatalf("%v %+v", err, res)
	}
	if in[0].QueueLength != nil || in[0].Type != "" || res[0].Data().Type != callcenter.Basic {
		t.Errorf("input modified or defaults missing: %+v / %+v", in[0], res[0].Data())
	}
}

func TestStreamStopsEarly(t *testing.T) {
	m := newMem()
	n := 0
	for r, err := range bulk.StreamCSV(context.Background(), m, strings.NewReader(sheet(100)), bulk.Concurrency(4)) {
		if err != nil || r.Index != n {
			t.Fatal(err, r.Index)
		}
		if n++; n == 10 {
			break
		}
	}
	// Rows in flight finish; nothing past the window is created.
	if c := m.count(); c < 10 || c > 10+3*4 {
		t.Errorf("stored %d after stopping at 10", c)
	}
}

// TestStopStartsNothingMore: once the caller stops iterating, queued rows
// are not sent.
func TestStopStartsNothingMore(t *testing.T) {
	m := newMem()
	// Row 0 is quick, the others slow: when the caller stops after row 0,
	// rows 1-4 are being sent and rows 5-8 wait in the queue.
	m.delay = func(id string) time.Duration {
		if id == "cc0@example.com" {
			return 0
		}
		return 30 * time.Millisecond
	}
	for range bulk.StreamCSV(context.Background(), m, strings.NewReader(sheet(100)), bulk.Concurrency(4)) {
		break
	}
	if n := m.sends.Load(); n > 5 {
		t.Errorf("%d creates sent after stopping at the first result; want at most the 5 started", n)
	}
}

// TestResumeUnknownLookupFails: a row left unknown is not sent while the
// lookup that should settle it fails.
func TestResumeUnknownLookupFails(t *testing.T) {
	m := newMem()
	m.lookupErr = errors.New("lookup unavailable")
	prev := `{"index":0,"success":false,"status":"unknown","data":{"service_user_id":"cc0@example.com"}}` + "\n"
	res, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(1)), bulk.Resume(strings.NewReader(prev)))
	if err != nil || len(res) != 1 {
		t.Fatal(err, len(res))
	}
	if r := res[0]; r.Success || r.Status != bulk.StatusUnknown || m.sends.Load() != 0 {
		t.Errorf("row: %s %v, sends %d", r.Status, r.Err, m.sends.Load())
	}
}

// TestResumeFixedRow: a row unusable in the earlier run (no id recorded)
// can be fixed and resumed.
func TestResumeFixedRow(t *testing.T) {
	m := newMem()
	broken := "operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,type,policy\n" +
		"call.center.create,SP,G1,cc0@example.com,pw,Basic,Circular\n" +
		"call.center.create,SP,G1,cc1@example.com,pw,Basic\n"
	var out bytes.Buffer
	if _, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(broken), bulk.ResultsTo(&out)); err != nil {
		t.Fatal(err)
	}
	res, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(2)), bulk.Resume(&out))
	if err != nil || len(res) != 2 {
		t.Fatal(err, len(res))
	}
	if res[0].Status != bulk.StatusDone || res[1].Status != bulk.StatusCreated {
		t.Errorf("statuses %s (%v), %s (%v)", res[0].Status, res[0].Err, res[1].Status, res[1].Err)
	}
}

// TestBatch sends consecutive rows together, capped by the target's
// MaxBatch, with per-row results as without batching.
func TestBatch(t *testing.T) {
	m := &batchMem{memTarget: newMem(), max: 5}
	m.dropAfter["cc3@example.com"] = true
	m.refuse["cc8@example.com"] = "[Error 4152] Group not found"
	res, err := bulk.CreateFromCSV(context.Background(), m, strings.NewReader(sheet(23)+"call.center.create,SP,G1,cc4@example.com,pw,Basic,Circular\n"),
		bulk.Batch(15), bulk.Concurrency(2), bulk.SettleDelays())
	if err != nil || len(res) != 24 {
		t.Fatalf("%v, %d results", err, len(res))
	}
	for i, r := range res {
		want := i != 8 && i != 23
		if r.Index != i || r.Success != want {
			t.Errorf("row %d: index %d success %v %s %v", i, r.Index, r.Success, r.Status, r.Err)
		}
	}
	if res[3].Status != bulk.StatusCreated || !errors.Is(res[23].Err, bulk.ErrDuplicateRow) {
		t.Errorf("row 3 %s, row 23 %v", res[3].Status, res[23].Err)
	}
	sum := 0
	for _, n := range m.batches {
		if n > 5 {
			t.Errorf("a batch of %d commands, MaxBatch is 5", n)
		}
		sum += n
	}
	if sum != 23 || m.sends.Load() != 23 || m.count() != 22 || len(m.batches) < 5 {
		t.Errorf("batches %v (sum %d), sends %d, stored %d", m.batches, sum, m.sends.Load(), m.count())
	}
}

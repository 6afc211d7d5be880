package ucontact_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

func newFake(t *testing.T, opts ...ucontacttest.Option) (*ucontacttest.Server, *ucontact.Client) {
	t.Helper()
	srv := ucontacttest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword),
		ucontact.WithRetry(3, time.Millisecond, 5*time.Millisecond), ucontact.WithRateLimit(rate.Inf, 0))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return srv, c
}

func TestFakeSession(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	if _, err := c.QueueSummary(ctx); err != nil {
		t.Fatal(err)
	}
	if srv.Logins() != 1 || srv.Sessions() != 1 {
		t.Fatalf("logins=%d sessions=%d", srv.Logins(), srv.Sessions())
	}
	// Server-side expiry: one 401, one new login, the read succeeds.
	srv.ExpireSessions()
	if _, err := c.QueueSummary(ctx); err != nil {
		t.Fatal(err)
	}
	if srv.Logins() != 2 {
		t.Fatalf("logins = %d, want 2", srv.Logins())
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if srv.Sessions() != 0 {
		t.Fatalf("sessions after Close = %d", srv.Sessions())
	}
	// A closed client is done: calls fail with ErrClosed, the recording
	// probes (another transport) too, and nothing is sent.
	requests := srv.FaultStats().Requests
	if _, err := c.QueueSummary(ctx); !errors.Is(err, ucontact.ErrClosed) {
		t.Errorf("QueueSummary after Close: %v", err)
	}
	if _, err := c.FindRecording(ctx, "7e4e7db9-f080-494e-b04b-000000000001", ""); !errors.Is(err, ucontact.ErrClosed) ||
		err.Error() != "ucontact: FindRecording: client closed" {
		t.Errorf("FindRecording after Close: %v", err)
	}
	if n := srv.FaultStats().Requests - requests; n != 0 || srv.Logins() != 2 {
		t.Errorf("%d requests, %d logins after Close", n, srv.Logins())
	}

	// An API token works without a login.
	tc, err := ucontact.NewClient(srv.URL, ucontact.WithAPIToken(ucontacttest.DefaultAPIToken))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tc.CampaignStatus(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if err := tc.Close(); err != nil {
		t.Fatal(err)
	}
	// A wrong token is a 401.
	bad, _ := ucontact.NewClient(srv.URL, ucontact.WithAPIToken("wrong-token-value"))
	if _, err := bad.QueueSummary(ctx); !errors.Is(err, ucontact.ErrUnauthorized) {
		t.Fatalf("wrong token: err = %v", err)
	}
}

// TestFakeConcurrentRelogin: many callers hitting an expired session cause a
// single login.
func TestFakeConcurrentRelogin(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	if _, err := c.QueueSummary(ctx); err != nil {
		t.Fatal(err)
	}
	srv.ExpireSessions()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for range 16 {
		wg.Go(func() {
			_, err := c.CampaignStatus(ctx, "")
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if srv.Logins() != 2 {
		t.Fatalf("logins = %d, want 2 (one initial, one shared re-login)", srv.Logins())
	}
}

func TestFakeSecretsNeverShown(t *testing.T) {
	ctx := context.Background()
	srv := ucontacttest.NewServer(ucontacttest.WithUser("bob", "hunter2-secret"))
	defer srv.Close()
	var logs bytes.Buffer
	c, _ := ucontact.NewClient(srv.URL, ucontact.WithLogin("bob", "hunter2-secret"),
		ucontact.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err := c.HangUp(ctx, "1001"); !errors.Is(err, ucontact.ErrFailed) {
		t.Fatalf("hang-up of an idle phone: err = %v", err)
	}
	c.Close()
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), logs.String()} {
		if strings.Contains(s, "hunter2") {
			t.Fatalf("secret shown: %s", s)
		}
	}
	bad, _ := ucontact.NewClient(srv.URL, ucontact.WithLogin("bob", "not-the-password"))
	err := bad.HangUp(ctx, "1001")
	if !errors.Is(err, ucontact.ErrUnauthorized) || strings.Contains(err.Error(), "not-the-password") {
		t.Fatalf("refused login: %v", err)
	}
}

func TestFakeCalls(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	guid, err := c.AgentCall(ctx, &ucontact.AgentCallRequest{Agent: "agent1", Phone: "1001", OutQueue: "Sales->", Destination: "091000000"})
	if err != nil {
		t.Fatal(err)
	}
	calls := srv.Calls()
	if len(calls) != 1 || calls[0].GUID != guid || calls[0].Tech != "SIP" || !calls[0].Active {
		t.Fatalf("calls = %+v (guid %q)", calls, guid)
	}
	if err := c.HangUp(ctx, "1001"); err != nil {
		t.Fatal(err)
	}
	if err := c.HangUp(ctx, "1001"); !errors.Is(err, ucontact.ErrFailed) {
		t.Fatalf("second hang-up: err = %v, want ErrFailed", err)
	}
	if err := c.DispositionCall(ctx, &ucontact.DispositionRequest{Campaign: "Sales->", GUID: guid, L1: "Sale", Comment: "ok"}); err != nil {
		t.Fatal(err)
	}
	if d := srv.Dispositions(); len(d) != 1 || d[0].Fields["guid"] != guid || d[0].Fields["l1"] != "Sale" {
		t.Fatalf("dispositions = %+v", d)
	}
	if err := c.CallWorkflow(ctx, &ucontact.WorkflowRequest{Context: "in", Extension: "s", Params: map[string]int{"n": 1}}); err != nil {
		t.Fatal(err)
	}
	if w := srv.Workflows(); len(w) != 1 || w[0].Params["n"] != float64(1) {
		t.Fatalf("workflows = %+v", w)
	}
}

func TestFakeBlacklist(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	if err := c.AddBlacklist(ctx, &ucontact.BlacklistEntry{Phone: "099000001", Campaign: ucontact.AllCampaigns, Name: "Ann"}); err != nil {
		t.Fatal(err)
	}
	bulk := []ucontact.BlacklistEntry{{Phone: "099000002", Campaign: "Sales->"}, {Phone: "099000003", Campaign: "Sales->"}}
	if err := c.AddBlacklistBulk(ctx, bulk); err != nil {
		t.Fatal(err)
	}
	if !srv.Blacklisted("Anything->", "099000001") || !srv.Blacklisted("Sales->", "099000003") || srv.Blacklisted("Other->", "099000003") {
		t.Fatalf("blacklist = %+v", srv.Blacklist())
	}
	if err := c.DeleteBlacklistBulk(ctx, bulk); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteBlacklist(ctx, &ucontact.BlacklistEntry{Phone: "099000001", Campaign: "*"}); err != nil {
		t.Fatal(err)
	}
	if b := srv.Blacklist(); len(b) != 0 {
		t.Fatalf("blacklist after deletes = %+v", b)
	}
	// Input checks happen before sending.
	n := srv.Requests("admin/addblack")
	for _, tc := range []struct {
		e     ucontact.BlacklistEntry
		field string
	}{
		{ucontact.BlacklistEntry{Campaign: "*"}, "black.phone"},
		{ucontact.BlacklistEntry{Phone: "1"}, "black.campaign"},
		{ucontact.BlacklistEntry{Phone: "1", Campaign: "*", ExpireDate: "01/01/2025"}, "black.expire_date"},
		{ucontact.BlacklistEntry{Phone: "1;2", Campaign: "*"}, "black.phone"},
	} {
		if err := c.AddBlacklist(ctx, &tc.e); !invalidField(err, "admin/addblack", tc.field) {
			t.Errorf("%+v: err = %v, want a *ValidationError naming %s", tc.e, err, tc.field)
		}
	}
	if err := c.AddBlacklistBulk(ctx, nil); !invalidField(err, "admin/addblackbulk", "black") {
		t.Errorf("empty bulk: err = %v", err)
	}
	if srv.Requests("admin/addblack") != n {
		t.Fatal("invalid input was sent")
	}
}

func TestFakeDialers(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	if err := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "Sales<-", Destination: "098344484", Data: ucontact.Vars{{"idcustomer", "7"}}, Automatic: true}); err != nil {
		t.Fatal(err)
	}
	if err := c.AddDialerTask(ctx, &ucontact.DialerTask{CallDate: time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC), Campaign: "Sales<-", Destination: "098000001", Bulk: true}); err != nil {
		t.Fatal(err)
	}
	cs := srv.Contacts("Sales<-")
	if len(cs) != 2 || cs[0].Data != "idcustomer=7" || !cs[0].Automatic || cs[0].CallDate != "" || cs[1].CallDate != "2030-01-01 09:00:00" || !cs[1].Bulk {
		t.Fatalf("contacts = %+v", cs)
	}
	// Respool of a number already in the spool is refused (the document's warning).
	err := c.Respool(ctx, &ucontact.RespoolCall{Campaign: "Sales<-", Destination: "098344484", Priority: 10})
	if !errors.Is(err, ucontact.ErrFailed) {
		t.Fatalf("respool of a spooled number: err = %v", err)
	}
	if err := c.Respool(ctx, &ucontact.RespoolCall{Campaign: "Sales<-", Destination: "099124484", Alternatives: ucontact.Phones{"098344484"}, Priority: 10}); err != nil {
		t.Fatal(err)
	}
	if err := c.RemoveContact(ctx, &ucontact.RemoveContactRequest{Campaign: "Sales<-", Number: "098344484"}); err != nil {
		t.Fatal(err)
	}
	if cs := srv.Contacts("Sales<-"); len(cs) != 2 || cs[1].Source != "respool" || cs[1].Alternatives != "098344484" {
		t.Fatalf("contacts = %+v", cs)
	}

	day := time.Date(2030, 5, 2, 0, 0, 0, 0, time.UTC)
	for h := range 3 {
		if err := c.ScheduleCall(ctx, &ucontact.ScheduledCall{CallDate: day.Add(time.Duration(9+h) * time.Hour), Campaign: "Sales<-", Destination: "098777777"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.RemoveSchedule(ctx, &ucontact.RemoveScheduleRequest{Campaign: "Sales<-", Destination: "098777777",
		From: day.Add(9 * time.Hour), To: day.Add(10 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if s := srv.Schedules(); len(s) != 1 || s[0].CallDate != "2030-05-02 11:00:00" {
		t.Fatalf("schedules = %+v", s)
	}

	err = c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "may.txt", Campaign: "Power<-", TimeZone: "America/Montevideo", Rows: []ucontact.BaseRow{
		{Number: "091000001", Vars: ucontact.Vars{{"name", "Ann"}}, Alternatives: ucontact.Phones{"091000002"}, Priority: 9999, AgentPhone: "1001"},
		{Number: "091000003", AgentPhone: "1002"},
		{Number: "091000004"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	up := srv.Uploads()
	if len(up) != 1 || up[0].Username != ucontacttest.DefaultUser || up[0].TimeZone != "America/Montevideo" ||
		strings.Join(up[0].Lines, "\n") != "Power<-;091000001;name=Ann;091000002;9999;1001\nPower<-;091000003;;;;1002\nPower<-;091000004;;" {
		t.Fatalf("uploads = %+v", up)
	}
	if cs := srv.Contacts("Power<-"); len(cs) != 3 || cs[0].Priority != 9999 || cs[1].AgentPhone != "1002" || cs[0].DialerBase != "may.txt" {
		t.Fatalf("uploaded contacts = %+v", cs)
	}
}

func TestFakeInputErrorsNameTheField(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	for _, tc := range []struct {
		err   error
		field string
	}{
		{c.AddDialerTask(ctx, &ucontact.DialerTask{Destination: "1"}), "call.campaign"},
		{c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A", Destination: "1", Alternatives: ucontact.Phones{"2:3"}}), "call.alternatives"},
		{c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A", Destination: "1", Data: ucontact.Vars{{"a", "x:y"}}}), "call.data"},
		{c.Respool(ctx, &ucontact.RespoolCall{Campaign: "A", Destination: "1", Priority: 1}), "callspool.priority"},
		{c.ScheduleCall(ctx, &ucontact.ScheduledCall{Campaign: "A", Destination: "1"}), "callschedule.calldate"},
		{c.RemoveSchedule(ctx, &ucontact.RemoveScheduleRequest{Campaign: "A", Destination: "1", From: time.Now(), To: time.Now().Add(-time.Hour)}), "to"},
		{c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "f", Campaign: "A", Rows: []ucontact.BaseRow{{Number: "1"}, {Number: ""}}}), "rows[1].number"},
		{c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "f", Campaign: "A", Rows: []ucontact.BaseRow{{Number: "1", AgentPhone: "10;01"}}}), "rows[0].agentphone"},
		{c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "../f", Campaign: "A", Rows: []ucontact.BaseRow{{Number: "1"}}}), "filename"},
		{c.CallWorkflow(ctx, &ucontact.WorkflowRequest{Context: "c", Extension: "e", Params: []int{1}}), "jsonparams"},
		{c.DispositionCall(ctx, &ucontact.DispositionRequest{Campaign: "A", L1: "x"}), "guid"},
		{func() error {
			_, err := c.AgentCall(ctx, &ucontact.AgentCallRequest{Agent: "a", Phone: "1"})
			return err
		}(), "destination"},
		{c.TagRecord(ctx, &ucontact.TagRecordRequest{GUID: "g"}), "data"},
		{func() error { _, err := c.ListRecordingsPage(ctx, &ucontact.RecordingSearch{Limit: -1}); return err }(), "searchLimit"},
		{c.ConvertRecording(ctx, "g", "2016"), "folder"},
		{c.HangUp(ctx, ""), "phone"},
	} {
		if !invalidField(tc.err, "", tc.field) || !strings.Contains(tc.err.Error(), tc.field) {
			t.Errorf("err = %v, want a *ValidationError naming %s", tc.err, tc.field)
		}
	}
	if srv.Logins() != 0 {
		t.Fatal("invalid input reached the server")
	}
}

func records(n int) []ucontacttest.Record {
	var out []ucontacttest.Record
	for i := range n {
		out = append(out, ucontacttest.Record{
			GUID: fmt.Sprintf("rec-%03d", i), CallDate: fmt.Sprintf("2016-01-%02d 10:00:00", 1+i%28),
			Agent: "agent1", Campaign: []string{"Sales->", "Support<-"}[i%2], Source: "1001", Destination: fmt.Sprintf("0990%05d", i), Duration: i,
		})
	}
	return out
}

func TestFakeRecordingsPaging(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, ucontacttest.WithRecords(records(240)...))
	var got []string
	for r, err := range c.ListRecordings(ctx, &ucontact.RecordingSearch{Filter: ucontact.RecordingFilter{Campaign: "Sales->", MinDuration: 20}}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r.GUID)
	}
	// Sales-> holds the even records; duration >= 20 leaves rec-020..rec-238: 110 records, pages 50+50+10.
	if len(got) != 110 || got[0] != "rec-020" || got[109] != "rec-238" {
		t.Fatalf("got %d records: first %v", len(got), got[:min(3, len(got))])
	}
	if n := srv.Requests("Cdr/getrecords"); n != 3 {
		t.Fatalf("pages fetched = %d, want 3", n)
	}

	// Lazy: breaking after 5 records fetches one page.
	count := 0
	for _, err := range c.ListRecordings(ctx, &ucontact.RecordingSearch{Limit: 5}) {
		if err != nil {
			t.Fatal(err)
		}
		if count++; count == 5 {
			break
		}
	}
	if n := srv.Requests("Cdr/getrecords"); n != 4 {
		t.Fatalf("pages fetched = %d, want 4", n)
	}

	// When the records fill the last page exactly, one more (empty) page ends the loop.
	before := srv.Requests("Cdr/getrecords")
	count = 0
	for _, err := range c.ListRecordings(ctx, &ucontact.RecordingSearch{Limit: 60}) {
		if err != nil {
			t.Fatal(err)
		}
		count++
	}
	if n := srv.Requests("Cdr/getrecords") - before; count != 240 || n != 5 {
		t.Fatalf("records = %d in %d pages, want 240 in 5", count, n)
	}

	// A single page near the end.
	page, err := c.ListRecordingsPage(ctx, &ucontact.RecordingSearch{LastRow: 238, Limit: 50})
	if err != nil || len(page) != 2 || page[1].GUID != "rec-239" || page[1].Folder() != "20160116" || page[1].Duration != 239 {
		t.Fatalf("page = %+v, %v", page, err)
	}

	// An error mid-way is yielded once and ends the loop.
	srv.FailNext(10, 500)
	var errs int
	for _, err := range c.ListRecordings(ctx, nil) {
		if err != nil {
			errs++
		}
	}
	if errs != 1 {
		t.Fatalf("errors yielded = %d", errs)
	}
}

func TestFakeRecordingFiles(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, ucontacttest.WithRecords(ucontacttest.Record{GUID: "7e4e7db9-f080-494e-b04b-7c8e47711558", CallDate: "2016-01-18 10:00:00"}))
	backup := ucontacttest.NewServer()
	defer backup.Close()
	c2, _ := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword), ucontact.WithRecordingHosts(srv.URL, backup.URL))
	defer c2.Close()

	const guid = "7e4e7db9-f080-494e-b04b-7c8e47711558"
	if _, err := c2.FindRecording(ctx, guid, "20160118"); !errors.Is(err, ucontact.ErrRecordingNotFound) {
		t.Fatalf("err = %v", err)
	}
	// Only a GSM file in a day folder on the telephony server: found as GSM,
	// converted, then found as MP3.
	srv.PutRecordingFile("20160118/" + guid + ".gsm")
	u, err := c2.FindRecording(ctx, guid, "20160118")
	if err != nil || u != srv.URL+"/records/20160118/"+guid+".gsm" {
		t.Fatalf("FindRecording = %q, %v", u, err)
	}
	if err := c.ConvertRecording(ctx, guid, "20160118"); err != nil {
		t.Fatal(err)
	}
	if u, err = c2.FindRecording(ctx, guid, "20160118"); err != nil || !strings.HasSuffix(u, "/records/20160118/"+guid+".mp3") {
		t.Fatalf("after convert: %q, %v", u, err)
	}
	// On the backup server only, flat.
	backup.PutRecordingFile("other-guid.mp3")
	if u, err = c2.FindRecording(ctx, "other-guid", "20160118"); err != nil || u != backup.URL+"/records/other-guid.mp3" {
		t.Fatalf("backup: %q, %v", u, err)
	}
	if err := c.ConvertRecording(ctx, "missing", ""); !errors.Is(err, ucontact.ErrFailed) {
		t.Fatalf("convert of a missing recording: %v", err)
	}
	if err := c.TagRecord(ctx, &ucontact.TagRecordRequest{Phone: "1", GUID: guid, Data: "vip"}); err != nil {
		t.Fatal(err)
	}
	if r, _ := srv.Record(guid); r.Tag != "vip" {
		t.Fatalf("record = %+v", r)
	}
}

func TestFakeCampaigns(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	srv.SetCampaign(ucontacttest.Campaign{Name: "Support<-", LoggedIn: 4, Available: 2, Strategy: "ringall", Agents: []string{"agent7"}})
	qs, err := c.QueueSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 || qs[0].Queue != "Power<-" || qs[0].LoggedIn != 10 || qs[0].LongestHoldTime != 220 || qs[2].Queue != "Support<-" {
		t.Fatalf("queue summary = %+v", qs)
	}
	st, err := c.CampaignStatus(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if names := st.CampaignNames(); strings.Join(names, ",") != "Power<-,Support<-,test->" {
		t.Fatalf("campaigns = %v", names)
	}
	if s := st.Campaigns["Support<-"]; s.Availables != 2 || s.Strategy != "ringall" || s.Talked != "00:00:00-0" {
		t.Fatalf("Support<- = %+v", s)
	}
	if _, ok := st.Other["agent7"]; !ok || len(st.Other) != 1 {
		t.Fatalf("other = %v", st.Other)
	}
	one, err := c.CampaignStatus(ctx, "test->")
	if err != nil || len(one.Campaigns) != 1 || one.Campaigns["test->"].WrapUp != 3 {
		t.Fatalf("one = %+v, %v", one, err)
	}
}

func TestFakeFaults(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	if _, err := c.QueueSummary(ctx); err != nil { // log in first
		t.Fatal(err)
	}

	// A dropped connection after an action was sent: unknown outcome, no retry.
	srv.DropNext(1)
	err := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "1"})
	if !errors.Is(err, ucontact.ErrOutcomeUnknown) {
		t.Fatalf("dropped action: err = %v", err)
	}
	if n := srv.Requests("Dialers/DialerTask"); n != 1 {
		t.Fatalf("action sent %d times", n)
	}
	// A dropped read is retried.
	srv.DropNext(1)
	if _, err := c.QueueSummary(ctx); err != nil {
		t.Fatalf("dropped read: %v", err)
	}

	// 429 bursts are waited out, even for actions (the server did not act).
	srv.FailNext(2, http.StatusTooManyRequests)
	if err := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "2"}); err != nil {
		t.Fatalf("after 429s: %v", err)
	}
	srv.FailNext(10, http.StatusTooManyRequests)
	if err := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "3"}); !errors.Is(err, ucontact.ErrRateLimited) {
		t.Fatalf("persistent 429: %v", err)
	}
	srv.FailNext(0, http.StatusTooManyRequests)

	// 5xx on an action: not retried, unknown outcome.
	srv.FailNext(1, 502)
	if err := c.HangUp(ctx, "1001"); !errors.Is(err, ucontact.ErrOutcomeUnknown) {
		t.Fatalf("502: %v", err)
	}

	// The documented failure value.
	srv.AnswerZeroNext(1)
	if err := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "4"}); !errors.Is(err, ucontact.ErrFailed) {
		t.Fatalf("answer 0: %v", err)
	}
	if cs := srv.Contacts("A->"); len(cs) != 1 || cs[0].Destination != "2" {
		t.Fatalf("contacts = %+v", cs)
	}

	// Latency with a deadline: the caller's context wins.
	srv.SetLatency(time.Second)
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := c.QueueSummary(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("latency: %v", err)
	}
	srv.SetLatency(0)
}

// BenchmarkAddDialerTask measures one dialer insert through the client and
// the in-process fake (encoding, HTTP round trip, result check).
func BenchmarkAddDialerTask(b *testing.B) {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	c, err := ucontact.NewClient(srv.URL, ucontact.WithAPIToken(ucontacttest.DefaultAPIToken), ucontact.WithRateLimit(rate.Inf, 0))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	task := &ucontact.DialerTask{Campaign: "Power<-", Destination: "098344484", Data: ucontact.Vars{{Name: "idcustomer", Value: "7"}}, Automatic: true}
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		if err := c.AddDialerTask(ctx, task); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// TestValidationListsEveryProblem: one *ValidationError names every
// problem of the request, across fields, rows and entries, and nothing is
// sent.
func TestValidationListsEveryProblem(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t)
	for _, tc := range []struct {
		err    error
		fields []string
	}{
		{c.AddDialerTask(ctx, &ucontact.DialerTask{Alternatives: ucontact.Phones{"x"}, Data: ucontact.Vars{{"a", "b:c"}}}),
			[]string{"call.campaign", "call.destination", "call.alternatives", "call.data"}},
		{c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "f", Campaign: "A;B", Rows: []ucontact.BaseRow{{Number: ""}, {Number: "1", Priority: -1}, {Number: "2;3"}}}),
			[]string{"rows[0].number", "rows[0].campaign", "rows[1].priority", "rows[1].campaign", "rows[2].number", "rows[2].campaign"}},
		{c.AddBlacklistBulk(ctx, []ucontact.BlacklistEntry{{Campaign: "*"}, {Phone: "1", Campaign: "*", Direction: "X"}}),
			[]string{"black[0].phone", "black[1].direction"}},
		{func() error { _, err := c.AgentCall(ctx, &ucontact.AgentCallRequest{CallerID: "abc"}); return err }(),
			[]string{"agent", "phone", "destination", "callerid"}},
	} {
		var ve *ucontact.ValidationError
		if !errors.As(tc.err, &ve) {
			t.Errorf("err = %v, want a *ValidationError", tc.err)
			continue
		}
		if len(ve.Errors) != len(tc.fields) {
			t.Errorf("%v: %d problems, want %d (%v)", ve, len(ve.Errors), len(tc.fields), tc.fields)
		}
		for _, f := range tc.fields {
			if !ve.Has(f) {
				t.Errorf("%v: does not name %s", ve, f)
			}
		}
	}
	if srv.Logins() != 0 {
		t.Fatal("invalid input reached the server")
	}
}

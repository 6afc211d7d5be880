package ucontact_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/ccsdk/callcenter-go/ucontact"
)

const (
	mockBase  = "https://uc.example.test"
	mockAPI   = mockBase + "/Integra/resources/"
	mockToken = "tok-abcdef123456"
	formType  = "application/x-www-form-urlencoded; charset=UTF-8"
)

// seen is one request as it reached the wire.
type seen struct {
	Method, Path, ContentType, Auth string
	Body                            string
}

type recorder struct {
	mu   sync.Mutex
	reqs []seen
}

func (r *recorder) all() []seen {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seen(nil), r.reqs...)
}

// respond registers a POST responder for action that records each request
// and answers the given bodies in turn (the last one repeats).
func respond(t *testing.T, mock *httpmock.MockTransport, method, action string, status int, bodies ...string) *recorder {
	t.Helper()
	rec := &recorder{}
	mock.RegisterResponder(method, mockAPI+action, func(req *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(req.Body)
		rec.mu.Lock()
		n := len(rec.reqs)
		rec.reqs = append(rec.reqs, seen{req.Method, req.URL.EscapedPath(), req.Header.Get("Content-Type"), req.Header.Get("Authorization"), string(b)})
		rec.mu.Unlock()
		body := bodies[min(n, len(bodies)-1)]
		return httpmock.NewStringResponse(status, body), nil
	})
	return rec
}

func newMockClient(t *testing.T, opts ...ucontact.Option) (*httpmock.MockTransport, *ucontact.Client) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	if len(opts) == 0 {
		opts = []ucontact.Option{ucontact.WithAPIToken(mockToken)}
	}
	opts = append(opts, ucontact.WithHTTPClient(&http.Client{Transport: mock}), ucontact.WithRetry(2, time.Millisecond, 2*time.Millisecond))
	c, err := ucontact.NewClient(mockBase, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return mock, c
}

// checkOne asserts a single POST with the exact form body want.
func checkOne(t *testing.T, rec *recorder, action string, want url.Values, auth string) {
	t.Helper()
	reqs := rec.all()
	if len(reqs) != 1 {
		t.Fatalf("%s: %d requests, want 1", action, len(reqs))
	}
	r := reqs[0]
	if r.Method != http.MethodPost || r.Path != "/Integra/resources/"+action {
		t.Errorf("request line = %s %s, want POST /Integra/resources/%s", r.Method, r.Path, action)
	}
	if r.ContentType != formType {
		t.Errorf("Content-Type = %q, want %q", r.ContentType, formType)
	}
	if r.Auth != auth {
		t.Errorf("Authorization = %q, want %q", r.Auth, auth)
	}
	if r.Body != want.Encode() {
		got, _ := url.ParseQuery(r.Body)
		t.Errorf("body\n got  %s\n want %s\n(fields got %v\n want %v)", r.Body, want.Encode(), got, want)
	}
}

var schedTime = time.Date(2015, 10, 11, 15, 0, 0, 0, time.UTC)

// TestRequestShapes covers every action: method, escaped path, headers and
// the exact form body.
func TestRequestShapes(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, action, answer string
		call                 func(c *ucontact.Client) error
		want                 url.Values
	}{
		{
			name: "AgentCall", action: "Agents/AgentCall", answer: "7e4e7db9-f080-494e-b04b-7c8e47711558",
			call: func(c *ucontact.Client) error {
				guid, err := c.AgentCall(ctx, &ucontact.AgentCallRequest{CallerID: "24000000", Agent: "agent1", Phone: "1001",
					Context: "from-agents", OutQueue: "Sales->", Destination: "091000000"})
				if err == nil && guid != "7e4e7db9-f080-494e-b04b-7c8e47711558" {
					t.Errorf("guid = %q", guid)
				}
				return err
			},
			want: url.Values{"callerid": {"24000000"}, "agent": {"agent1"}, "phone": {"1001"}, "tech": {"SIP"},
				"context": {"from-agents"}, "outqueue": {"Sales->"}, "destination": {"091000000"}},
		},
		{
			name: "HangUp", action: "Agents/HungupPhone", answer: "1",
			call: func(c *ucontact.Client) error { return c.HangUp(ctx, "1001") },
			want: url.Values{"phone": {"1001"}},
		},
		{
			name: "DispositionCall", action: "api/DispositionCall", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.DispositionCall(ctx, &ucontact.DispositionRequest{Campaign: "Sales->", Agent: "agent1", CallerID: "099111111",
					GUID: "g-1", L1: "Sale", L2: "Card", L3: "Visa", D1: "x", D2: "y", Comment: "call back & confirm",
					Schedule: schedTime, CampToReschedule: "Callback->", Tag: "vip"})
			},
			want: url.Values{"campaign": {"Sales->"}, "agent": {"agent1"}, "callerid": {"099111111"}, "guid": {"g-1"},
				"l1": {"Sale"}, "l2": {"Card"}, "l3": {"Visa"}, "d1": {"x"}, "d2": {"y"}, "comment": {"call back & confirm"},
				"schedule": {"2015-10-11 15:00:00"}, "camptoreschedule": {"Callback->"}, "tag": {"vip"}},
		},
		{
			name: "DispositionCall minimal", action: "api/DispositionCall", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.DispositionCall(ctx, &ucontact.DispositionRequest{Campaign: "Sales->", GUID: "g-1", L1: "NoAnswer"})
			},
			want: url.Values{"campaign": {"Sales->"}, "agent": {""}, "callerid": {""}, "guid": {"g-1"}, "l1": {"NoAnswer"},
				"l2": {""}, "l3": {""}, "d1": {""}, "d2": {""}, "comment": {""}, "schedule": {""}},
		},
		{
			name: "CallWorkflow", action: "admin/CallWorkflow", answer: "OK",
			call: func(c *ucontact.Client) error {
				return c.CallWorkflow(ctx, &ucontact.WorkflowRequest{Context: "incoming", Extension: "s",
					Params: struct {
						Customer string `json:"customer"`
						Amount   int    `json:"amount"`
					}{"ACME <1>", 10}})
			},
			want: url.Values{"context": {"incoming"}, "extension": {"s"}, "jsonparams": {`{"customer":"ACME <1>","amount":10}`}},
		},
		{
			name: "Respool", action: "Dialers/Respool", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.Respool(ctx, &ucontact.RespoolCall{Campaign: "Ventas->", Destination: "098124484", DialerBase: "basetest",
					Data: ucontact.Vars{{"Par1", "Val1"}, {"Par2", "Val2"}}, Alternatives: ucontact.Phones{"098344484"},
					Contact: 222, Priority: 9999, AgentPhone: "1001"})
			},
			want: url.Values{"callspool": {`{"campaign":"Ventas->","destination":"098124484","dialerbase":"basetest","status":1,"data":"Par1=Val1:Par2=Val2","alternatives":"098344484","contact":222,"retries":0,"priority":9999,"agentphone":"1001"}`}},
		},
		{
			name: "AddBlacklist", action: "admin/addblack", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.AddBlacklist(ctx, &ucontact.BlacklistEntry{Phone: "12341234", Campaign: "*", Username: "username",
					Company: "Company name", JobTitle: "Developer", Name: "Name", ExpireDate: "2025-01-01", Direction: "I/O"})
			},
			want: url.Values{"black": {`{"phone":"12341234","campaign":"*","username":"username","company":"Company name","job_title":"Developer","name":"Name","expire_date":"2025-01-01","direction":"I/O"}`}},
		},
		{
			name: "AddBlacklistBulk", action: "admin/addblackbulk", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.AddBlacklistBulk(ctx, []ucontact.BlacklistEntry{{Phone: "1", Campaign: "A->"}, {Phone: "2", Campaign: "*", Name: "N"}})
			},
			want: url.Values{"black": {`[{"phone":"1","campaign":"A->"},{"phone":"2","campaign":"*","name":"N"}]`}},
		},
		{
			name: "DeleteBlacklist", action: "admin/deleteblack", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.DeleteBlacklist(ctx, &ucontact.BlacklistEntry{Phone: "12341234", Campaign: "Campaign"})
			},
			want: url.Values{"black": {`{"phone":"12341234","campaign":"Campaign"}`}},
		},
		{
			name: "DeleteBlacklistBulk", action: "admin/deleteblackbulk", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.DeleteBlacklistBulk(ctx, []ucontact.BlacklistEntry{{Phone: "1", Campaign: "A->"}})
			},
			want: url.Values{"black": {`[{"phone":"1","campaign":"A->"}]`}},
		},
		{
			name: "TagRecord", action: "Agents/TagRecord", answer: "",
			call: func(c *ucontact.Client) error {
				return c.TagRecord(ctx, &ucontact.TagRecordRequest{Phone: "099111111", GUID: "g-1", Data: "good call"})
			},
			want: url.Values{"phone": {"099111111"}, "guid": {"g-1"}, "data": {"good call"}},
		},
		{
			name: "ScheduleCall", action: "Dialers/ScheduleDialerCall", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.ScheduleCall(ctx, &ucontact.ScheduledCall{CallDate: schedTime, Campaign: "Ventas->", Destination: "098344484",
					Alternatives: ucontact.Phones{"099124484", "099121212"}, AgentPhone: "1001", Data: ucontact.Vars{{"Par1", "Val1"}, {"Par2", "Val2"}}})
			},
			want: url.Values{"callschedule": {`{"calldate":"2015-10-11 15:00:00","campaign":"Ventas->","destination":"098344484","alternatives":"099124484:099121212","agentphone":"1001","data":"Par1=Val1:Par2=Val2"}`}},
		},
		{
			name: "RemoveSchedule", action: "Dialers/RemoveScheduleDialerCall", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.RemoveSchedule(ctx, &ucontact.RemoveScheduleRequest{Campaign: "Ventas->", Destination: "098344484",
					From: schedTime, To: schedTime.Add(24 * time.Hour)})
			},
			want: url.Values{"campaign": {"Ventas->"}, "destination": {"098344484"}, "from": {"2015-10-11 15:00:00"}, "to": {"2015-10-12 15:00:00"}},
		},
		{
			name: "AddDialerTask now", action: "Dialers/DialerTask", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "campName<-", Destination: "12-345-678",
					Data: ucontact.Vars{{"idcustomer", "7"}}, Source: "source", Automatic: true})
			},
			want: url.Values{"call": {`{"calldate":null,"campaign":"campName<-","destination":"12-345-678","alternatives":"","agent":"","data":"idcustomer=7","source":"source","bulk":false,"automatic":true}`}},
		},
		{
			name: "AddDialerTask scheduled", action: "Dialers/DialerTask", answer: "1 OK",
			call: func(c *ucontact.Client) error {
				return c.AddDialerTask(ctx, &ucontact.DialerTask{CallDate: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Campaign: "campName->",
					Destination: "12-345-678", Agent: "Agent1", Data: ucontact.Vars{{"idcustomer", "7"}}, Source: "source", Bulk: true})
			},
			want: url.Values{"call": {`{"calldate":"2020-01-01 00:00:00","campaign":"campName->","destination":"12-345-678","alternatives":"","agent":"Agent1","data":"idcustomer=7","source":"source","bulk":true,"automatic":false}`}},
		},
		{
			name: "RemoveContact", action: "Dialers/RemoveContact", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.RemoveContact(ctx, &ucontact.RemoveContactRequest{Campaign: "Ventas->", Number: "098344484"})
			},
			want: url.Values{"campaign": {"Ventas->"}, "number": {"098344484"}},
		},
		{
			name: "UploadBase", action: "Dialers/uploadbase", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "base.txt", Campaign: "prueba1", Username: "admin",
					Rows: []ucontact.BaseRow{
						{Number: "098344484", Vars: ucontact.Vars{{"var1", "val1"}, {"var2", "val2"}}, Alternatives: ucontact.Phones{"099124484", "099111111"}, Priority: 9999, AgentPhone: "1001"},
						{Number: "098000000"},
					}})
			},
			// base64 of "prueba1;098344484;var1=val1:var2=val2;099124484:099111111;9999;1001\nprueba1;098000000;;\n"
			want: url.Values{"filename": {"base.txt"}, "campaign": {"prueba1"}, "cant": {"2"}, "username": {"admin"},
				"fileb64": {"cHJ1ZWJhMTswOTgzNDQ0ODQ7dmFyMT12YWwxOnZhcjI9dmFsMjswOTkxMjQ0ODQ6MDk5MTExMTExOzk5OTk7MTAwMQpwcnVlYmExOzA5ODAwMDAwMDs7Cg=="}},
		},
		{
			name: "UploadBase with time zone", action: "Dialers/uploadbasewithtimezone", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.UploadBase(ctx, &ucontact.UploadBaseRequest{Filename: "base.txt", Campaign: "prueba1", Username: "admin",
					TimeZone: "America/Montevideo", Rows: []ucontact.BaseRow{{Number: "098000000"}}})
			},
			want: url.Values{"filename": {"base.txt"}, "campaign": {"prueba1"}, "cant": {"1"}, "username": {"admin"},
				"timezone": {"America/Montevideo"}, "fileb64": {"cHJ1ZWJhMTswOTgwMDAwMDA7Owo="}},
		},
		{
			name: "ListRecordingsPage", action: "Cdr/getrecords", answer: `[]`,
			call: func(c *ucontact.Client) error {
				_, err := c.ListRecordingsPage(ctx, &ucontact.RecordingSearch{LastRow: 50, Limit: 50, Filter: ucontact.RecordingFilter{
					From: time.Date(2015, 12, 3, 0, 0, 0, 0, time.UTC), To: time.Date(2016, 2, 24, 23, 59, 59, 0, time.UTC),
					Campaign: "Sales->", MinDuration: 30}})
				return err
			},
			want: url.Values{"lastrow": {"50"}, "searchLimit": {"50"}, "Random": {"1"},
				"filter": {`{"calldatei":"2015-12-03 00:00:00","calldatef":"2016-02-24 23:59:59","agent":"","campaign":"Sales->","source":"","destination":"","data":"","range":"","rating":"","mindur":"30","exclude":"","type":"record","cont":""}`}},
		},
		{
			name: "ConvertRecording", action: "Supervisor/convert", answer: "1",
			call: func(c *ucontact.Client) error {
				return c.ConvertRecording(ctx, "7e4e7db9-f080-494e-b04b-7c8e47711558", "20160118")
			},
			want: url.Values{"guid": {"7e4e7db9-f080-494e-b04b-7c8e47711558"}, "folder": {"20160118"}},
		},
		{
			name: "QueueSummary", action: "Supervisor/queuesummary", answer: `[]`,
			call: func(c *ucontact.Client) error { _, err := c.QueueSummary(ctx); return err },
			want: url.Values{},
		},
		{
			name: "CampaignStatus", action: "Supervisor/campaignstatus", answer: `{}`,
			call: func(c *ucontact.Client) error { _, err := c.CampaignStatus(ctx, "CampTest2<-"); return err },
			want: url.Values{"queue": {"CampTest2<-"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mock, c := newMockClient(t)
			rec := respond(t, mock, http.MethodPost, tc.action, 200, tc.answer)
			if err := tc.call(c); err != nil {
				t.Fatal(err)
			}
			checkOne(t, rec, tc.action, tc.want, "Bearer "+mockToken)
		})
	}
}

// TestLoginShape checks the login form, the Basic key on later calls, a
// single re-login after 401 and the EndSession form.
func TestLoginShape(t *testing.T) {
	ctx := context.Background()
	mock, c := newMockClient(t, ucontact.WithLogin("Admin", "p@ss&word"))
	login := respond(t, mock, http.MethodPost, "auth/getUserToken", 200,
		`["Admin", null, 3, "S0VZLW9uZQ=="]`, `["Admin","S0VZLXR3bw=="]`)
	hang := respond(t, mock, http.MethodPost, "Agents/HungupPhone", 200, "1")
	end := respond(t, mock, http.MethodPost, "auth/EndSession", 200, "1")

	if err := c.HangUp(ctx, "1001"); err != nil {
		t.Fatal(err)
	}
	checkOne(t, login, "auth/getUserToken", url.Values{"user": {"Admin"}, "password": {"p@ss&word"}}, "")
	checkOne(t, hang, "Agents/HungupPhone", url.Values{"phone": {"1001"}}, "Basic S0VZLW9uZQ==")

	// The key expires: 401, one new login, the call repeated with the new key.
	mock.RegisterResponder(http.MethodPost, mockAPI+"Agents/HungupPhone", func(req *http.Request) (*http.Response, error) {
		if req.Header.Get("Authorization") == "Basic S0VZLW9uZQ==" {
			return httpmock.NewStringResponse(401, "Unauthorized"), nil
		}
		return httpmock.NewStringResponse(200, "1"), nil
	})
	if err := c.HangUp(ctx, "1001"); err != nil {
		t.Fatal(err)
	}
	if n := len(login.all()); n != 2 {
		t.Fatalf("logins = %d, want 2", n)
	}

	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	checkOne(t, end, "auth/EndSession", url.Values{"user": {"Admin"}, "token": {"S0VZLXR3bw=="}}, "Basic S0VZLXR3bw==")
	// Closing again sends nothing.
	if err := c.Close(); err != nil || len(end.all()) != 1 {
		t.Fatalf("second Close: err=%v, requests=%d", err, len(end.all()))
	}
}

func TestLoginRefused(t *testing.T) {
	mock, c := newMockClient(t, ucontact.WithLogin("Admin", "wrong-password"))
	respond(t, mock, http.MethodPost, "auth/getUserToken", 200, "0")
	hang := respond(t, mock, http.MethodPost, "Agents/HungupPhone", 200, "1")
	err := c.HangUp(context.Background(), "1001")
	if !errors.Is(err, ucontact.ErrUnauthorized) || !errors.Is(err, ucontact.ErrFailed) {
		t.Fatalf("err = %v, want ErrUnauthorized and ErrFailed", err)
	}
	if strings.Contains(err.Error(), "wrong-password") {
		t.Fatalf("error leaks the password: %v", err)
	}
	if len(hang.all()) != 0 {
		t.Fatal("action sent without a session")
	}
}

func TestResults(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		answer string
		want   error
	}{
		{"1", nil}, {"OK", nil}, {" 1\n", nil}, {`"1"`, nil}, {"1 OK", nil},
		{"0", ucontact.ErrFailed}, {"0 ERROR", ucontact.ErrFailed}, {"ERROR", ucontact.ErrFailed},
		{"<html>oops</html>", ucontact.ErrUnexpectedResult}, {"", ucontact.ErrUnexpectedResult},
	} {
		mock, c := newMockClient(t)
		respond(t, mock, http.MethodPost, "Dialers/RemoveContact", 200, tc.answer)
		err := c.RemoveContact(ctx, &ucontact.RemoveContactRequest{Campaign: "A->", Number: "1"})
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("answer %q: err = %v, want %v", tc.answer, err, tc.want)
		}
		var re *ucontact.ResultError
		if err != nil && (!errors.As(err, &re) || re.Action != "Dialers/RemoveContact") {
			t.Errorf("answer %q: err %T %v does not name the action", tc.answer, err, err)
		}
	}

	// AgentCall: 0 is ErrFailed, a GUID is returned as is.
	mock, c := newMockClient(t)
	respond(t, mock, http.MethodPost, "Agents/AgentCall", 200, "0")
	_, err := c.AgentCall(ctx, &ucontact.AgentCallRequest{Agent: "a", Phone: "1001", Destination: "1"})
	if !errors.Is(err, ucontact.ErrFailed) || !strings.Contains(err.Error(), "Agents/AgentCall") {
		t.Fatalf("err = %v", err)
	}
	// TagRecord: empty is success, 0 is failure.
	respond(t, mock, http.MethodPost, "Agents/TagRecord", 200, "0")
	if err := c.TagRecord(ctx, &ucontact.TagRecordRequest{GUID: "g", Data: "d"}); !errors.Is(err, ucontact.ErrFailed) {
		t.Fatalf("TagRecord 0: err = %v", err)
	}
}

// TestNoRetryOfActions: a POST that acts is not repeated after a 5xx, and
// the error says the outcome is unknown; reads are retried.
func TestNoRetryOfActions(t *testing.T) {
	ctx := context.Background()
	mock, c := newMockClient(t)
	task := respond(t, mock, http.MethodPost, "Dialers/DialerTask", 503, "busy")
	err := c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "A->", Destination: "1"})
	if !errors.Is(err, ucontact.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
	}
	var apiErr *ucontact.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.Message != "busy" {
		t.Fatalf("err = %#v", err)
	}
	if n := len(task.all()); n != 1 {
		t.Fatalf("DialerTask sent %d times, want 1", n)
	}

	recs := respond(t, mock, http.MethodPost, "Cdr/getrecords", 200, `[{"guid":"a"}]`)
	mock.RegisterResponder(http.MethodPost, mockAPI+"Supervisor/queuesummary",
		httpmock.ResponderFromMultipleResponses([]*http.Response{
			httpmock.NewStringResponse(503, "busy"),
			httpmock.NewStringResponse(200, `[{"queue":"A->","loggedIn":2}]`),
		}))
	qs, err := c.QueueSummary(ctx)
	if err != nil || len(qs) != 1 || qs[0].LoggedIn != 2 {
		t.Fatalf("QueueSummary = %+v, %v", qs, err)
	}
	if _, err := c.ListRecordingsPage(ctx, nil); err != nil || len(recs.all()) != 1 {
		t.Fatalf("ListRecordingsPage: %v", err)
	}
}

func TestRateLimitedActionRetried(t *testing.T) {
	mock, c := newMockClient(t)
	mock.RegisterResponder(http.MethodPost, mockAPI+"Agents/HungupPhone",
		httpmock.ResponderFromMultipleResponses([]*http.Response{
			httpmock.NewStringResponse(429, "slow down"),
			httpmock.NewStringResponse(200, "1"),
		}))
	if err := c.HangUp(context.Background(), "1001"); err != nil {
		t.Fatal(err)
	}
	if n := mock.GetTotalCallCount(); n != 2 {
		t.Fatalf("calls = %d, want 2 (429 means the server did not act)", n)
	}
}

func TestBaseURLForms(t *testing.T) {
	for _, base := range []string{"https://uc.example.test", "https://uc.example.test/", "https://uc.example.test/Integra",
		"https://uc.example.test/Integra/resources/"} {
		mock := httpmock.NewMockTransport()
		mock.RegisterResponder(http.MethodPost, mockAPI+"Agents/HungupPhone", httpmock.NewStringResponder(200, "1"))
		c, err := ucontact.NewClient(base, ucontact.WithAPIToken("t0k3n"), ucontact.WithHTTPClient(&http.Client{Transport: mock}))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.HangUp(context.Background(), "1"); err != nil {
			t.Errorf("base %q: %v", base, err)
		}
	}
	for _, bad := range []string{"", "uc.example.test", "ftp://x", "https://u:p@x", "https://x/?a=1"} {
		if _, err := ucontact.NewClient(bad, ucontact.WithAPIToken("t0k3n")); !invalidField(err, "NewClient arguments", "baseURL") {
			t.Errorf("base %q: err = %v", bad, err)
		}
	}
}

func TestNewClientCredentials(t *testing.T) {
	for name, opts := range map[string][]ucontact.Option{
		"none":          nil,
		"both":          {ucontact.WithAPIToken("t0k3n"), ucontact.WithLogin("u", "p")},
		"no user":       {ucontact.WithLogin("", "p")},
		"no password":   {ucontact.WithLogin("u", "")},
		"empty token":   {ucontact.WithAPIToken("")},
		"bad rec. host": {ucontact.WithAPIToken("t0k3n"), ucontact.WithRecordingHosts("ftp://x", "")},
	} {
		_, err := ucontact.NewClient(mockBase, opts...)
		if !invalidField(err, "NewClient arguments", "") {
			t.Errorf("%s: err = %v, want a *ValidationError", name, err)
		}
	}
}

func TestRecordingURLs(t *testing.T) {
	_, c := newMockClient(t, ucontact.WithAPIToken(mockToken), ucontact.WithRecordingHosts("10.0.0.5", "http://backup.example.test/rec/"))
	got, err := c.RecordingURLs("7e4e7db9-f080", "20160118", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"https://10.0.0.5/records/7e4e7db9-f080.mp3",
		"https://10.0.0.5/records/20160118/7e4e7db9-f080.mp3",
		"http://backup.example.test/rec/records/20160118/7e4e7db9-f080.mp3",
		"http://backup.example.test/rec/records/7e4e7db9-f080.mp3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("URLs\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got, _ = c.RecordingURLs("g1", "", ucontact.FormatGSM)
	if len(got) != 2 || got[0] != "https://10.0.0.5/records/g1.gsm" || got[1] != "http://backup.example.test/rec/records/g1.gsm" {
		t.Fatalf("no folder: %v", got)
	}
	for _, bad := range [][3]string{{"../etc/passwd", "", ""}, {"a/b", "", ""}, {"", "", ""}, {"g", "2016-01-18", ""}, {"g", "", "wav"}} {
		if _, err := c.RecordingURLs(bad[0], bad[1], bad[2]); !invalidField(err, "RecordingURLs", "") {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
}

// TestFindRecordingShape probes with HEAD in the documented order and stops
// at the first hit; the API credentials go only to the API server.
func TestFindRecordingShape(t *testing.T) {
	mock, c := newMockClient(t, ucontact.WithAPIToken(mockToken), ucontact.WithRecordingHosts("", "https://backup.example.test"))
	var mu sync.Mutex
	var order []string
	hit := "https://backup.example.test/records/g1.mp3"
	mock.RegisterRegexpResponder(http.MethodHead, regexpAll, func(req *http.Request) (*http.Response, error) {
		mu.Lock()
		order = append(order, req.URL.String()+" auth="+req.Header.Get("Authorization"))
		mu.Unlock()
		if req.URL.String() == hit {
			return httpmock.NewStringResponse(200, ""), nil
		}
		return httpmock.NewStringResponse(404, ""), nil
	})
	// The telephony host defaults to the API server.
	u, err := c.FindRecording(context.Background(), "g1", "20160118")
	if err != nil || u != hit {
		t.Fatalf("FindRecording = %q, %v", u, err)
	}
	want := []string{
		"https://uc.example.test/records/g1.mp3 auth=Bearer " + mockToken,
		"https://uc.example.test/records/20160118/g1.mp3 auth=Bearer " + mockToken,
		"https://backup.example.test/records/20160118/g1.mp3 auth=",
		"https://backup.example.test/records/g1.mp3 auth=",
	}
	if strings.Join(order, "\n") != strings.Join(want, "\n") {
		t.Fatalf("probes\n%s\nwant\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}

	hit = "none"
	if _, err := c.FindRecording(context.Background(), "g1", ""); !errors.Is(err, ucontact.ErrRecordingNotFound) || !errors.Is(err, ucontact.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
}

var regexpAll = regexp.MustCompile(`.*`)

// invalidField reports whether err is a *ucontact.ValidationError about the
// request ("" for any) naming field ("" for any).
func invalidField(err error, request, field string) bool {
	var ve *ucontact.ValidationError
	if !errors.As(err, &ve) || !strings.HasPrefix(ve.Subject, "ucontact: ") || !strings.Contains(ve.Subject, request) {
		return false
	}
	return len(ve.Errors) > 0 && (field == "" || ve.Has(field))
}

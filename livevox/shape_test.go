package livevox_test

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/jarcoal/httpmock"
	"golang.org/x/time/rate"
)

const (
	mockBase     = "https://lv.test"
	mockAccess   = "access-token-XYZ"
	mockPassword = "pa55word-secret"
	mockSession  = "session-id-0001"
	loginBody    = `{"clientName":"ACME","userName":"apiuser","password":"pa55word-secret"}`
)

// captured is one request as it reached the wire.
type captured struct {
	Method, Path, Query, Body string
	Header                    http.Header
}

type recorder struct {
	mu   sync.Mutex
	reqs []captured
}

func (r *recorder) add(req *http.Request) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, captured{req.Method, req.URL.EscapedPath(), req.URL.RawQuery, string(body), req.Header.Clone()})
}

func (r *recorder) all() []captured {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]captured(nil), r.reqs...)
}

// respond records the request and answers status with a JSON body.
func (r *recorder) respond(status int, body string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r.add(req)
		resp := httpmock.NewStringResponse(status, body)
		if body != "" {
			resp.Header.Set("Content-Type", "application/json")
		}
		return resp, nil
	}
}

// newMocked returns a client whose HTTP goes to an httpmock transport with a
// working login on base.
func newMocked(t *testing.T, base string, opts ...livevox.Option) (*livevox.Client, *httpmock.MockTransport, *recorder) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	rec := &recorder{}
	mock.RegisterResponder(http.MethodPost, base+"/session/login",
		rec.respond(200, `{"sessionId":"`+mockSession+`","userId":7,"clientId":4199,"daysUntilPasswordExpires":30}`))
	opts = append([]livevox.Option{
		livevox.WithBaseURL(base),
		livevox.WithHTTPClient(&http.Client{Transport: mock}),
		livevox.WithRateLimit(rate.Inf, 0),
		livevox.WithRetry(1, time.Millisecond, 2*time.Millisecond),
	}, opts...)
	c, err := livevox.NewClient(livevox.Credentials{AccessToken: mockAccess, ClientName: "ACME", UserName: "apiuser", Password: mockPassword}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, mock, rec
}

func checkLogin(t *testing.T, got captured) {
	t.Helper()
	if got.Method != http.MethodPost || got.Path != "/session/login" || got.Body != loginBody {
		t.Errorf("login request = %s %s %s", got.Method, got.Path, got.Body)
	}
	if v := got.Header.Get("LV-Access"); v != mockAccess {
		t.Errorf("login LV-Access = %q", v)
	}
	if v := got.Header.Get("LV-Session"); v != "" {
		t.Errorf("login carries LV-Session %q", v)
	}
	if v := got.Header.Get("Content-Type"); v != "application/json" {
		t.Errorf("login Content-Type = %q", v)
	}
}

func checkAuthed(t *testing.T, got captured, wantJSON bool) {
	t.Helper()
	if v := got.Header.Get("LV-Access"); v != mockAccess {
		t.Errorf("LV-Access = %q, want %q", v, mockAccess)
	}
	if v := got.Header.Get("LV-Session"); v != mockSession {
		t.Errorf("LV-Session = %q, want %q", v, mockSession)
	}
	if v := got.Header.Get("Accept"); v != "application/json" {
		t.Errorf("Accept = %q", v)
	}
	ct := got.Header.Get("Content-Type")
	if wantJSON && ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if !wantJSON && (ct != "" || got.Body != "") {
		t.Errorf("unexpected body %q (Content-Type %q)", got.Body, ct)
	}
}

func TestRequestShapes(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name           string
		method, url    string // registered responder
		status         int
		respBody       string
		call           func(c *livevox.Client) error
		wantPath       string
		wantQuery      string
		wantBody       string
		wantJSONHeader bool
	}{
		{
			name: "create full", method: http.MethodPost, url: mockBase + "/configuration/callCenters",
			status: 201, respBody: `{"id": 3619}`,
			call: func(c *livevox.Client) error {
				id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{
					ClientID: 4199, Name: "Doors", ManagerName: "Mr. Manager", BillingSystem: "Mail",
					DefaultInputFilterID: 21572, ServiceIDs: []int64{46595},
				})
				if err == nil && id != 3619 {
					err = fmt.Errorf("id = %d, want 3619", id)
				}
				return err
			},
			wantPath: "/configuration/callCenters", wantQuery: "client=4199",
			wantBody:       `{"service":[{"id":46595}],"name":"Doors","managerName":"Mr. Manager","billingSystem":"Mail","defaultInputFilterId":21572}`,
			wantJSONHeader: true,
		},
		{
			name: "create minimal closed", method: http.MethodPost, url: mockBase + "/configuration/callCenters",
			status: 201, respBody: `{"id": 12}`,
			call: func(c *livevox.Client) error {
				id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Süd & Nord", Open: new(false)})
				if err == nil && id != 12 {
					err = fmt.Errorf("id = %d, want 12", id)
				}
				return err
			},
			wantPath: "/configuration/callCenters", wantQuery: "",
			wantBody: `{"name":"Süd \u0026 Nord","open":false}`, wantJSONHeader: true,
		},
		{
			name: "delete", method: http.MethodDelete, url: mockBase + "/configuration/callCenters/3619",
			status:   204,
			call:     func(c *livevox.Client) error { return c.DeleteCallCenter(ctx, 3619) },
			wantPath: "/configuration/callCenters/3619",
		},
		{
			name: "list info", method: http.MethodGet, url: mockBase + "/configuration/callCenters/info?client=4199",
			status: 200, respBody: `{"size": 9, "lastModified": 1369249675000}`,
			call: func(c *livevox.Client) error {
				li, err := c.GetCallCenterListInfo(ctx, 4199)
				if err != nil {
					return err
				}
				want := time.Date(2013, 5, 22, 19, 7, 55, 0, time.UTC)
				if li.Size != 9 || !li.LastModified.Equal(want) {
					return fmt.Errorf("info = %+v, want size 9, %v", li, want)
				}
				return nil
			},
			wantPath: "/configuration/callCenters/info", wantQuery: "client=4199",
		},
		{
			name: "list info without client or date", method: http.MethodGet, url: mockBase + "/configuration/callCenters/info",
			status: 200, respBody: `{"size": 0}`,
			call: func(c *livevox.Client) error {
				li, err := c.GetCallCenterListInfo(ctx, 0)
				if err == nil && (li.Size != 0 || !li.LastModified.IsZero()) {
					err = fmt.Errorf("info = %+v", li)
				}
				return err
			},
			wantPath: "/configuration/callCenters/info",
		},
		{
			name: "related", method: http.MethodGet, url: mockBase + "/configuration/callCenters/3543/related",
			status: 200, respBody: `{"service":[{"id":5607},{"id":17797}],"agent":[{"id":56472},{"id":117721}]}`,
			call: func(c *livevox.Client) error {
				r, err := c.GetCallCenterRelated(ctx, 3543)
				if err != nil {
					return err
				}
				if fmt.Sprint(r.ServiceIDs, r.AgentIDs) != "[5607 17797] [56472 117721]" {
					return fmt.Errorf("related = %+v", r)
				}
				return nil
			},
			wantPath: "/configuration/callCenters/3543/related",
		},
		{
			name: "list page", method: http.MethodGet, url: mockBase + "/configuration/callCenters?client=4199&count=5&offset=0",
			status: 200,
			respBody: `{"callCenter":[{"callCenterId":15,"name":"Los Angeles","clientId":4199},` +
				`{"callCenterId":428,"name":"New York - Medical","clientId":4199}],` +
				`"next":"configuration/callCenters?count=5&client=4199&offset=5"}`,
			call: func(c *livevox.Client) error {
				p, err := c.ListCallCentersPage(ctx, &livevox.ListCallCentersRequest{ClientID: 4199, Count: 5})
				if err != nil {
					return err
				}
				want := []livevox.CallCenterSummary{{ID: 15, Name: "Los Angeles", ClientID: 4199}, {ID: 428, Name: "New York - Medical", ClientID: 4199}}
				if fmt.Sprint(p.CallCenters) != fmt.Sprint(want) || p.Next != "configuration/callCenters?count=5&client=4199&offset=5" {
					return fmt.Errorf("page = %+v", p)
				}
				return nil
			},
			wantPath: "/configuration/callCenters", wantQuery: "client=4199&count=5&offset=0",
		},
		{
			name: "list page defaults", method: http.MethodGet, url: mockBase + "/configuration/callCenters?count=1000&offset=0",
			status: 200, respBody: `{}`,
			call: func(c *livevox.Client) error {
				p, err := c.ListCallCentersPage(ctx, nil)
				if err == nil && (len(p.CallCenters) != 0 || p.Next != "") {
					err = fmt.Errorf("page = %+v", p)
				}
				return err
			},
			wantPath: "/configuration/callCenters", wantQuery: "count=1000&offset=0",
		},
		{
			name: "read", method: http.MethodGet, url: mockBase + "/configuration/callCenters/433",
			status: 200, respBody: `{"name":"Atlanta - Financial Services","managerName":"Sam Snead","billingSystem":null,"defaultInputFilterId":null,"open":true}`,
			call: func(c *livevox.Client) error {
				cc, err := c.GetCallCenter(ctx, 433)
				if err != nil {
					return err
				}
				want := livevox.CallCenter{ID: 433, Name: "Atlanta - Financial Services", ManagerName: "Sam Snead", Open: true}
				if *cc != want {
					return fmt.Errorf("call center = %+v, want %+v", *cc, want)
				}
				return nil
			},
			wantPath: "/configuration/callCenters/433",
		},
		{
			name: "read closed, filter under table name", method: http.MethodGet, url: mockBase + "/configuration/callCenters/434",
			status: 200, respBody: `{"name":"B","defaultInputFilter":77,"open":false}`,
			call: func(c *livevox.Client) error {
				cc, err := c.GetCallCenter(ctx, 434)
				if err == nil && (*cc != livevox.CallCenter{ID: 434, Name: "B", DefaultInputFilterID: 77}) {
					err = fmt.Errorf("call center = %+v", *cc)
				}
				return err
			},
			wantPath: "/configuration/callCenters/434",
		},
		{
			name: "update", method: http.MethodPut, url: mockBase + "/configuration/callCenters/3619",
			status: 204,
			call: func(c *livevox.Client) error {
				return c.UpdateCallCenter(ctx, 3619, &livevox.UpdateCallCenterRequest{
					Name: new("Documentation"), ManagerName: new("Jim"), BillingSystem: new("Super"), DefaultInputFilterID: new(int64(40229)),
				})
			},
			wantPath:       "/configuration/callCenters/3619",
			wantBody:       `{"name":"Documentation","managerName":"Jim","billingSystem":"Super","defaultInputFilterId":40229}`,
			wantJSONHeader: true,
		},
		{
			name: "update open only", method: http.MethodPut, url: mockBase + "/configuration/callCenters/3619",
			status: 204,
			call: func(c *livevox.Client) error {
				return c.UpdateCallCenter(ctx, 3619, &livevox.UpdateCallCenterRequest{Open: new(true)})
			},
			wantPath: "/configuration/callCenters/3619", wantBody: `{"open":true}`, wantJSONHeader: true,
		},
		{
			name: "add service", method: http.MethodPut, url: mockBase + "/configuration/callCenters/3619/services/33867",
			status:   204,
			call:     func(c *livevox.Client) error { return c.AddCallCenterService(ctx, 3619, 33867) },
			wantPath: "/configuration/callCenters/3619/services/33867",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mock, rec := newMocked(t, mockBase)
			mock.RegisterResponder(tc.method, tc.url, rec.respond(tc.status, tc.respBody))
			if err := tc.call(c); err != nil {
				t.Fatal(err)
			}
			reqs := rec.all()
			if len(reqs) != 2 {
				t.Fatalf("%d requests, want login + 1: %+v", len(reqs), reqs)
			}
			checkLogin(t, reqs[0])
			got := reqs[1]
			if got.Method != tc.method || got.Path != tc.wantPath || got.Query != tc.wantQuery || got.Body != tc.wantBody {
				t.Errorf("request = %s %s ?%s %s\nwant      %s %s ?%s %s",
					got.Method, got.Path, got.Query, got.Body, tc.method, tc.wantPath, tc.wantQuery, tc.wantBody)
			}
			checkAuthed(t, got, tc.wantJSONHeader)
		})
	}
}

func TestDeleteHasServicesShape(t *testing.T) {
	c, mock, rec := newMocked(t, mockBase)
	mock.RegisterResponder(http.MethodDelete, mockBase+"/configuration/callCenters/3619",
		rec.respond(400, `{"errorCode": 202, "errorMessage": "Cannot delete call centers with associated services"}`))
	err := c.DeleteCallCenter(context.Background(), 3619)
	if !errors.Is(err, livevox.ErrHasServices) {
		t.Fatalf("err = %v, want ErrHasServices", err)
	}
	var apiErr *livevox.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 || apiErr.Code != "202" ||
		apiErr.Message != "Cannot delete call centers with associated services" {
		t.Fatalf("err = %#v", apiErr)
	}
	if livevox.ErrorCode(err) != livevox.CodeHasServices {
		t.Errorf("ErrorCode = %d", livevox.ErrorCode(err))
	}
	if want := "livevox: DELETE /configuration/callCenters/3619: 400 Bad Request: Cannot delete call centers with associated services (code 202)"; err.Error() != want {
		t.Errorf("message = %q\nwant      %q", err.Error(), want)
	}
	if n := len(rec.all()); n != 2 {
		t.Errorf("%d requests: a 400 must not be retried", n)
	}
}

func TestOtherErrorIsNotHasServices(t *testing.T) {
	c, mock, rec := newMocked(t, mockBase)
	mock.RegisterResponder(http.MethodDelete, mockBase+"/configuration/callCenters/5",
		rec.respond(404, `{"errorCode": 404, "errorMessage": "Call Center 5 not found"}`))
	err := c.DeleteCallCenter(context.Background(), 5)
	if errors.Is(err, livevox.ErrHasServices) || !errors.Is(err, livevox.ErrNotFound) || livevox.ErrorCode(err) != 404 {
		t.Fatalf("err = %v", err)
	}
}

func TestCloseLogsOut(t *testing.T) {
	ctx := context.Background()
	c, _, rec := newMocked(t, mockBase)
	if err := c.Close(); err != nil { // no session yet: nothing sent
		t.Fatal(err)
	}
	if n := len(rec.all()); n != 0 {
		t.Fatalf("Close without session sent %d requests", n)
	}
	c, mock, rec := newMocked(t, mockBase) // a closed client is done: a new one logs in
	mock.RegisterResponder(http.MethodPost, mockBase+"/session/logout", rec.respond(204, ""))
	info, err := c.Login(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.UserID != 7 || info.ClientID != 4199 || info.DaysUntilPasswordExpires == nil || *info.DaysUntilPasswordExpires != 30 {
		t.Errorf("login info = %+v", info)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	reqs := rec.all()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	got := reqs[1]
	if got.Method != http.MethodPost || got.Path != "/session/logout" || got.Body != "" {
		t.Errorf("logout = %+v", got)
	}
	checkAuthed(t, got, false)
}

func TestRegionsAndVersion(t *testing.T) {
	for _, tc := range []struct {
		region livevox.Region
		base   string
	}{
		{livevox.NA3, "https://api.livevox.com"},
		{livevox.NA4, "https://api.na4.livevox.com"},
		{livevox.NA5, "https://api.na5.livevox.com"},
		{livevox.NA6, "https://api.na6.livevox.com"},
	} {
		t.Run(string(tc.region), func(t *testing.T) {
			mock := httpmock.NewMockTransport()
			rec := &recorder{}
			mock.RegisterResponder(http.MethodPost, tc.base+"/session/v6.0/login", rec.respond(200, `{"sessionId":"`+mockSession+`"}`))
			mock.RegisterResponder(http.MethodPut, tc.base+"/configuration/v6.0/callCenters/1/services/2", rec.respond(204, ""))
			c, err := livevox.NewClient(livevox.Credentials{AccessToken: mockAccess, ClientName: "ACME", UserName: "apiuser", Password: mockPassword},
				livevox.WithRegion(tc.region), livevox.WithAPIVersion("v6.0"),
				livevox.WithHTTPClient(&http.Client{Transport: mock}))
			if err != nil {
				t.Fatal(err)
			}
			if err := c.AddCallCenterService(context.Background(), 1, 2); err != nil {
				t.Fatal(err)
			}
			if n := mock.GetTotalCallCount(); n != 2 {
				t.Errorf("%d calls", n)
			}
		})
	}
	if _, err := livevox.NewClient(livevox.Credentials{AccessToken: "a", ClientName: "b", UserName: "c", Password: "d"}, livevox.WithRegion("EU1")); err == nil || !strings.Contains(err.Error(), "EU1") {
		t.Errorf("unknown region: err = %v", err)
	}
	// WithBaseURL wins over WithRegion, whatever the order.
	c, mock, _ := newMocked(t, "https://other.test", livevox.WithRegion(livevox.NA5), livevox.WithBaseURL("https://other.test"))
	mock.RegisterResponder(http.MethodDelete, "https://other.test/configuration/callCenters/9", httpmock.NewStringResponder(204, ""))
	if err := c.DeleteCallCenter(context.Background(), 9); err != nil {
		t.Fatal(err)
	}
}

func TestIteratorShape(t *testing.T) {
	c, mock, rec := newMocked(t, mockBase)
	mock.RegisterResponder(http.MethodGet, mockBase+"/configuration/callCenters?client=4199&count=2&offset=0",
		rec.respond(200, `{"callCenter":[{"callCenterId":1,"name":"a"},{"callCenterId":2,"name":"b"}],"next":"configuration/callCenters?count=2&client=4199&offset=2"}`))
	mock.RegisterResponder(http.MethodGet, mockBase+"/configuration/callCenters?client=4199&count=2&offset=2",
		rec.respond(200, `{"callCenter":[{"callCenterId":3,"name":"c"}]}`))
	var names []string
	for cc, err := range c.ListCallCenters(context.Background(), &livevox.ListCallCentersRequest{ClientID: 4199, Count: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, cc.Name)
	}
	if strings.Join(names, ",") != "a,b,c" {
		t.Errorf("names = %v", names)
	}
	reqs := rec.all()
	if len(reqs) != 3 || reqs[1].Query != "client=4199&count=2&offset=0" || reqs[2].Query != "client=4199&count=2&offset=2" {
		t.Errorf("requests = %+v", reqs)
	}
}

func TestReloginOn401Shape(t *testing.T) {
	c, mock, rec := newMocked(t, mockBase)
	mock.RegisterResponder(http.MethodGet, mockBase+"/configuration/callCenters/1",
		rec.respond(401, `{"errorCode":401,"errorMessage":"Invalid session"}`).
			Then(rec.respond(200, `{"name":"x","open":true}`)))
	cc, err := c.GetCallCenter(context.Background(), 1)
	if err != nil || cc.Name != "x" {
		t.Fatalf("cc=%+v err=%v", cc, err)
	}
	reqs := rec.all()
	var paths []string
	for _, r := range reqs {
		paths = append(paths, r.Method+" "+r.Path)
	}
	want := "POST /session/login,GET /configuration/callCenters/1,POST /session/login,GET /configuration/callCenters/1"
	if strings.Join(paths, ",") != want {
		t.Errorf("requests = %v", paths)
	}
}

func TestLoginRefused(t *testing.T) {
	mock := httpmock.NewMockTransport()
	mock.RegisterResponder(http.MethodPost, mockBase+"/session/login",
		httpmock.NewStringResponder(401, `{"errorCode":401,"errorMessage":"Invalid credentials for pa55word-secret"}`))
	c, err := livevox.NewClient(livevox.Credentials{AccessToken: mockAccess, ClientName: "ACME", UserName: "apiuser", Password: mockPassword},
		livevox.WithBaseURL(mockBase), livevox.WithHTTPClient(&http.Client{Transport: mock}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCallCenter(context.Background(), 1)
	if !errors.Is(err, livevox.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), mockPassword) || strings.Contains(err.Error(), mockAccess) {
		t.Errorf("error leaks a secret: %v", err)
	}
	if n := mock.GetTotalCallCount(); n != 1 {
		t.Errorf("%d calls: a refused login must not be retried", n)
	}
}

func TestInputValidationSendsNothing(t *testing.T) {
	ctx := context.Background()
	c, _, rec := newMocked(t, mockBase)
	type check struct {
		err            error
		subject, field string
		want           string // in the field's message
	}
	var checks []check
	add := func(err error, subject, field, want string) {
		checks = append(checks, check{err, subject, field, want})
	}
	const create, update = "livevox: create call center request", "livevox: update call center request"
	_, err := c.CreateCallCenter(ctx, nil)
	add(err, create, "request", "must not be nil")
	_, err = c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "  "})
	add(err, create, "name", "is required")
	_, err = c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "x", ServiceIDs: []int64{1, 0}})
	add(err, create, "service[1].id", "must be a positive")
	_, err = c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "a\nb"})
	add(err, create, "name", "control characters")
	_, err = c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "x", ClientID: -1})
	add(err, create, "client", "must be a positive")
	add(c.DeleteCallCenter(ctx, 0), "livevox: delete call center request", "id", "must be a positive")
	_, err = c.GetCallCenter(ctx, -1)
	add(err, "livevox: get call center request", "id", "must be a positive")
	_, err = c.GetCallCenterRelated(ctx, 0)
	add(err, "livevox: call center related request", "id", "must be")
	_, err = c.GetCallCenterListInfo(ctx, -3)
	add(err, "livevox: call center list info request", "client", "must be")
	_, err = c.ListCallCentersPage(ctx, &livevox.ListCallCentersRequest{Count: 1001})
	add(err, "livevox: list call centers request", "count", "must be between 1 and 1000")
	_, err = c.ListCallCentersPage(ctx, &livevox.ListCallCentersRequest{Offset: -1})
	add(err, "livevox: list call centers request", "offset", "must not be negative")
	for _, err := range c.ListCallCenters(ctx, &livevox.ListCallCentersRequest{Count: -2}) {
		add(err, "livevox: list call centers request", "count", "must be")
	}
	add(c.UpdateCallCenter(ctx, 1, &livevox.UpdateCallCenterRequest{}), update, "request", "no field to update")
	add(c.UpdateCallCenter(ctx, 1, nil), update, "request", "no field to update")
	add(c.UpdateCallCenter(ctx, 1, &livevox.UpdateCallCenterRequest{Name: new("")}), update, "name", "must not be empty")
	add(c.UpdateCallCenter(ctx, 0, &livevox.UpdateCallCenterRequest{Open: new(true)}), update, "id", "must be a positive")
	add(c.AddCallCenterService(ctx, 1, 0), "livevox: add call center service request", "service", "must be")
	for i, ch := range checks {
		var ve *livevox.ValidationError
		if !errors.As(ch.err, &ve) {
			t.Errorf("check %d: err = %v (%T), want a *livevox.ValidationError", i, ch.err, ch.err)
			continue
		}
		if ve.Subject != ch.subject {
			t.Errorf("check %d: Subject = %q, want %q", i, ve.Subject, ch.subject)
		}
		found := false
		for _, fe := range ve.Errors {
			found = found || (fe.Field == ch.field && strings.Contains(fe.Message, ch.want))
		}
		if !found {
			t.Errorf("check %d: errors %+v, want field %q with %q", i, ve.Errors, ch.field, ch.want)
		}
		if !strings.Contains(ch.err.Error(), ch.field+": ") {
			t.Errorf("check %d: text %q does not name %q", i, ch.err, ch.field)
		}
	}
	if n := len(rec.all()); n != 0 {
		t.Errorf("bad input sent %d requests", n)
	}
}

// TestNewClientChecksArguments: every argument problem is reported by
// NewClient as a *ValidationError naming the field, all at once.
func TestNewClientChecksArguments(t *testing.T) {
	full := livevox.Credentials{AccessToken: "a", ClientName: "c", UserName: "u", Password: "p"}
	for _, tc := range []struct {
		name   string
		creds  livevox.Credentials
		opts   []livevox.Option
		fields []string
	}{
		{"no token", livevox.Credentials{ClientName: "c", UserName: "u", Password: "p"}, nil, []string{"Credentials.AccessToken"}},
		{"no client", livevox.Credentials{AccessToken: "a", UserName: "u", Password: "p"}, nil, []string{"Credentials.ClientName"}},
		{"blank user", livevox.Credentials{AccessToken: "a", ClientName: "c", UserName: " ", Password: "p"}, nil, []string{"Credentials.UserName"}},
		{"no password", livevox.Credentials{AccessToken: "a", ClientName: "c", UserName: "u"}, nil, []string{"Credentials.Password"}},
		{"nothing", livevox.Credentials{}, nil, []string{"Credentials.AccessToken", "Credentials.ClientName", "Credentials.UserName", "Credentials.Password"}},
		{"token with a line break", livevox.Credentials{AccessToken: "a\r\nX-Evil: 1", ClientName: "c", UserName: "u", Password: "p"}, nil, []string{"Credentials.AccessToken"}},
		{"bad base URL", full, []livevox.Option{livevox.WithBaseURL("api.livevox.com")}, []string{"WithBaseURL"}},
		{"ftp base URL", full, []livevox.Option{livevox.WithBaseURL("ftp://api.livevox.com")}, []string{"WithBaseURL"}},
		{"unknown region", full, []livevox.Option{livevox.WithRegion("EU1")}, []string{"WithRegion"}},
		{"bad version", full, []livevox.Option{livevox.WithAPIVersion("v6/x")}, []string{"WithAPIVersion"}},
		{"TLS on a custom transport", full, []livevox.Option{livevox.WithHTTPClient(&http.Client{Transport: httpmock.NewMockTransport()}),
			livevox.WithTLSConfig(&tls.Config{})}, []string{"WithTLSConfig"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := livevox.NewClient(tc.creds, tc.opts...)
			var ve *livevox.ValidationError
			if c != nil || !errors.As(err, &ve) || ve.Subject != "livevox: NewClient arguments" {
				t.Fatalf("NewClient = %v, %v (%T); want a *ValidationError of livevox: NewClient arguments", c, err, err)
			}
			if len(ve.Errors) != len(tc.fields) {
				t.Errorf("errors = %+v, want fields %v", ve.Errors, tc.fields)
			}
			for _, f := range tc.fields {
				if !ve.Has(f) {
					t.Errorf("errors = %+v, want field %q", ve.Errors, f)
				}
			}
			if strings.Contains(err.Error(), "X-Evil") {
				t.Errorf("error shows the token: %v", err)
			}
		})
	}
	if c, err := livevox.NewClient(full, livevox.WithTLSConfig(&tls.Config{MinVersion: tls.VersionTLS12})); err != nil || c == nil {
		t.Errorf("TLS config on the default transport: %v", err)
	}
}

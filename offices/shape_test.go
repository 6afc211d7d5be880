package offices_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/offices"
	"github.com/jarcoal/httpmock"
	"golang.org/x/time/rate"
)

const testKey = "dp-test-key-9f8e7d6c"

// mockClient returns a client whose HTTP goes to an httpmock transport.
func mockClient(t *testing.T, opts ...offices.Option) (*offices.Client, *httpmock.MockTransport) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	opts = append([]offices.Option{
		offices.WithHTTPClient(&http.Client{Transport: mock}),
		offices.WithBaseURL("https://dialpad.test/api/v2"),
		offices.WithRateLimit(rate.Inf, 1),
		offices.WithRetry(2, 1e6, 2e6), // 1ms..2ms
	}, opts...)
	return newClient(t, testKey, opts...), mock
}

// captured is one request as it reached the wire.
type captured struct {
	method, url string
	header      http.Header
	body        []byte
}

// capture registers a responder for method+url that records the request.
func capture(mock *httpmock.MockTransport, method, url string, status int, body string) *[]captured {
	var got []captured
	mock.RegisterResponder(method, url, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		got = append(got, captured{method: r.Method, url: r.URL.String(), header: r.Header.Clone(), body: b})
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return &got
}

// jsonEqual compares two JSON texts by value.
func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad want JSON: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		var gi bytes.Buffer
		json.Indent(&gi, got, "", "  ")
		t.Errorf("body mismatch\n got: %s\nwant: %s", gi.String(), want)
	}
}

// fullRequest sets every field of reference 004.
func fullRequest() *offices.CreateOfficeRequest {
	return &offices.CreateOfficeRequest{
		Name:       "New York",
		Country:    offices.CountryUS,
		Currency:   offices.CurrencyUSD,
		PlanPeriod: offices.PlanYearly,
		BillingAddress: offices.BillingAddress{
			AddressLine1: "1 Main St", AddressLine2: "Suite 2", City: "New York",
			Region: "NY", PostalCode: "10001", Country: offices.CountryUS,
		},
		UnifiedBilling:             new(true),
		Invoiced:                   new(false),
		AnnualCommitMonthlyBilling: new(true),
		BillingContact:             &offices.BillingContact{Email: "billing@example.com", Name: "Ann Billing", Phone: "+12125550100"},
		E911Address: &offices.E911Address{
			Address: "1 Main St", Address2: "Floor 3", City: "New York", State: "NY", Zip: "10001", Country: offices.CountryUS,
		},
		UseSameAddress:       new(false),
		GroupDescription:     "East coast office",
		MainlineNumber:       "+12125550199",
		Timezone:             "America/New_York",
		InternationalEnabled: new(true),
		AutoCallRecording:    new(false),
		HoursOn:              new(true),
		MondayHours:          offices.Hours{{"08:00", "12:00"}, {"14:00", "18:00"}},
		TuesdayHours:         offices.Hours{{"08:00", "18:00"}},
		WednesdayHours:       offices.Hours{{"09:00", "17:00"}},
		ThursdayHours:        offices.Hours{{"08:00", "18:00"}},
		FridayHours:          offices.Hours{{"08:00", "16:00"}},
		SaturdayHours:        offices.ClosedAllDay(),
		SundayHours:          offices.ClosedAllDay(),
		RingSeconds:          new(30),
		FirstAction:          offices.FirstActionMenu,
		NoOperatorsAction:    offices.ActionVoicemail,
		RoutingOptions: &offices.RoutingOptions{
			Open: offices.RoutingOption{
				Action: offices.ActionOperator, TryDialOperators: new(true), OperatorRouting: offices.RoutingLongestIdle,
				ActionTargetType: offices.TargetCallCenter, ActionTargetID: 5629499534213120,
				DTMF: []offices.DTMF{
					{Input: "1", Options: &offices.DTMFOptions{Action: offices.ActionDepartment, ActionTargetType: offices.TargetDepartment, ActionTargetID: 42}},
					{Input: "0", Options: &offices.DTMFOptions{Action: offices.ActionOperator}},
				},
			},
			Closed: offices.RoutingOption{Action: offices.ActionVoicemail, TryDialOperators: new(false)},
		},
		VoiceIntelligence: &offices.VoiceIntelligence{AutoStart: new(false), AllowPause: new(true)},
	}
}

const fullBody = `{
  "name": "New York", "country": "US", "currency": "USD", "plan_period": "yearly",
  "billing_address": {"address_line_1": "1 Main St", "address_line_2": "Suite 2", "city": "New York",
    "region": "NY", "postal_code": "10001", "country": "US"},
  "unified_billing": true, "invoiced": false, "annual_commit_monthly_billing": true,
  "billing_contact": {"email": "billing@example.com", "name": "Ann Billing", "phone": "+12125550100"},
  "e911_address": {"address": "1 Main St", "address2": "Floor 3", "city": "New York", "state": "NY", "zip": "10001", "country": "US"},
  "use_same_address": false, "group_description": "East coast office", "mainline_number": "+12125550199",
  "timezone": "America/New_York", "international_enabled": true, "auto_call_recording": false, "hours_on": true,
  "monday_hours": ["08:00", "12:00", "14:00", "18:00"], "tuesday_hours": ["08:00", "18:00"],
  "wednesday_hours": ["09:00", "17:00"], "thursday_hours": ["08:00", "18:00"], "friday_hours": ["08:00", "16:00"],
  "saturday_hours": [], "sunday_hours": [],
  "ring_seconds": 30, "first_action": "menu", "no_operators_action": "voicemail",
  "routing_options": {
    "open": {"action": "operator", "try_dial_operators": true, "operator_routing": "longestidle",
      "action_target_type": "callcenter", "action_target_id": 5629499534213120,
      "dtmf": [
        {"input": "1", "options": {"action": "department", "action_target_type": "department", "action_target_id": 42}},
        {"input": "0", "options": {"action": "operator"}}]},
    "closed": {"action": "voicemail", "try_dial_operators": false}},
  "voice_intelligence": {"auto_start": false, "allow_pause": true}
}`

const createdBody = `{"office": {"id": "5629499534213121", "office_id": "5629499534213121", "name": "New York",
  "country": "US", "state": "active", "availability_status": "open", "ring_seconds": 30,
  "monday_hours": ["08:00", "12:00", "14:00", "18:00"], "saturday_hours": [],
  "phone_numbers": ["+12125550199"], "office_settings": {"disable_ivr_voicemail": true}},
  "plan": {"talk_lines": "3", "balance": "10.50", "next_billing_date": "1893456000000"}}`

func TestCreateRequestShapeEveryField(t *testing.T) {
	c, mock := mockClient(t)
	got := capture(mock, http.MethodPost, "https://dialpad.test/api/v2/offices", 200, createdBody)
	office, err := c.Create(context.Background(), fullRequest())
	if err != nil {
		t.Fatal(err)
	}
	if len(*got) != 1 {
		t.Fatalf("%d requests, want 1", len(*got))
	}
	r := (*got)[0]
	if r.method != http.MethodPost || r.url != "https://dialpad.test/api/v2/offices" {
		t.Errorf("request %s %s", r.method, r.url)
	}
	for k, want := range map[string]string{
		"Authorization": "Bearer " + testKey,
		"Content-Type":  "application/json",
		"Accept":        "application/json",
		"User-Agent":    offices.DefaultUserAgent,
	} {
		if v := r.header.Get(k); v != want {
			t.Errorf("header %s = %q, want %q", k, v, want)
		}
	}
	jsonEqual(t, r.body, fullBody)

	if office.ID != 5629499534213121 || office.OfficeID != office.ID || office.Name != "New York" || office.Country != offices.CountryUS {
		t.Errorf("office = %+v", office)
	}
	if office.State != offices.StateActive || office.AvailabilityStatus != offices.StatusOpen || office.RingSeconds != 30 {
		t.Errorf("office state/status/ring = %q/%q/%d", office.State, office.AvailabilityStatus, office.RingSeconds)
	}
	if !reflect.DeepEqual(office.MondayHours, offices.Hours{{"08:00", "12:00"}, {"14:00", "18:00"}}) {
		t.Errorf("monday hours = %v", office.MondayHours)
	}
	if office.SaturdayHours == nil || len(office.SaturdayHours) != 0 || office.SundayHours != nil {
		t.Errorf("saturday = %#v (want empty, non-nil), sunday = %#v (want nil)", office.SaturdayHours, office.SundayHours)
	}
	if office.OfficeSettings == nil || !office.OfficeSettings.DisableIVRVoicemail {
		t.Errorf("office settings = %+v", office.OfficeSettings)
	}
	if p := office.Plan; p == nil || p.TalkLines != 3 || p.Balance != "10.50" || p.NextBillingDate != 1893456000000 {
		t.Errorf("plan = %+v", office.Plan)
	}
}

// Unset optional fields stay out of the JSON; ClosedAllDay is sent as [].
func TestCreateRequestShapeMinimal(t *testing.T) {
	c, mock := mockClient(t)
	got := capture(mock, http.MethodPost, "https://dialpad.test/api/v2/offices", 200, `{"id": 7, "name": "Lisbon"}`)
	req := validRequest("Lisbon")
	req.SundayHours = offices.ClosedAllDay()
	office, err := c.Create(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, (*got)[0].body, `{"name": "Lisbon", "country": "PT", "currency": "EUR", "plan_period": "monthly",
		"billing_address": {"address_line_1": "Rua Augusta 1", "city": "Lisboa", "region": "Lisboa",
		  "postal_code": "1100-048", "country": "PT"},
		"unified_billing": true, "invoiced": false, "annual_commit_monthly_billing": false,
		"sunday_hours": []}`)
	// A bare office (no {"office": ...} envelope) is read too.
	if office.ID != 7 || office.Name != "Lisbon" || office.Plan != nil {
		t.Errorf("office = %+v", office)
	}
}

func TestCreateInvalidSendsNothing(t *testing.T) {
	c, mock := mockClient(t)
	req := validRequest("Lisbon")
	req.RingSeconds = new(5)
	_, err := c.Create(context.Background(), req)
	var ve *offices.ValidationError
	if !errors.As(err, &ve) || !ve.Has("ring_seconds") {
		t.Fatalf("err = %v, want a ValidationError for ring_seconds", err)
	}
	if n := mock.GetTotalCallCount(); n != 0 {
		t.Errorf("%d requests sent, want 0", n)
	}
}

func TestBaseURLs(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []offices.Option
		want string
	}{
		{"default", nil, "https://dialpad.com/api/v2/offices/12"},
		{"sandbox", []offices.Option{offices.WithSandbox()}, "https://sandbox.dialpad.com/api/v2/offices/12"},
		{"custom", []offices.Option{offices.WithBaseURL("https://proxy.example/dp/api/v2/")}, "https://proxy.example/dp/api/v2/offices/12"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mock := httpmock.NewMockTransport()
			got := capture(mock, http.MethodGet, tc.want, 200, `{"id": "12"}`)
			opts := append([]offices.Option{offices.WithHTTPClient(&http.Client{Transport: mock})}, tc.opts...)
			c := newClient(t, testKey, opts...)
			o, err := c.Get(context.Background(), 12)
			if err != nil {
				t.Fatal(err)
			}
			if len(*got) != 1 || o.ID != 12 {
				t.Errorf("calls %d, office %+v", len(*got), o)
			}
		})
	}
}

func TestGetShape(t *testing.T) {
	c, mock := mockClient(t)
	got := capture(mock, http.MethodGet, "https://dialpad.test/api/v2/offices/5629499534213121", 200,
		`{"id": "5629499534213121", "name": "NY", "is_primary_office": true, "timezone": "America/New_York",
		  "e911_address": {"address": "1 Main St", "city": "New York", "state": "NY", "zip": "10001", "country": "US"},
		  "routing_options": {"open": {"action": "menu", "try_dial_operators": true, "dtmf": [{"input": "2", "options": {"action": "person", "action_target_id": "77"}}]},
		    "closed": {"action": "voicemail", "try_dial_operators": false}}}`)
	o, err := c.Get(context.Background(), 5629499534213121)
	if err != nil {
		t.Fatal(err)
	}
	r := (*got)[0]
	if r.method != http.MethodGet || len(r.body) != 0 || r.header.Get("Authorization") != "Bearer "+testKey || r.header.Get("Content-Type") != "" {
		t.Errorf("request %s body=%q headers=%v", r.method, r.body, r.header)
	}
	if !o.IsPrimaryOffice || o.Timezone != "America/New_York" || o.E911Address == nil || o.E911Address.Zip != "10001" {
		t.Errorf("office = %+v", o)
	}
	ro := o.RoutingOptions
	if ro == nil || ro.Open.Action != offices.ActionMenu || len(ro.Open.DTMF) != 1 || ro.Open.DTMF[0].Options.ActionTargetID != 77 ||
		ro.Closed.TryDialOperators == nil || *ro.Closed.TryDialOperators {
		t.Errorf("routing options = %+v", ro)
	}
}

func TestGetBadID(t *testing.T) {
	c, mock := mockClient(t)
	if _, err := c.Get(context.Background(), 0); err == nil || !strings.Contains(err.Error(), "id") {
		t.Errorf("err = %v", err)
	}
	if mock.GetTotalCallCount() != 0 {
		t.Error("a request was sent")
	}
}

func TestListPageShape(t *testing.T) {
	c, mock := mockClient(t)
	got := capture(mock, http.MethodGet, "https://dialpad.test/api/v2/offices", 200,
		`{"items": [{"id": "1", "name": "A"}, {"id": 2, "name": "B"}], "cursor": "next=="}`)
	p, err := c.ListOfficesPage(context.Background(), &offices.ListOptions{ActiveOnly: true, Cursor: "abc/+=", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if u := (*got)[0].url; u != "https://dialpad.test/api/v2/offices?active_only=true&cursor=abc%2F%2B%3D&limit=5" {
		t.Errorf("url = %s", u)
	}
	if len(p.Items) != 2 || p.Items[0].ID != 1 || p.Items[1].Name != "B" || p.Cursor != "next==" {
		t.Errorf("page = %+v", p)
	}
	// No options: no query at all.
	if _, err := c.ListOfficesPage(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if u := (*got)[1].url; u != "https://dialpad.test/api/v2/offices" {
		t.Errorf("url = %s", u)
	}
}

func TestListIteratesPages(t *testing.T) {
	c, mock := mockClient(t)
	var cursors []string
	mock.RegisterResponder(http.MethodGet, "https://dialpad.test/api/v2/offices", func(r *http.Request) (*http.Response, error) {
		cur := r.URL.Query().Get("cursor")
		cursors = append(cursors, cur)
		body := map[string]string{
			"":   `{"items": [{"id": "1"}, {"id": "2"}], "cursor": "p2"}`,
			"p2": `{"items": [{"id": "3"}], "cursor": "p3"}`,
			"p3": `{"items": [{"id": "4"}]}`,
		}[cur]
		return httpmock.NewStringResponse(200, body), nil
	})
	var ids []offices.ID
	for o, err := range c.ListOffices(context.Background(), &offices.ListOptions{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	if !reflect.DeepEqual(ids, []offices.ID{1, 2, 3, 4}) || !reflect.DeepEqual(cursors, []string{"", "p2", "p3"}) {
		t.Errorf("ids %v cursors %q", ids, cursors)
	}
	// Breaking out early fetches no further page.
	cursors = nil
	for range c.ListOffices(context.Background(), nil) {
		break
	}
	if len(cursors) != 1 {
		t.Errorf("pages fetched after break: %q", cursors)
	}
}

func TestListStopsOnRepeatedCursor(t *testing.T) {
	c, mock := mockClient(t)
	mock.RegisterResponder(http.MethodGet, "https://dialpad.test/api/v2/offices",
		httpmock.NewStringResponder(200, `{"items": [{"id": "1"}], "cursor": "same"}`))
	n, errs := 0, 0
	for _, err := range c.ListOffices(context.Background(), nil) {
		if err != nil {
			errs++
			continue
		}
		n++
	}
	if errs != 1 || n != 2 || mock.GetTotalCallCount() != 2 {
		t.Errorf("offices %d, errors %d, calls %d", n, errs, mock.GetTotalCallCount())
	}
}

func TestErrorDecoding(t *testing.T) {
	for _, tc := range []struct {
		name, body, msg, code string
		status                int
		is                    error
	}{
		{"dialpad", `{"error": {"message": "Invalid country."}}`, "Invalid country.", "", 400, nil},
		{"with reason", `{"error": {"code": 404, "message": "Office not found.", "errors": [{"reason": "notFound", "message": "x"}]}}`, "Office not found.", "notFound", 404, offices.ErrNotFound},
		{"plain string", `{"error": "nope"}`, "nope", "", 403, offices.ErrUnauthorized},
		{"not json", `<html>bad gateway</html>`, "", "", 418, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mock := mockClient(t)
			mock.RegisterResponder(http.MethodGet, "https://dialpad.test/api/v2/offices/9", httpmock.NewStringResponder(tc.status, tc.body))
			_, err := c.Get(context.Background(), 9)
			var e *offices.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v (%T), want *offices.Error", err, err)
			}
			if e.StatusCode != tc.status || e.Message != tc.msg || e.Code != tc.code || e.Method != "GET" || e.Path != "/api/v2/offices/9" {
				t.Errorf("error = %+v", e)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tc.is)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Errorf("error leaks the API key: %v", err)
			}
		})
	}
}

func TestCreateUnreadableAnswer(t *testing.T) {
	c, mock := mockClient(t)
	mock.RegisterResponder(http.MethodPost, "https://dialpad.test/api/v2/offices", httpmock.NewStringResponder(200, `{"office": "???"}`))
	_, err := c.Create(context.Background(), validRequest("X"))
	if err == nil || !strings.Contains(err.Error(), "was created") {
		t.Errorf("err = %v", err)
	}
}

// A 5xx answer to a create is not retried and says the outcome is unknown;
// the same answer to a GET is retried.
func TestServerErrorRetryRules(t *testing.T) {
	c, mock := mockClient(t)
	mock.RegisterResponder(http.MethodPost, "https://dialpad.test/api/v2/offices", httpmock.NewStringResponder(502, `{"error": {"message": "bad gateway"}}`))
	_, err := c.Create(context.Background(), validRequest("X"))
	if !errors.Is(err, offices.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "not retried") {
		t.Errorf("create err = %v, want outcome unknown", err)
	}
	if n := mock.GetTotalCallCount(); n != 1 {
		t.Errorf("create sent %d times, want 1", n)
	}
	mock.RegisterResponder(http.MethodGet, "https://dialpad.test/api/v2/offices/3", httpmock.NewStringResponder(502, `{"error": {"message": "bad gateway"}}`))
	_, err = c.Get(context.Background(), 3)
	if errors.Is(err, offices.ErrOutcomeUnknown) {
		t.Errorf("get err = %v, must not be outcome unknown", err)
	}
	if n := mock.GetCallCountInfo()["GET https://dialpad.test/api/v2/offices/3"]; n != 3 {
		t.Errorf("get sent %d times, want 3 (1 + 2 retries)", n)
	}
}

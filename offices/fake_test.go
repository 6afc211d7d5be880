package offices_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/offices/officestest"
	"golang.org/x/time/rate"
)

// fakeClient starts a fake and a client for it with fast retries.
func fakeClient(t *testing.T, srvOpts []officestest.Option, opts ...offices.Option) (*offices.Client, *officestest.Server) {
	t.Helper()
	srv := officestest.NewServer(srvOpts...)
	t.Cleanup(srv.Close)
	opts = append([]offices.Option{
		offices.WithBaseURL(srv.URL),
		offices.WithRateLimit(rate.Inf, 1),
		offices.WithRetry(3, time.Millisecond, 5*time.Millisecond),
	}, opts...)
	return newClient(t, srv.APIKey(), opts...), srv
}

func TestFakeCreateGetList(t *testing.T) {
	c, srv := fakeClient(t, []officestest.Option{officestest.WithPageSize(2)})
	ctx := context.Background()
	full, err := c.Create(ctx, fullRequest())
	if err != nil {
		t.Fatal(err)
	}
	if full.ID == 0 || full.Name != "New York" || full.Plan == nil || full.RingSeconds != 30 ||
		full.RoutingOptions == nil || full.RoutingOptions.Open.DTMF[0].Options.ActionTargetID != 42 {
		t.Errorf("created = %+v", full)
	}
	// The fake stored exactly what reference 004 names.
	var sent map[string]any
	json.Unmarshal(srv.Offices()[0].Request, &sent)
	if len(sent) != 29 {
		t.Errorf("request had %d top-level fields, want all 29", len(sent))
	}
	var ids []offices.ID
	for i := range 4 {
		o, err := c.Create(ctx, validRequest(fmt.Sprintf("Office %d", i)))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	got, err := c.Get(ctx, ids[2])
	if err != nil {
		t.Fatal(err)
	}
	// Server defaults apply to what was left out.
	if got.Name != "Office 2" || got.Country != offices.CountryPT || got.Plan != nil ||
		len(got.MondayHours) != 1 || got.MondayHours[0] != (offices.Span{"08:00", "18:00"}) || got.MondayHours[0].Closes() != "18:00" ||
		got.SundayHours == nil || len(got.SundayHours) != 0 {
		t.Errorf("get = %+v", got)
	}
	var names []string
	for o, err := range c.ListOffices(ctx, &offices.ListOptions{ActiveOnly: true}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, o.Name)
	}
	if strings.Join(names, ",") != "New York,Office 0,Office 1,Office 2,Office 3" {
		t.Errorf("list = %q", names)
	}
	if st := srv.Stats(); st.Created != 5 || st.Requests != 5+1+3 || st.RateLimited != 0 {
		t.Errorf("stats = %+v", st)
	}
	if _, err := c.Get(ctx, 1); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("get unknown: %v", err)
	}
}

func TestFakeWrongKey(t *testing.T) {
	srv := officestest.NewServer()
	defer srv.Close()
	var logs bytes.Buffer
	key := "wrong-key-1234567"
	c := newClient(t, key, offices.WithBaseURL(srv.URL),
		offices.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	_, err := c.Create(context.Background(), validRequest("X"))
	if !errors.Is(err, offices.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	var e *offices.Error
	if !errors.As(err, &e) || e.Message != "Invalid or missing API key." {
		t.Errorf("error = %+v", e)
	}
	if strings.Contains(err.Error(), key) || strings.Contains(logs.String(), key) || logs.Len() == 0 {
		t.Errorf("key leaked or nothing logged:\nerr: %v\nlogs: %s", err, logs.String())
	}
	if st := srv.Stats(); st.Unauthorized != 1 || st.Created != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestConstructionErrors(t *testing.T) {
	ctx := context.Background()
	if c, err := offices.NewClient(""); !errors.Is(err, offices.ErrNoAPIKey) || c != nil {
		t.Errorf("empty key: %v, %v", c, err)
	}
	// Every argument problem is reported by NewClient, before any call.
	c, err := offices.NewClient("key-123456", offices.WithBaseURL("not a url"))
	var ve *offices.ValidationError
	if !errors.As(err, &ve) || !ve.Has("WithBaseURL") || c != nil {
		t.Errorf("bad base URL: %v, %v", c, err)
	}
	if err.Error() != `offices: invalid NewClient arguments: WithBaseURL: "not a url" is not an http or https URL with a host, such as https://dialpad.com/api/v2` {
		t.Errorf("bad base URL: %q", err)
	}
	// An empty key is one of the problems, reported with the others.
	c, err = offices.NewClient("", offices.WithBaseURL("not a url"))
	if !errors.Is(err, offices.ErrNoAPIKey) || !errors.As(err, &ve) || !ve.Has("apiKey") || !ve.Has("WithBaseURL") || c != nil ||
		!strings.HasPrefix(err.Error(), "offices: invalid NewClient arguments: apiKey: is required; WithBaseURL: ") {
		t.Errorf("empty key and bad base URL: %v, %v", c, err)
	}
	// A client not made by NewClient fails every call.
	var zero offices.Client
	if _, err := zero.Get(ctx, 1); err == nil {
		t.Error("Get worked on a zero Client")
	}
	if _, err := zero.ListOfficesPage(ctx, nil); err == nil {
		t.Error("ListOfficesPage worked on a zero Client")
	}
	n := 0
	for _, err := range zero.ListOffices(ctx, nil) {
		n++
		if err == nil {
			t.Error("ListOffices worked on a zero Client")
		}
	}
	if n != 1 {
		t.Errorf("ListOffices on a zero Client yielded %d times, want 1", n)
	}
}

// A 429 is retried (with or without Retry-After) and the office is created
// once.
func TestFake429Retried(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		opts []officestest.Option
	}{
		{"backoff", 2, nil},
		{"retry-after", 1, []officestest.Option{officestest.WithRetryAfter(time.Second)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := fakeClient(t, tc.opts)
			srv.FailNext(tc.n, http.StatusTooManyRequests)
			o, err := c.Create(context.Background(), validRequest("X"))
			if err != nil {
				t.Fatal(err)
			}
			st := srv.Stats()
			if srv.FaultStats().RateLimited != tc.n || st.Created != 1 || st.Requests != tc.n+1 || len(srv.Offices()) != 1 || o.ID != offices.ID(srv.Offices()[0].ID) {
				t.Errorf("stats = %+v", st)
			}
		})
	}
}

func TestFake429Exhausted(t *testing.T) {
	c, srv := fakeClient(t, nil, offices.WithRetry(1, time.Millisecond, time.Millisecond))
	srv.FailNext(5, http.StatusTooManyRequests)
	_, err := c.Create(context.Background(), validRequest("X"))
	if !errors.Is(err, offices.ErrRateLimited) || errors.Is(err, offices.ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	if st := srv.Stats(); st.Requests != 2 || st.Created != 0 {
		t.Errorf("stats = %+v", st)
	}
}

// The fake's own window answers 429 past N; the client retries after it.
func TestFakeWindowThenRetry(t *testing.T) {
	c, srv := fakeClient(t, []officestest.Option{officestest.WithWindow(2, 300*time.Millisecond)},
		offices.WithRetry(10, 100*time.Millisecond, 200*time.Millisecond))
	for i := range 3 {
		if _, err := c.Create(context.Background(), validRequest(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	if st := srv.Stats(); st.Created != 3 || st.RateLimited < 1 || st.PeakInWindow != 2 {
		t.Errorf("stats = %+v", st)
	}
}

// A create whose connection drops after the server acted is not retried:
// one office exists and the error says the outcome is unknown.
func TestFakeDropNotRetried(t *testing.T) {
	c, srv := fakeClient(t, nil)
	srv.Inject(fault.Fault{Drop: true, AfterHandling: true}) // created, then the answer is lost
	_, err := c.Create(context.Background(), validRequest("X"))
	if !errors.Is(err, offices.ErrOutcomeUnknown) || !strings.Contains(err.Error(), "outcome unknown") {
		t.Fatalf("err = %v", err)
	}
	if st := srv.Stats(); st.Requests != 1 || srv.FaultStats().Dropped != 1 || st.Created != 1 {
		t.Errorf("stats = %+v", st)
	}
	// A GET that loses its connection is simply retried.
	srv.DropNext(1)
	if _, err := c.Get(context.Background(), offices.ID(srv.Offices()[0].ID)); err != nil {
		t.Errorf("get after drop: %v", err)
	}
}

func TestFake5xx(t *testing.T) {
	c, srv := fakeClient(t, nil)
	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err := c.Create(context.Background(), validRequest("X"))
	var e *offices.Error
	if !errors.Is(err, offices.ErrOutcomeUnknown) || !errors.As(err, &e) || e.StatusCode != 503 || !strings.Contains(e.Message, "injected") {
		t.Fatalf("err = %v", err)
	}
	if st := srv.Stats(); st.Requests != 1 || st.Created != 0 {
		t.Errorf("stats = %+v", st)
	}
	o, err := c.Create(context.Background(), validRequest("Y"))
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(2, http.StatusBadGateway)
	if got, err := c.Get(context.Background(), o.ID); err != nil || got.Name != "Y" {
		t.Errorf("get after 2x502: %v, %v", got, err)
	}
}

func TestFakeLatencyAndContext(t *testing.T) {
	c, srv := fakeClient(t, nil)
	srv.SetLatency(5 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Create(ctx, validRequest("X"))
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, offices.ErrOutcomeUnknown) {
		t.Errorf("err = %v", err)
	}
	srv.SetLatency(0)
	if _, err := c.Create(context.Background(), validRequest("Y")); err != nil {
		t.Error(err)
	}
}

// The default limiter is burst 1 at 1200 per 60.6 s.
func TestDefaultLimit(t *testing.T) {
	limit, burst := offices.WindowLimit(offices.RateLimitRequests, offices.RateLimitWindow, offices.DefaultRateGuard)
	if burst != 1 || limit != rate.Every(50500*time.Microsecond) {
		t.Errorf("limit %v burst %d", limit, burst)
	}
	if l, b := offices.WindowLimit(0, time.Second, 0); l != 0 || b != 0 {
		t.Errorf("n=0: %v %d", l, b)
	}
	if l, _ := offices.WindowLimit(100, time.Second, -time.Second); l != rate.Every(10*time.Millisecond) {
		t.Errorf("negative guard: %v", l)
	}
}

func TestZeroClient(t *testing.T) {
	var c offices.Client
	if _, err := c.Get(context.Background(), 1); err == nil {
		t.Error("zero Client worked")
	}
	var nilClient *offices.Client
	if _, err := nilClient.Create(context.Background(), validRequest("X")); err == nil {
		t.Error("nil Client worked")
	}
}

// fakeOffice creates an office in a fake and returns its id.
func fakeOffice(t *testing.T, c *offices.Client, name string) offices.ID {
	t.Helper()
	o, err := c.Create(context.Background(), validRequest(name))
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

func TestFakeE911(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	id := fakeOffice(t, c, "Lisbon")
	if a, err := c.GetE911Address(ctx, id); err != nil || *a != (offices.E911Address{}) {
		t.Errorf("before: %+v, %v", a, err)
	}
	req := &offices.UpdateE911Request{Address: "Rua Augusta 1", City: "Lisboa", State: "Lisboa", Zip: "1100-048", Country: offices.CountryPT, UpdateAll: new(true)}
	a, err := c.UpdateE911Address(ctx, id, req)
	want := offices.E911Address{Address: "Rua Augusta 1", City: "Lisboa", State: "Lisboa", Zip: "1100-048", Country: offices.CountryPT}
	if err != nil || *a != want {
		t.Fatalf("update: %+v, %v", a, err)
	}
	if a, err := c.GetE911Address(ctx, id); err != nil || *a != want {
		t.Errorf("after: %+v, %v", a, err)
	}
	if o, err := c.Get(ctx, id); err != nil || o.E911Address == nil || *o.E911Address != want {
		t.Errorf("office after: %+v, %v", o, err)
	}
	if _, err := c.GetE911Address(ctx, id+1000); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("unknown office: %v", err)
	}
	if _, err := c.UpdateE911Address(ctx, id+1000, req); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("unknown office: %v", err)
	}
	if st := srv.Stats(); st.Requests != 7 {
		t.Errorf("requests = %d, want 7", st.Requests)
	}
}

func TestFakeOperators(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	id := fakeOffice(t, c, "Lisbon")
	ann := srv.AddUser(int64(id), "Ann")
	lobby := srv.AddRoom(int64(id), "Lobby")
	if ann == 0 || lobby == 0 || srv.AddUser(1, "nobody") != 0 {
		t.Fatalf("AddUser/AddRoom: %d %d", ann, lobby)
	}
	u, err := c.AddOperator(ctx, id, &offices.AddOperatorRequest{OperatorID: offices.ID(ann), OperatorType: offices.OperatorUser, Role: offices.RoleAdmin})
	if err != nil || u.ID != offices.ID(ann) || u.Name != "Ann" || !u.IsOnDuty || u.OfficeID != id || u.Country != "PT" {
		t.Fatalf("add user: %+v, %v", u, err)
	}
	if _, err := c.AddOperator(ctx, id, &offices.AddOperatorRequest{OperatorID: offices.ID(lobby), OperatorType: offices.OperatorRoom}); err != nil {
		t.Fatal(err)
	}
	// Adding again changes only the role.
	if _, err := c.AddOperator(ctx, id, &offices.AddOperatorRequest{OperatorID: offices.ID(ann), OperatorType: offices.OperatorUser}); err != nil {
		t.Fatal(err)
	}
	want := []officestest.Operator{{Type: "user", ID: ann, Role: "operator"}, {Type: "room", ID: lobby, Role: "operator"}}
	if got := srv.Operators(int64(id)); !reflect.DeepEqual(got, want) {
		t.Errorf("fake operators %+v, want %+v", got, want)
	}
	var names []string
	for op, err := range c.ListOperators(ctx, id) {
		if err != nil {
			t.Fatal(err)
		}
		switch op.Type {
		case offices.OperatorUser:
			names = append(names, "user:"+op.User.DisplayName+":"+string(op.User.GroupDetails[0].Role))
		case offices.OperatorRoom:
			names = append(names, "room:"+op.Room.Name)
		}
	}
	if !reflect.DeepEqual(names, []string{"user:Ann:operator", "room:Lobby"}) {
		t.Errorf("listed %q", names)
	}
	// A user or room the fake does not know, and one of the wrong type.
	if _, err := c.AddOperator(ctx, id, &offices.AddOperatorRequest{OperatorID: offices.ID(lobby), OperatorType: offices.OperatorUser}); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("room as user: %v", err)
	}
	r, err := c.RemoveOperator(ctx, id, &offices.RemoveOperatorRequest{OperatorID: offices.ID(lobby), OperatorType: offices.OperatorRoom})
	if err != nil || r.ID != offices.ID(lobby) || r.IsOnDuty {
		t.Errorf("remove: %+v, %v", r, err)
	}
	if _, err := c.RemoveOperator(ctx, id, &offices.RemoveOperatorRequest{OperatorID: offices.ID(lobby), OperatorType: offices.OperatorRoom}); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("remove twice: %v", err)
	}
	ops, err := c.GetOperators(ctx, id)
	if err != nil || len(ops.Users) != 1 || len(ops.Rooms) != 0 || ops.Users[0].ID != offices.ID(ann) {
		t.Errorf("after remove: %+v, %v", ops, err)
	}
	if _, err := c.GetOperators(ctx, id+1000); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("unknown office: %v", err)
	}
}

func TestFakePlanLicensesOffDuty(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	created, err := c.Create(ctx, validRequest("Lisbon"))
	if err != nil {
		t.Fatal(err)
	}
	id := created.ID
	p, err := c.GetPlan(ctx, id)
	if err != nil || !reflect.DeepEqual(p, created.Plan) || p.Balance != "0.00" || p.NextBillingDate == 0 {
		t.Errorf("plan %+v (created with %+v), %v", p, created.Plan, err)
	}
	l, err := c.GetAvailableLicenses(ctx, id)
	if err != nil || l.TalkLines != 4 || l.RoomLines != 5 || l.FaxLines != 1 {
		t.Errorf("licenses %+v, %v", l, err)
	}
	s, err := c.GetOffDutyStatuses(ctx, id)
	if err != nil || s.ID != id || len(s.OffDutyStatuses) != 0 {
		t.Errorf("off duty before: %+v, %v", s, err)
	}
	if !srv.SetOffDutyStatuses(int64(id), "Lunch Time", "Off Duty") || srv.SetOffDutyStatuses(1, "x") {
		t.Fatal("SetOffDutyStatuses")
	}
	s, err = c.GetOffDutyStatuses(ctx, id)
	if err != nil || !reflect.DeepEqual(s.OffDutyStatuses, []string{"Lunch Time", "Off Duty"}) {
		t.Errorf("off duty after: %+v, %v", s, err)
	}
	for name, call := range map[string]func() error{
		"plan":     func() error { _, err := c.GetPlan(ctx, id+1000); return err },
		"licenses": func() error { _, err := c.GetAvailableLicenses(ctx, id+1000); return err },
		"off duty": func() error { _, err := c.GetOffDutyStatuses(ctx, id+1000); return err },
	} {
		if err := call(); !errors.Is(err, offices.ErrNotFound) {
			t.Errorf("%s of an unknown office: %v", name, err)
		}
	}
}

// The office's call centers, departments and coaching teams come in
// cursor pages; the iterators walk them all.
func TestFakeGroupsPaged(t *testing.T) {
	c, srv := fakeClient(t, []officestest.Option{officestest.WithPageSize(2)})
	ctx := context.Background()
	id := fakeOffice(t, c, "Lisbon")
	other := fakeOffice(t, c, "Porto")
	var wantCC, wantDept, wantTeams []offices.ID
	for i := range 5 {
		wantCC = append(wantCC, offices.ID(srv.AddCallCenter(int64(id), fmt.Sprintf("cc %d", i))))
		if i < 3 {
			wantDept = append(wantDept, offices.ID(srv.AddDepartment(int64(id), fmt.Sprintf("dept %d", i))))
		}
		if i < 2 {
			wantTeams = append(wantTeams, offices.ID(srv.AddCoachingTeam(int64(id), fmt.Sprintf("team %d", i))))
		}
	}
	srv.AddCallCenter(int64(other), "elsewhere")
	before := srv.Stats().Requests
	var cc []offices.ID
	for x, err := range c.ListCallCenters(ctx, id) {
		if err != nil {
			t.Fatal(err)
		}
		if x.OfficeID != id || x.State != offices.StateActive || x.HoldQueue == nil || x.HoldQueue.MaxHoldCount != 50 || x.Alerts == nil {
			t.Errorf("call center %+v", x)
		}
		cc = append(cc, x.ID)
	}
	if !slices.Equal(cc, wantCC) || srv.Stats().Requests-before != 3 {
		t.Errorf("call centers %v, want %v, in %d requests (want 3)", cc, wantCC, srv.Stats().Requests-before)
	}
	var dept []offices.ID
	for x, err := range c.ListDepartments(ctx, id) {
		if err != nil {
			t.Fatal(err)
		}
		if x.Name == "" || x.HoldQueue == nil || x.HoldQueue.MaxHoldSeconds != 900 {
			t.Errorf("department %+v", x)
		}
		dept = append(dept, x.ID)
	}
	var teams []offices.ID
	for x, err := range c.ListCoachingTeams(ctx, id) {
		if err != nil {
			t.Fatal(err)
		}
		if !x.AllowTraineeEavesdrop || x.CompanyID == 0 {
			t.Errorf("team %+v", x)
		}
		teams = append(teams, x.ID)
	}
	if !slices.Equal(dept, wantDept) || !slices.Equal(teams, wantTeams) {
		t.Errorf("departments %v (want %v), teams %v (want %v)", dept, wantDept, teams, wantTeams)
	}
	p, err := c.ListCallCentersPage(ctx, id, "")
	if err != nil || len(p.Items) != 2 || p.Cursor == "" {
		t.Fatalf("first page %+v, %v", p, err)
	}
	if _, err := c.ListCallCentersPage(ctx, id, "not-a-cursor"); err == nil {
		t.Error("a bad cursor was accepted")
	}
	n := 0
	for _, err := range c.ListDepartments(ctx, id+1000) {
		n++
		if !errors.Is(err, offices.ErrNotFound) {
			t.Errorf("unknown office: %v", err)
		}
	}
	if n != 1 {
		t.Errorf("unknown office yielded %d times", n)
	}
}

func TestFakeNumbers(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	id := fakeOffice(t, c, "Lisbon")
	srv.ReserveNumbers("+351210000001")
	// No number, no area code: from the reserved pool, primary by default.
	n, err := c.AssignNumber(ctx, id, &offices.AssignNumberRequest{})
	if err != nil || n.Number != "+351210000001" || n.OfficeID != id || n.Status != offices.NumberOffice || n.TargetType != offices.GroupOffice || n.TargetID != id {
		t.Fatalf("assign from pool: %+v, %v", n, err)
	}
	// The pool is empty now: without an area code the fake refuses.
	var e *offices.Error
	if _, err := c.AssignNumber(ctx, id, &offices.AssignNumberRequest{}); !errors.As(err, &e) || e.StatusCode != http.StatusBadRequest {
		t.Errorf("empty pool: %v", err)
	}
	n, err = c.AssignNumber(ctx, id, &offices.AssignNumberRequest{AreaCode: "604", Primary: new(false)})
	if err != nil || n.AreaCode != "604" || n.Type != offices.NumberLocal {
		t.Fatalf("assign by area code: %+v, %v", n, err)
	}
	byArea := n.Number
	if _, err := c.AssignNumber(ctx, id, &offices.AssignNumberRequest{Number: "+14155550100"}); err != nil {
		t.Fatal(err)
	}
	if got, want := srv.Numbers(int64(id)), []string{"+14155550100", "+351210000001", byArea}; !slices.Equal(got, want) {
		t.Errorf("numbers %q, want %q", got, want)
	}
	if o, err := c.Get(ctx, id); err != nil || !slices.Equal(o.PhoneNumbers, srv.Numbers(int64(id))) {
		t.Errorf("office numbers %v, %v", o, err)
	}
	// A number taken already is refused.
	other := fakeOffice(t, c, "Porto")
	if _, err := c.AssignNumber(ctx, other, &offices.AssignNumberRequest{Number: "+14155550100"}); !errors.As(err, &e) || e.StatusCode != 400 {
		t.Errorf("taken number: %v", err)
	}
	u, err := c.UnassignNumber(ctx, id, &offices.UnassignNumberRequest{Number: "+14155550100"})
	if err != nil || u.Number != "+14155550100" || u.Status != offices.NumberAvailable {
		t.Errorf("unassign: %+v, %v", u, err)
	}
	if !slices.Equal(srv.Reserved(), []string{"+14155550100"}) || slices.Contains(srv.Numbers(int64(id)), "+14155550100") {
		t.Errorf("reserved %q, numbers %q", srv.Reserved(), srv.Numbers(int64(id)))
	}
	if _, err := c.UnassignNumber(ctx, id, &offices.UnassignNumberRequest{Number: "+14155550100"}); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("unassign twice: %v", err)
	}
	if _, err := c.AssignNumber(ctx, id+1000, &offices.AssignNumberRequest{}); !errors.Is(err, offices.ErrNotFound) {
		t.Errorf("unknown office: %v", err)
	}
}

// An operator add whose answer is lost after the fake acted is not
// repeated: the error says the outcome is unknown and the operator is
// added once.
func TestFakeAddOperatorDropped(t *testing.T) {
	c, srv := fakeClient(t, nil)
	id := fakeOffice(t, c, "Lisbon")
	ann := srv.AddUser(int64(id), "Ann")
	srv.Inject(fault.Fault{Method: "POST", Path: "/api/v2/offices/", Drop: true, AfterHandling: true})
	_, err := c.AddOperator(context.Background(), id, &offices.AddOperatorRequest{OperatorID: offices.ID(ann), OperatorType: offices.OperatorUser})
	if !errors.Is(err, offices.ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	if got := srv.Operators(int64(id)); len(got) != 1 || srv.FaultStats().Dropped != 1 {
		t.Errorf("operators %+v, fault stats %+v", got, srv.FaultStats())
	}
	// A GET that loses its connection is retried.
	srv.DropNext(1)
	if ops, err := c.GetOperators(context.Background(), id); err != nil || len(ops.Users) != 1 {
		t.Errorf("get after drop: %+v, %v", ops, err)
	}
}

// DP-Company-ID: the fake's key reaches its companies only.
func TestFakeCompanyID(t *testing.T) {
	srv := officestest.NewServer(officestest.WithCompanyIDs("111", "222"))
	defer srv.Close()
	for _, tc := range []struct {
		company string
		ok      bool
	}{{"", true}, {"111", true}, {"222", true}, {"333", false}} {
		c := newClient(t, officestest.DefaultAPIKey, offices.WithBaseURL(srv.URL), offices.WithCompanyID(tc.company))
		_, err := c.ListOfficesPage(context.Background(), nil)
		if (err == nil) != tc.ok || (!tc.ok && !errors.Is(err, offices.ErrUnauthorized)) {
			t.Errorf("company %q: %v", tc.company, err)
		}
	}
	if st := srv.Stats(); st.Unauthorized != 1 || st.Accepted != 3 {
		t.Errorf("stats %+v", st)
	}
}

package offices_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
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
	if err == nil || !strings.Contains(err.Error(), "base URL") || c != nil {
		t.Errorf("bad base URL: %v, %v", c, err)
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

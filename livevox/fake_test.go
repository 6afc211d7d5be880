package livevox_test

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

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
	"golang.org/x/time/rate"
)

// newFake starts a fake and a client logged in as its default user.
func newFake(t *testing.T, srvOpts []livevoxtest.Option, opts ...livevox.Option) (*livevoxtest.Server, *livevox.Client) {
	t.Helper()
	srv := livevoxtest.NewServer(srvOpts...)
	t.Cleanup(srv.Close)
	opts = append([]livevox.Option{
		livevox.WithBaseURL(srv.URL),
		livevox.WithRateLimit(rate.Inf, 0),
		livevox.WithRetry(2, time.Millisecond, 2*time.Millisecond),
	}, opts...)
	c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return srv, c
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil)
	client := srv.ClientID(livevoxtest.DefaultClientName)
	svc1, svc2 := srv.AddService(client), srv.AddService(client)

	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{
		ClientID: client, Name: "Doors", ManagerName: "Mr. Manager", BillingSystem: "Mail",
		DefaultInputFilterID: 21572, ServiceIDs: []int64{svc1},
	})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := c.GetCallCenter(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := livevox.CallCenter{ID: id, Name: "Doors", ManagerName: "Mr. Manager", BillingSystem: "Mail", DefaultInputFilterID: 21572, Open: true}
	if *cc != want {
		t.Fatalf("read = %+v, want %+v", *cc, want)
	}

	if err := c.UpdateCallCenter(ctx, id, &livevox.UpdateCallCenterRequest{Name: new("Documentation"), Open: new(false)}); err != nil {
		t.Fatal(err)
	}
	cc, err = c.GetCallCenter(ctx, id)
	if err != nil || cc.Name != "Documentation" || cc.Open || cc.ManagerName != "Mr. Manager" {
		t.Fatalf("after update: %+v, %v", cc, err)
	}

	if err := c.AddCallCenterService(ctx, id, svc2); err != nil {
		t.Fatal(err)
	}
	agent, err := srv.AddAgent(id)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := c.GetCallCenterRelated(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(rel.ServiceIDs, rel.AgentIDs) != fmt.Sprint([]int64{svc1, svc2}, []int64{agent}) {
		t.Errorf("related = %+v", rel)
	}

	info, err := c.GetCallCenterListInfo(ctx, client)
	if err != nil || info.Size != 1 || info.LastModified.IsZero() {
		t.Errorf("info = %+v, %v", info, err)
	}

	// Duplicate names are refused.
	_, err = c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Documentation"})
	var apiErr *livevox.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Errorf("duplicate create: %v", err)
	}
	if !errors.Is(err, livevox.ErrAlreadyExists) {
		t.Errorf("duplicate create %v does not match ErrAlreadyExists", err)
	}
	other, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Other"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.UpdateCallCenter(ctx, other, &livevox.UpdateCallCenterRequest{Name: new("Documentation")}); !errors.Is(err, livevox.ErrAlreadyExists) {
		t.Errorf("rename to a taken name: %v, want ErrAlreadyExists", err)
	}
	if _, err := c.GetCallCenter(ctx, 999999); !errors.Is(err, livevox.ErrNotFound) {
		t.Errorf("read unknown: %v", err)
	}
	if srv.Logins() != 1 {
		t.Errorf("logins = %d, want 1", srv.Logins())
	}
}

func TestDeleteRefusedWhileServicesRemain(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil)
	client := srv.ClientID(livevoxtest.DefaultClientName)
	svc := srv.AddService(client)
	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Old", ServiceIDs: []int64{svc}})
	if err != nil {
		t.Fatal(err)
	}
	other, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "New"})
	if err != nil {
		t.Fatal(err)
	}

	err = c.DeleteCallCenter(ctx, id)
	if !errors.Is(err, livevox.ErrHasServices) || livevox.ErrorCode(err) != 202 {
		t.Fatalf("delete with services: %v", err)
	}
	if _, ok := srv.CallCenter(id); !ok {
		t.Fatal("call center deleted despite its services")
	}

	if err := c.AddCallCenterService(ctx, other, svc); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCallCenter(ctx, id); err != nil {
		t.Fatalf("delete after moving the service: %v", err)
	}
	if _, ok := srv.CallCenter(id); ok {
		t.Fatal("call center still stored")
	}
	if err := c.DeleteCallCenter(ctx, id); !errors.Is(err, livevox.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

func TestListShowsOnlyCallCentersWithService(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil)
	client := srv.ClientID(livevoxtest.DefaultClientName)
	if _, err := srv.AddCallCenter(client, "empty"); err != nil {
		t.Fatal(err)
	}
	withSvc, err := srv.AddCallCenter(client, "staffed", srv.AddService(client))
	if err != nil {
		t.Fatal(err)
	}
	var got []livevox.CallCenterSummary
	for cc, err := range c.ListCallCenters(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, cc)
	}
	want := []livevox.CallCenterSummary{{ID: withSvc, Name: "staffed", ClientID: client}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("list = %+v, want %+v", got, want)
	}
	info, err := c.GetCallCenterListInfo(ctx, 0)
	if err != nil || info.Size != 1 {
		t.Errorf("info = %+v, %v", info, err)
	}
}

// seed stores n call centers, each with a service, and returns their ids.
func seed(t *testing.T, srv *livevoxtest.Server, client int64, n int) []int64 {
	t.Helper()
	ids := make([]int64, n)
	for i := range n {
		id, err := srv.AddCallCenter(client, fmt.Sprintf("cc-%03d", i), srv.AddService(client))
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	return ids
}

func TestIterationSurvivesSessionExpiry(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil)
	client := srv.ClientID(livevoxtest.DefaultClientName)
	want := seed(t, srv, client, 25)

	var got []int64
	for cc, err := range c.ListCallCenters(ctx, &livevox.ListCallCentersRequest{ClientID: client, Count: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, cc.ID)
		if len(got) == 12 { // inside the second page: the third page request meets a dead session
			srv.ExpireSessions()
		}
		if len(got) > 100 {
			t.Fatal("iteration does not end")
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ids = %v\nwant  %v", got, want)
	}
	if srv.Logins() != 2 {
		t.Errorf("logins = %d, want 2 (one re-login)", srv.Logins())
	}
}

func TestIterationBreakStopsPaging(t *testing.T) {
	srv, c := newFake(t, nil)
	seed(t, srv, srv.ClientID(livevoxtest.DefaultClientName), 7)
	n := 0
	for _, err := range c.ListCallCenters(context.Background(), &livevox.ListCallCentersRequest{Count: 2, Offset: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 3 {
			break
		}
	}
	if got := srv.Requests(); got != 3 { // login + 2 pages
		t.Errorf("requests = %d, want 3", got)
	}
}

func TestConcurrentCallsAfterExpiryLogInOnce(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil)
	ids := seed(t, srv, srv.ClientID(livevoxtest.DefaultClientName), 1)
	if _, err := c.Login(ctx); err != nil {
		t.Fatal(err)
	}
	srv.ExpireSessions()

	const workers = 16
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() {
			cc, err := c.GetCallCenter(ctx, ids[0])
			if err == nil && cc.Name != "cc-000" {
				err = fmt.Errorf("name = %q", cc.Name)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if srv.Logins() != 2 {
		t.Errorf("logins = %d, want 2 (the first, then exactly one after expiry)", srv.Logins())
	}
}

func TestIdleSessionExpires(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv, c := newFake(t, []livevoxtest.Option{livevoxtest.WithClock(clock), livevoxtest.WithSessionTTL(time.Hour)})
	if _, err := c.GetCallCenterListInfo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(50 * time.Minute) // within the TTL: the session is used, its life rolls on
	mu.Unlock()
	if _, err := c.GetCallCenterListInfo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	now = now.Add(50 * time.Minute)
	mu.Unlock()
	if _, err := c.GetCallCenterListInfo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if srv.Logins() != 1 {
		t.Fatalf("logins = %d, want 1 (rolling expiry)", srv.Logins())
	}
	mu.Lock()
	now = now.Add(61 * time.Minute)
	mu.Unlock()
	if _, err := c.GetCallCenterListInfo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	if srv.Logins() != 2 {
		t.Fatalf("logins = %d, want 2 after idle expiry", srv.Logins())
	}
}

func TestPasswordChangeEndsSession(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil)
	if _, err := c.Login(ctx); err != nil {
		t.Fatal(err)
	}
	if err := srv.SetPassword(livevoxtest.DefaultClientName, livevoxtest.DefaultUser, "a-new-password"); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetCallCenterListInfo(ctx, 0)
	if !errors.Is(err, livevox.ErrUnauthorized) {
		t.Fatalf("err = %v, want ErrUnauthorized (the re-login uses the old password)", err)
	}
	if strings.Contains(err.Error(), livevoxtest.DefaultPassword) {
		t.Errorf("error leaks the password: %v", err)
	}
}

func TestOtherClientIsInvisible(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, []livevoxtest.Option{livevoxtest.WithUser("OTHER", "bob", "bob-password")})
	other := srv.ClientID("OTHER")
	ids := seed(t, srv, other, 3)
	info, err := c.GetCallCenterListInfo(ctx, other)
	if err != nil || info.Size != 0 {
		t.Errorf("info for another client = %+v, %v; want size 0", info, err)
	}
	page, err := c.ListCallCentersPage(ctx, &livevox.ListCallCentersRequest{ClientID: other, Count: 10})
	if err != nil || len(page.CallCenters) != 0 {
		t.Errorf("page for another client = %+v, %v", page, err)
	}
	if _, err := c.GetCallCenter(ctx, ids[0]); !errors.Is(err, livevox.ErrUnauthorized) {
		t.Errorf("read another client's call center: %v", err)
	}
	if _, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{ClientID: other, Name: "x"}); !errors.Is(err, livevox.ErrUnauthorized) {
		t.Errorf("create under another client: %v", err)
	}
	if srv.Logins() != 1 {
		t.Errorf("a 403 must not cause a re-login: logins = %d", srv.Logins())
	}
}

func TestFaults(t *testing.T) {
	ctx := context.Background()

	t.Run("5xx on GET is retried", func(t *testing.T) {
		srv, c := newFake(t, nil)
		if _, err := c.Login(ctx); err != nil {
			t.Fatal(err)
		}
		srv.FailNext(2, 503)
		if _, err := c.GetCallCenterListInfo(ctx, 0); err != nil {
			t.Fatal(err)
		}
		if got := srv.Requests(); got != 4 {
			t.Errorf("requests = %d, want 4", got)
		}
	})

	t.Run("5xx on create is not retried", func(t *testing.T) {
		srv, c := newFake(t, nil)
		if _, err := c.Login(ctx); err != nil {
			t.Fatal(err)
		}
		srv.Inject(fault.Fault{Method: "POST", Path: "/configuration/callCenters", Status: 502})
		_, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "x"})
		if !errors.Is(err, livevox.ErrOutcomeUnknown) {
			t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
		}
		if got := srv.Requests(); got != 2 {
			t.Errorf("requests = %d, want 2", got)
		}
	})

	t.Run("dropped create has unknown outcome", func(t *testing.T) {
		srv, c := newFake(t, nil)
		if _, err := c.Login(ctx); err != nil {
			t.Fatal(err)
		}
		srv.DropNext(1)
		_, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "x"})
		if !errors.Is(err, livevox.ErrOutcomeUnknown) {
			t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
		}
		if got := srv.Requests(); got != 2 {
			t.Errorf("requests = %d, want 2", got)
		}
	})

	t.Run("429 burst on create is retried", func(t *testing.T) {
		srv, c := newFake(t, nil)
		if _, err := c.Login(ctx); err != nil {
			t.Fatal(err)
		}
		srv.FailNext(2, http.StatusTooManyRequests)
		id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "x"})
		if err != nil || id == 0 {
			t.Fatalf("id=%d err=%v", id, err)
		}
		if len(srv.CallCenters()) != 1 {
			t.Errorf("call centers = %d, want 1", len(srv.CallCenters()))
		}
	})

	t.Run("429 beyond retries", func(t *testing.T) {
		srv, c := newFake(t, nil)
		srv.FailNext(10, http.StatusTooManyRequests)
		_, err := c.GetCallCenterListInfo(ctx, 0)
		if !errors.Is(err, livevox.ErrRateLimited) {
			t.Fatalf("err = %v, want ErrRateLimited", err)
		}
	})

	t.Run("latency and cancelled context", func(t *testing.T) {
		srv, c := newFake(t, nil)
		if _, err := c.Login(ctx); err != nil {
			t.Fatal(err)
		}
		srv.SetLatency(time.Minute)
		cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
		_, err := c.GetCallCenterListInfo(cctx, 0)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want DeadlineExceeded", err)
		}
		srv.ClearFaults()
	})
}

func TestCloseEndsSession(t *testing.T) {
	ctx := context.Background()
	srv, c := newFake(t, nil)
	if _, err := c.Login(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if srv.Logouts() != 1 || srv.Sessions() != 0 {
		t.Errorf("logouts=%d sessions=%d", srv.Logouts(), srv.Sessions())
	}
	if err := c.Close(); err != nil || srv.Logouts() != 1 {
		t.Errorf("second Close: %v, logouts=%d", err, srv.Logouts())
	}
	// A closed client is done: a call fails with ErrClosed and sends
	// nothing (no login either).
	requests := srv.Requests()
	if _, err := c.GetCallCenterListInfo(ctx, 0); !errors.Is(err, livevox.ErrClosed) || srv.Logins() != 1 || srv.Requests() != requests {
		t.Errorf("use after Close: %v, logins=%d, %d requests", err, srv.Logins(), srv.Requests()-requests)
	}
	if _, err := c.Login(ctx); !errors.Is(err, livevox.ErrClosed) {
		t.Errorf("Login after Close: %v", err)
	}
	// Logging out a session the server already dropped is fine.
	srv, c = newFake(t, nil)
	if _, err := c.Login(ctx); err != nil {
		t.Fatal(err)
	}
	srv.ExpireSessions()
	if err := c.Close(); err != nil {
		t.Errorf("Close of an expired session: %v", err)
	}
}

func TestSecretsNeverShown(t *testing.T) {
	ctx := context.Background()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, c := newFake(t, nil, livevox.WithLogger(logger))
	if _, err := c.Login(ctx); err != nil {
		t.Fatal(err)
	}
	sessionID := srv.LastSessionID()
	srv.ExpireSessions()
	srv.FailNext(1, 500)
	_, err1 := c.GetCallCenter(ctx, 1) // 401, re-login, 500, retry, 404
	_, err2 := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: ""})
	srv.DropNext(1)
	_, err3 := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "x"})
	texts := []string{
		logs.String(), fmt.Sprint(err1, err2, err3),
		fmt.Sprintf("%v %+v %#v %s", c, c, c, c),
	}
	slog.New(slog.NewTextHandler(&logs, nil)).Info("client", "c", c)
	texts = append(texts, logs.String())
	if !strings.Contains(logs.String(), "http attempt") {
		t.Fatalf("debug log is empty: %q", logs.String())
	}
	for _, secret := range []string{livevoxtest.DefaultPassword, livevoxtest.DefaultAccessToken, sessionID, srv.LastSessionID()} {
		for _, text := range texts {
			if strings.Contains(text, secret) {
				t.Errorf("secret %q shown in %q", secret, text)
			}
		}
	}
}

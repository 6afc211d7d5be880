package faultengine_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

// rig is a fake server behind an Engine; handled counts the requests that
// reached the handler and body keeps the last body it read.
type rig struct {
	faults  *faultengine.Engine
	ts      *httptest.Server
	handled atomic.Int32
	body    atomic.Value
}

func newRig(t *testing.T, cfg faultengine.Config) *rig {
	t.Helper()
	rg := &rig{faults: faultengine.New(cfg)}
	rg.ts = httptest.NewServer(rg.faults.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rg.body.Store(string(b))
		rg.handled.Add(1)
		io.WriteString(w, "ok")
	})))
	t.Cleanup(func() {
		rg.faults.Close()
		rg.ts.Close()
	})
	return rg
}

// do sends a request and returns its status, Retry-After and body, or the
// transport error.
func (rg *rig) do(method, path, body string) (int, string, string, error) {
	req, _ := http.NewRequest(method, rg.ts.URL+path, strings.NewReader(body))
	resp, err := rg.ts.Client().Do(req)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Retry-After"), string(b), nil
}

func TestStatusFaultsMatchCountAndOrder(t *testing.T) {
	rg := newRig(t, faultengine.Config{WriteError: func(w http.ResponseWriter, _ *http.Request, status int, _ string) {
		faultengine.WriteJSON(w, status, map[string]int{"code": status})
	}})
	rg.faults.Inject(fault.Fault{Method: "POST", Path: "/things", Status: 503, RetryAfter: 7 * time.Second, Times: 2})
	rg.faults.Inject(fault.Fault{Path: "/things", Status: 502})

	if st, _, body, err := rg.do("GET", "/other", ""); err != nil || st != 200 || body != "ok" {
		t.Fatalf("unmatched path: %d %q %v", st, body, err)
	}
	// GET /things/1 skips the POST fault and takes the second.
	if st, ra, body, _ := rg.do("GET", "/things/1", ""); st != 502 || ra != "" || body != "{\"code\":502}\n" {
		t.Errorf("GET: %d %q %q", st, ra, body)
	}
	for i := range 2 {
		if st, ra, body, _ := rg.do("POST", "/things", "x"); st != 503 || ra != "7" || body != "{\"code\":503}\n" {
			t.Errorf("POST %d: %d %q %q", i, st, ra, body)
		}
	}
	if st, _, _, _ := rg.do("POST", "/things", "x"); st != 200 {
		t.Errorf("after the faults: %d", st)
	}
	if got, want := rg.faults.FaultStats(), (fault.Stats{Requests: 5, Faults: 3, Statuses: 3}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	if n := rg.handled.Load(); n != 2 {
		t.Errorf("handled %d, want 2", n)
	}
}

func TestDefaultWriterAndMessage(t *testing.T) {
	rg := newRig(t, faultengine.Config{})
	rg.faults.Inject(fault.Fault{Status: 429, RetryAfter: 1500 * time.Millisecond})
	rg.faults.Inject(fault.Fault{Status: 500, Message: "custom"})
	if st, ra, body, _ := rg.do("GET", "/", ""); st != 429 || ra != "2" || body != "Too Many Requests\n" {
		t.Errorf("default writer: %d %q %q", st, ra, body)
	}
	if st, _, body, _ := rg.do("PUT", "/", ""); st != 500 || body != "custom\n" {
		t.Errorf("fault writer: %d %q", st, body)
	}
	if s := rg.faults.FaultStats(); s.Statuses != 2 || s.RateLimited != 1 {
		t.Errorf("stats = %+v", s)
	}
}

func TestAlwaysPrioritySetRemoveClear(t *testing.T) {
	rg := newRig(t, faultengine.Config{})
	rg.faults.Inject(fault.Fault{Status: 500, Times: fault.Always})
	rg.faults.Set("hi", fault.Fault{Status: 503, Times: 1, Priority: 1})
	rg.faults.Set("hi", fault.Fault{Status: 502, Times: 2, Priority: 1}) // replaces
	want := []int{502, 502, 500, 500, 500}
	for i, w := range want {
		if st, _, _, _ := rg.do("GET", "/", ""); st != w {
			t.Errorf("request %d: %d, want %d", i, st, w)
		}
	}
	rg.faults.Set("hi", fault.Fault{Status: 503, Times: 5, Priority: 1})
	rg.faults.Set("hi", fault.Fault{Status: 503, Times: 0}) // cancels
	if st, _, _, _ := rg.do("GET", "/", ""); st != 500 {
		t.Errorf("after cancelling: %d", st)
	}
	rg.faults.Set("low", fault.Fault{Status: 504, Times: 1, Priority: -1})
	rg.faults.Remove("low")
	rg.faults.ClearFaults()
	if st, _, _, _ := rg.do("GET", "/", ""); st != 200 {
		t.Errorf("after Clear: %d", st)
	}
}

func TestCustomMatchPath(t *testing.T) {
	rg := newRig(t, faultengine.Config{MatchPath: func(r *http.Request, path string) bool {
		return strings.Contains(r.URL.EscapedPath(), path)
	}})
	rg.faults.Inject(fault.Fault{Path: "/groups/a%2Fb/", Status: 400})
	if st, _, _, _ := rg.do("GET", "/tenants/t/groups/x/", ""); st != 200 {
		t.Errorf("other group: %d", st)
	}
	if st, _, _, _ := rg.do("GET", "/tenants/t/groups/a%2Fb/cc/", ""); st != 400 {
		t.Errorf("matching group: %d", st)
	}
}

func TestDropBeforeHandling(t *testing.T) {
	rg := newRig(t, faultengine.Config{})
	rg.faults.Inject(fault.Fault{Method: "POST", Drop: true, Status: 500})
	if _, _, _, err := rg.do("POST", "/", strings.Repeat("x", 100_000)); err == nil {
		t.Fatal("dropped request got an answer")
	}
	if n := rg.handled.Load(); n != 0 {
		t.Errorf("handler ran %d times", n)
	}
	if st, _, _, _ := rg.do("POST", "/", "y"); st != 200 {
		t.Errorf("after the drop: %d", st)
	}
	if s := rg.faults.FaultStats(); s.Dropped != 1 || s.Statuses != 0 || s.Faults != 1 || s.Requests != 2 {
		t.Errorf("stats = %+v", s)
	}
}

func TestDropAfterHandling(t *testing.T) {
	rg := newRig(t, faultengine.Config{})
	rg.faults.Inject(fault.Fault{Drop: true, AfterHandling: true})
	if _, _, _, err := rg.do("POST", "/", "payload"); err == nil {
		t.Fatal("dropped request got an answer")
	}
	if n, b := rg.handled.Load(), rg.body.Load(); n != 1 || b != "payload" {
		t.Errorf("handler ran %d times with %q", n, b)
	}
	if s := rg.faults.FaultStats(); s.Dropped != 1 {
		t.Errorf("stats = %+v", s)
	}
}

func TestFaultLatencyThenHandler(t *testing.T) {
	rg := newRig(t, faultengine.Config{})
	rg.faults.Inject(fault.Fault{Latency: time.Millisecond})
	if st, _, body, _ := rg.do("GET", "/", ""); st != 200 || body != "ok" {
		t.Errorf("delayed: %d %q", st, body)
	}
	if s := rg.faults.FaultStats(); s.Faults != 1 || s.Statuses != 0 || s.Dropped != 0 {
		t.Errorf("stats = %+v", s)
	}
}

// waitRequests waits (bounded) until n requests reached the Faults.
func waitRequests(t *testing.T, f *faultengine.Engine, n int) {
	t.Helper()
	for i := 0; f.FaultStats().Requests < n; i++ {
		if i == 10000 {
			t.Fatal("request never arrived")
		}
		time.Sleep(time.Millisecond)
	}
}

// getAsync sends a GET in the background; the channel gets its error.
func getAsync(c *http.Client, url string) <-chan error {
	errc := make(chan error, 1)
	go func() {
		resp, err := c.Get(url)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	return errc
}

func TestCloseEndsLatency(t *testing.T) {
	for _, name := range []string{"SetLatency", "Fault.Latency"} {
		t.Run(name, func(t *testing.T) {
			var handled atomic.Bool
			srv := faultengine.NewServer(faultengine.Config{}, func(f *faultengine.Engine) http.Handler {
				return f.Wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { handled.Store(true) }))
			})
			if name == "SetLatency" {
				srv.SetLatency(time.Hour)
			} else {
				srv.Inject(fault.Fault{Latency: time.Hour})
			}
			errc := getAsync(srv.Client(), srv.URL)
			waitRequests(t, srv.Engine, 1)
			srv.Close()
			if err := <-errc; err == nil {
				t.Error("a request cut short by Close got an answer")
			}
			if handled.Load() {
				t.Error("the handler ran")
			}
			srv.Close() // twice is fine
		})
	}
}

func TestCancelledRequestEndsLatency(t *testing.T) {
	rg := newRig(t, faultengine.Config{})
	rg.faults.SetLatency(time.Hour)
	if d := rg.faults.Latency(); d != time.Hour {
		t.Errorf("Latency = %v", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for i := 0; i < 10000 && rg.faults.FaultStats().Requests == 0; i++ {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	req, _ := http.NewRequestWithContext(ctx, "GET", rg.ts.URL, nil)
	if _, err := rg.ts.Client().Do(req); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

func TestManualLatency(t *testing.T) {
	f := faultengine.New(faultengine.Config{ManualLatency: true})
	var inside atomic.Int32
	ts := httptest.NewServer(f.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inside.Add(1) // Wrap did not wait
		if !f.Delay(w, r, f.Latency()) {
			return
		}
		io.WriteString(w, "late")
	})))
	defer ts.Close()
	f.SetLatency(time.Hour)
	errc := getAsync(ts.Client(), ts.URL)
	for i := 0; inside.Load() == 0; i++ {
		if i == 10000 {
			t.Fatal("the handler was never reached")
		}
		time.Sleep(time.Millisecond)
	}
	f.Close()
	if err := <-errc; err == nil {
		t.Error("a request cut short by Close got an answer")
	}
}

func TestRetryAfter(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0", -time.Second: "0", time.Millisecond: "1", time.Second: "1", 1500 * time.Millisecond: "2", time.Minute: "60"} {
		if got := faultengine.RetryAfter(d); got != want {
			t.Errorf("RetryAfter(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestDropWithoutHijacker(t *testing.T) {
	defer func() {
		if r := recover(); r != http.ErrAbortHandler {
			t.Errorf("recovered %v, want http.ErrAbortHandler", r)
		}
	}()
	faultengine.Drop(httptest.NewRecorder())
}

func TestVocabulary(t *testing.T) {
	rg := newRig(t, faultengine.Config{})
	rg.faults.FailNext(2, http.StatusTooManyRequests)
	rg.faults.DropNext(1)
	// DropNext outranks FailNext; neither lets the handler act.
	if _, _, _, err := rg.do("POST", "/", "x"); err == nil {
		t.Fatal("DropNext: the request was answered")
	}
	for i := range 2 {
		if st, ra, _, _ := rg.do("GET", "/", ""); st != 429 || ra != "0" {
			t.Errorf("FailNext %d: %d Retry-After %q", i, st, ra)
		}
	}
	if st, _, _, _ := rg.do("GET", "/", ""); st != 200 {
		t.Errorf("after the faults: %d", st)
	}
	if n := rg.handled.Load(); n != 1 {
		t.Errorf("handler ran %d times, want 1", n)
	}
	rg.faults.FailNext(5, 500)
	rg.faults.FailNext(0, 500) // cancels
	rg.faults.SetLatency(time.Hour)
	rg.faults.ClearFaults() // removes the latency too
	if st, _, _, _ := rg.do("GET", "/", ""); st != 200 {
		t.Errorf("after ClearFaults: %d", st)
	}
	if got, want := rg.faults.FaultStats(), (fault.Stats{Requests: 5, Faults: 3, Statuses: 2, RateLimited: 2, Dropped: 1}); got != want {
		t.Errorf("FaultStats = %+v, want %+v", got, want)
	}
}

func TestTakeFunc(t *testing.T) {
	f := faultengine.New(faultengine.Config{})
	f.Inject(fault.Fault{Path: "GroupCallCenterAddInstanceRequest22", ServiceUserID: "a@x", Status: 1, Message: "[Error 4000] Injected"})
	match := func(cmd, id string) func(*fault.Fault) bool {
		return func(p *fault.Fault) bool {
			return (p.Path == "" || p.Path == cmd) && (p.ServiceUserID == "" || p.ServiceUserID == id)
		}
	}
	if _, hit := f.TakeFunc(match("GroupCallCenterAddInstanceRequest22", "b@x")); hit {
		t.Fatal("matched another service user id")
	}
	got, hit := f.TakeFunc(match("GroupCallCenterAddInstanceRequest22", "a@x"))
	if !hit || got.Message != "[Error 4000] Injected" {
		t.Fatalf("TakeFunc = %+v, %v", got, hit)
	}
	if _, hit := f.TakeFunc(match("GroupCallCenterAddInstanceRequest22", "a@x")); hit {
		t.Fatal("a Times 0 fault hit twice")
	}
}

// Wait sleeps the whole time asked, short waits included (their last part
// is the precise sleep), and a done channel ends a long one.
func TestWaitSleepsTheWholeTime(t *testing.T) {
	f := faultengine.New(faultengine.Config{})
	for _, d := range []time.Duration{50 * time.Microsecond, 1500 * time.Microsecond, 2 * time.Millisecond, faultengine.PreciseWait + time.Millisecond} {
		for range 3 {
			start := time.Now()
			if !f.Wait(nil, d) {
				t.Fatalf("Wait(%v) reported an interruption", d)
			}
			if got := time.Since(start); got < d {
				t.Errorf("Wait(%v) returned after %v", d, got)
			}
		}
	}
	done := make(chan struct{})
	close(done)
	if f.Wait(done, time.Hour) {
		t.Error("a closed done channel did not end the wait")
	}
}

package fault_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
)

// rateLimited makes any fake of the module answer its next n requests with
// 429, whatever they are.
func rateLimited(f fault.Injector, n int) { f.FailNext(n, http.StatusTooManyRequests) }

// Every fake speaks the same vocabulary: here a fake APIO rate limits the
// next two requests (the login), and the client's retries get through.
func Example() {
	srv := apiotest.NewServer()
	defer srv.Close()
	rateLimited(srv, 2)

	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword),
		apio.WithRetry(4, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	for _, err := range c.ListCallCenters(context.Background(), "ApioSpTest", "ApioGrpTest") {
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Printf("%+v\n", srv.FaultStats())
	// Output:
	// {Requests:4 Faults:2 Statuses:2 RateLimited:2 Dropped:0}
}

// A helper written against an Injector works with every fake.
func ExampleInjector() {
	apioSrv, lvSrv := apiotest.NewServer(), livevoxtest.NewServer()
	defer apioSrv.Close()
	defer lvSrv.Close()
	for _, f := range []fault.Injector{apioSrv, lvSrv} {
		f.Inject(fault.Fault{Method: http.MethodPost, Drop: true, AfterHandling: true})
		f.SetLatency(time.Millisecond)
		f.ClearFaults()
		fmt.Printf("%+v\n", f.FaultStats())
	}
	// Output:
	// {Requests:0 Faults:0 Statuses:0 RateLimited:0 Dropped:0}
	// {Requests:0 Faults:0 Statuses:0 RateLimited:0 Dropped:0}
}

package fault_test

import (
	"fmt"
	"io"
	"net/http"

	"github.com/ccsdk/callcenter-go/fault"
)

// A fake built on fault.NewServer has the shared vocabulary: here the next
// two requests are rate limited, then the real handler answers.
func Example() {
	srv := fault.NewServer(fault.Config{}, func(f *fault.Faults) http.Handler {
		return f.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "hello") }))
	})
	defer srv.Close()
	srv.FailNext(2, http.StatusTooManyRequests)
	for range 3 {
		resp, err := srv.Client().Get(srv.URL)
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Println(resp.StatusCode, resp.Header.Get("Retry-After"), string(body))
	}
	fmt.Printf("%+v\n", srv.FaultStats())
	// Output:
	// 429 0 Too Many Requests
	//
	// 429 0 Too Many Requests
	//
	// 200  hello
	// {Requests:3 Faults:2 Statuses:2 RateLimited:2 Dropped:0}
}

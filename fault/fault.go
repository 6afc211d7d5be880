// Package fault is the one fault-injection vocabulary of the SDK's
// in-process fakes (apiotest, livevoxtest, ucontacttest, officestest and
// broadworkstest). Every fake's Server embeds an [Injector], so each has
// the same methods with the same types:
//
//	srv := apiotest.NewServer()
//	defer srv.Close()
//	srv.Inject(fault.Fault{Method: "POST", Path: "/api/v01/", Status: 503, Times: 2})
//	srv.FailNext(3, http.StatusTooManyRequests) // a burst of rate limiting
//	srv.DropNext(1)                             // the next request gets no answer
//	srv.SetLatency(2 * time.Millisecond)        // every answer waits
//	fmt.Println(srv.FaultStats().Dropped)
//
// A [Fault] names which requests it hits (Method and Path for a REST fake;
// Path as the command type and ServiceUserID for the OCI-P fake), how many
// times, and what it does: wait, drop the connection (before or after the
// fake acted), or answer an error status with a message. Code that works
// with any fake takes an [Injector].
package fault

import "time"

// Always is the [Fault.Times] of a fault that hits every matching request
// until it is removed.
const Always = -1

// Fault is one entry of a fake's fault table: which requests it hits, how
// many times, and what it does to them.
type Fault struct {
	// Name labels the fault; "" for none. FailNext and DropNext name
	// theirs, so that a later call replaces an earlier one.
	Name string
	// Method is the HTTP method to match; "" matches any. The OCI-P fake
	// ignores it.
	Method string
	// Path selects requests: for a REST fake a prefix of the request path
	// (as the fake documents it); for the OCI-P fake the command type, e.g.
	// "GroupCallCenterAddInstanceRequest22". "" matches any.
	Path string
	// ServiceUserID, for the OCI-P fake, limits the fault to commands
	// naming this serviceUserId ("" matches any). REST fakes ignore it.
	ServiceUserID string
	// Times is how many matching requests take the fault: 0 means 1,
	// [Always] means every one.
	Times int
	// Priority orders faults that match the same request: the highest
	// wins, and equal priorities go in the order added.
	Priority int

	// Latency delays the answer, on top of [Injector.SetLatency].
	Latency time.Duration
	// Drop reads the request and closes the connection without an answer.
	Drop bool
	// AfterHandling, with Drop, first lets the fake carry the request out
	// (a create takes effect), then drops the connection: the client
	// cannot know the outcome.
	AfterHandling bool
	// Status, when non-zero and Drop is false, is answered instead of the
	// real answer: an HTTP status for a REST fake (with a Retry-After
	// header when RetryAfter is set); for the OCI-P fake any non-zero value
	// answers an ErrorResponse.
	Status     int
	RetryAfter time.Duration
	// Message is the error text of a Status fault ("" for the fake's
	// default): the vendor's error message, or the OCI-P ErrorResponse
	// summary.
	Message string
}

// Stats are the fault counters of a fake ([Injector.FaultStats]). A fake's
// own Stats count what it did; these count the traffic and the faults.
type Stats struct {
	Requests    int // requests (OCI-P: commands) checked against the table
	Faults      int // requests that took a fault (any action)
	Statuses    int // requests answered with an injected status
	RateLimited int // of Statuses, those answered 429
	Dropped     int // connections dropped by a fault
}

// Injector is the fault vocabulary: what a test calls on any fake of the
// module. Every fake's Server embeds one. An Injector is safe for
// concurrent use.
type Injector interface {
	// Inject adds a fault after the pending ones.
	Inject(f Fault)
	// FailNext answers the next n requests, whatever they are, with status
	// and the fake's error body (429 gives a burst of rate limiting);
	// n <= 0 cancels an earlier FailNext.
	FailNext(n, status int)
	// DropNext reads the next n requests and closes their connections
	// without an answer and without acting on them; n <= 0 cancels an
	// earlier DropNext. For a request that takes effect before its answer
	// is lost, inject a Fault with Drop and AfterHandling.
	DropNext(n int)
	// SetLatency delays every later answer by d (0: none).
	SetLatency(d time.Duration)
	// ClearFaults removes every pending fault and the latency.
	ClearFaults()
	// FaultStats returns a snapshot of the fault counters.
	FaultStats() Stats
}

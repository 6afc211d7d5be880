package broadworks

import "github.com/ccsdk/callcenter-go/broadworks/ocip"

// The OCI-P messages live in package [ocip], one file each: their types,
// their encoding and decoding, and their mapping to and from
// [callcenter.CallCenter]. The names below are the ones the client's own
// methods take and return.

// Command is one OCI-P request: see [ocip.Command]. [Client.Do] sends any
// Command: the request types of package ocip, or a type of your own with
// xml tags.
type Command = ocip.Command

// Response is one OCI-P response: see [ocip.Response]. [Client.Do] gives an
// ErrorResponse as an [*Error], the other responses as package ocip
// decodes them ([*ocip.SuccessResponse], a typed response, or
// [*ocip.RawResponse]).
type Response = ocip.Response

// CallCenterSummary is one row of a group's call-center list, as
// [Client.ListCallCenters] yields it: see [ocip.CallCenterSummary].
type CallCenterSummary = ocip.CallCenterSummary

// isIdempotent reports whether c may be sent twice: whether it has a
// method Idempotent that says so (see [ocip.Command]).
func isIdempotent(c Command) bool {
	i, ok := c.(interface{ Idempotent() bool })
	return ok && i.Idempotent()
}

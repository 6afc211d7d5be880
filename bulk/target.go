package bulk

import (
	"context"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// ErrOutcomeUnknown matches (with errors.Is) an error after which a create
// may or may not have taken effect: the request was sent, then the
// connection broke or the server failed. Every vendor package returns errors
// that match it in that case (broadworks.ErrOutcomeUnknown and the REST
// packages' ErrOutcomeUnknown are this same value).
var ErrOutcomeUnknown = transport.ErrOutcomeUnknown

// Target is a backend that bulk creates call centers on.
// *broadworks.Client and *apio.Client satisfy it; bulk imports neither.
// Implementations must be safe for concurrent use.
type Target interface {
	// BuildCreate returns the vendor command that creates cc, which has had
	// defaults applied and passed validation. It does no I/O: dry runs call
	// it too. The command's JSON and fmt forms must not show secrets.
	BuildCreate(cc callcenter.CallCenter) (cmd any, err error)
	// SendCreate sends a command BuildCreate returned and gives the vendor's
	// answer as text. When the outcome is unknown the error matches
	// ErrOutcomeUnknown; SendCreate must never retry such a create itself.
	SendCreate(ctx context.Context, cmd any) (response string, err error)
	// LookupCallCenter fetches the stored call center with cc's identity
	// (service provider, group, service user id). found is false, with a nil
	// error, when it does not exist.
	LookupCallCenter(ctx context.Context, cc callcenter.CallCenter) (stored *callcenter.CallCenter, found bool, err error)
}

// BatchTarget is a Target that can send several creates in one request
// (OCI-P carries up to 15 commands in one document). With [Batch], bulk
// sends consecutive rows together through it: fewer round trips, the same
// results. *broadworks.Client satisfies it.
type BatchTarget interface {
	Target
	// MaxBatch is the most commands SendCreates takes at once.
	MaxBatch() int
	// SendCreates sends commands BuildCreate returned, together, and gives
	// one answer and one error per command, in order, with SendCreate's
	// meaning for each (an error matching ErrOutcomeUnknown when that
	// create may or may not have taken effect).
	SendCreates(ctx context.Context, cmds []any) (responses []string, errs []error)
}

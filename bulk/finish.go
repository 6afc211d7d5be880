package bulk

import "context"

// FinishInFlight makes a cancelled run let the writes it has already sent
// (creates, batches, modifies, deletes, staffing changes) run to their
// answer instead of cutting them short. The run still stops at once: no other row starts,
// and the rows not started end [StatusSkipped]. So every row sent ends with
// a known outcome (a write cut short is left for the lookups that settle
// it, and may end [StatusUnknown]), which is what a tool stopped by Ctrl-C
// wants. Listing a group still sees the cancellation (a run cancelled
// before its prune deletes nothing). Each write stays bounded by the
// platform client's own request timeout (broadworks.WithTimeout,
// apio.WithTimeout): use it with a platform whose requests are bounded.
func FinishInFlight() Option { return func(c *config) { c.finish = true } }

// sending is the context a write of the run is sent with: ctx, or with
// FinishInFlight ctx without its cancellation (its values are kept).
func (r *run) sending(ctx context.Context) context.Context {
	if r.cfg.finish {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

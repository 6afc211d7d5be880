package bulk

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/ccsdk/callcenter-go/internal/packed"
	"github.com/ccsdk/callcenter-go/internal/redact"
)

// The create job: a row's defaults, validation, command and create, and
// the lookups that settle a create whose outcome is unknown or that meets
// a call center stored already. Apply creates the rows it finds missing
// with it too.

// process runs one row: defaults, validation, command, create, and the
// lookups that settle an unknown outcome.
func (r *run) process(ctx context.Context, it *item) Result {
	res, cmd, send := r.prepare(ctx, it)
	if !send {
		return res
	}
	resp, err := it.io.SendCreate(r.sending(ctx), cmd)
	return r.sent(ctx, it, res, resp, err)
}

// prepare does all of a row's work up to sending its create: when send is
// false, res is the row's final result.
func (r *run) prepare(ctx context.Context, it *item) (res Result, cmd any, send bool) {
	it.want = it.cc
	it.want.ApplyDefaults()
	it.defaulted = defaultsFilled(&it.cc)
	cc := &it.want
	res = Result{Index: it.index, data: packed.Pack(cc)}
	if err := cc.Validate(); err != nil || len(it.cells) > 0 {
		res.Status, res.Err = StatusInvalid, rowError(it, err)
		return res, nil, false
	}
	if !r.build(&res, it, func() (any, error) { return r.ops.BuildCreate(*cc) }) {
		return res, nil, false
	}
	res.create = true
	if r.cfg.dryRun {
		res.Status, res.Success = StatusValidated, true
		return res, nil, false
	}
	if r.cfg.plan {
		res.Status, res.Success, res.Planned = StatusCreated, true, true
		return res, nil, false
	}
	if it.prev != nil && it.prev.Status == StatusUnknown {
		// An earlier run left this create unsettled: look before sending,
		// and send nothing while it cannot be settled.
		stored, found, err := lookup(ctx, it.io, *cc)
		switch {
		case err != nil:
			res.Status, res.Err = StatusUnknown, fmt.Errorf("an earlier run left this create's outcome unknown and the lookup to settle it failed: %w", err)
			return res, nil, false
		case found:
			return compared(res, *cc, stored, StatusExists), nil, false
		}
	}
	if r.notStarted(ctx, &res) {
		return res, nil, false
	}
	return res, res.cmd, true
}

// build builds a row's command into res (and, in a dry run, encodes it to
// its wire bytes); false means res is final (invalid).
func (r *run) build(res *Result, it *item, make func() (any, error)) bool {
	cmd, err := make()
	if err == nil && r.cfg.dryRun && r.wire != nil {
		buf := wireBuffers.Get().(*[]byte)
		var wire []byte
		if wire, err = r.wire.AppendWire((*buf)[:0], cmd); err == nil && r.cfg.wire != nil {
			it.wire = redactWire(wire, string(it.want.Profile.Password))
		}
		*buf = wire[:0]
		wireBuffers.Put(buf)
	}
	if err != nil {
		res.Status, res.Err = StatusInvalid, &RowError{Row: it.index, Line: it.line, Err: err}
		return false
	}
	res.cmd = cmd
	return true
}

// wireBuffers hold the scratch space of dry-run encoding: the bytes are
// only proof that a row can be written, and are dropped.
var wireBuffers = sync.Pool{New: func() any { return new([]byte) }}

// redactWire returns a copy of wire with the row's password, in every
// form it takes there (the encoder writes non-ASCII characters as
// references: Pässwörd is P&#228;ssw&#246;rd), replaced by
// [callcenter.Redacted], by the redactor every package shares: ShowWire
// output is for reading, and must not carry secrets to a terminal or a log.
func redactWire(wire []byte, password string) []byte {
	return []byte((*redact.Redactor)(nil).RedactWith(string(wire), password))
}

// sent completes res from the answer to its create: created, or settled by
// lookups when the outcome is unknown or the call center exists already.
func (r *run) sent(ctx context.Context, it *item, res Result, resp string, err error) Result {
	cc := it.want
	res.Response = resp
	switch {
	case err == nil:
		res.Status, res.Success = StatusCreated, true
	case errors.Is(err, ErrOutcomeUnknown):
		stored, found, lerr := resolve(ctx, it.io, r.cfg, cc)
		switch {
		case lerr != nil:
			res.Status, res.Err = StatusUnknown, fmt.Errorf("%w; the lookup to settle it failed too: %w", err, lerr)
		case found:
			return compared(res, cc, stored, StatusCreated)
		default:
			res.Status, res.Err = StatusFailed, fmt.Errorf("%w; a lookup found nothing created, so the row can be retried", err)
		}
	case errors.Is(err, ErrAlreadyExists):
		res.Err = err
		// Where is it now? A list read earlier in the run may predate it
		// (another administrator may have just created it): list afresh.
		in, id, lerr := r.inGroup(ctx, cc)
		switch {
		case errors.Is(lerr, ErrAmbiguous):
			res.Status, res.Err = StatusExists, fmt.Errorf("%w: %w", err, lerr)
			return res
		case lerr == nil && !in:
			// The id is taken in another group: nothing of this row's is
			// stored, and its group cells are wrong.
			res.Status, res.Err = StatusExists, fmt.Errorf("%w: %q is a call center of another group than %q of %q", err, cc.ServiceUserID, cc.GroupID, cc.ServiceProviderID)
			r.keepGroup(groupKey{cc.ServiceProviderID, cc.GroupID}, fmt.Sprintf("a row's group cells are wrong (%v), so what the sheet lists for group %q is not known; fix the row and apply again", res.Err, cc.GroupID))
			return res
		case lerr == nil:
			cc.ServiceUserID = id
		}
		if stored, found, lerr := lookup(ctx, it.io, cc); lerr == nil && found {
			res = compared(res, cc, stored, StatusExists)
			if !res.Success {
				res.Err = fmt.Errorf("%w; %w", err, res.Err)
			}
			return res
		}
		res.Status = StatusFailed
	default:
		res.Status, res.Err = StatusFailed, err
	}
	return res
}

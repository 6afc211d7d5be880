package broadworks

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/ccsdk/callcenter-go/broadworks/ocip"
)

// The mechanics every list of the client shares: the paging control of a
// page request, the rows of its answer, and the loop over the pages.

// pagingControl checks a page request's startIndex (1 is the first row)
// and pageSize (1 to [MaxPageSize]) and returns them as R25's element.
func pagingControl(subject string, startIndex, pageSize int) (*ocip.ResponsePagingControl, error) {
	if startIndex < 1 {
		return nil, invalid(subject, "responseStartIndex", "must be at least 1")
	}
	if pageSize < 1 || pageSize > MaxPageSize {
		return nil, invalid(subject, "responsePageSize", fmt.Sprintf("must be 1 to %d", MaxPageSize))
	}
	return &ocip.ResponsePagingControl{ResponseStartIndex: startIndex, ResponsePageSize: pageSize}, nil
}

// listRows sends the list request req and reads the rows of its answer,
// an R, with rows (see rowsOf).
func listRows[R Response, T any](ctx context.Context, c *Client, req Command, rows func(R) ([]T, error)) ([]T, error) {
	r, err := c.do1(ctx, req)
	if err != nil {
		return nil, err
	}
	return rowsOf(c, req, r, rows)
}

// rowsOf reads the rows of r, the answer to the list request req: r must
// be an R, whose rows method reads them. A table the method cannot read is
// an error quoting it, redacted and cut short.
func rowsOf[R Response, T any](c *Client, req Command, r Response, rows func(R) ([]T, error)) ([]T, error) {
	got, ok := r.(R)
	if !ok {
		return nil, c.unexpected(req, r)
	}
	out, err := rows(got)
	if err != nil {
		return nil, errors.New(c.red.Excerpt(err.Error(), 512))
	}
	return out, nil
}

// pager reads a list a page at a time (see [pager.all]).
type pager[T any] struct {
	size    int                                // rows a page
	bound   int                                // rows a listing reads at most
	key     func(T) string                     // a row's identity, to tell a row met twice
	page    func(start, size int) ([]T, error) // the page from row start on (1 is the first)
	twice   func(T) error                      // the error ending a listing that meets a row again
	tooMany error                              // the error ending a listing past bound rows
}

// all yields the rows of the pages, read as the loop asks for them, up to
// the first page shorter than size. An error ends the sequence, yielded
// once with a zero row: a page that cannot be read, a row met twice (a
// server that ignores paging) or a row past bound (a server that keeps
// sending pages).
func (p pager[T]) all() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		seen := make(map[string]struct{})
		for start := 1; ; {
			rows, err := p.page(start, p.size)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, r := range rows {
				if _, dup := seen[p.key(r)]; dup {
					yield(zero, p.twice(r))
					return
				}
				if len(seen) == p.bound {
					yield(zero, p.tooMany)
					return
				}
				seen[p.key(r)] = struct{}{}
				if !yield(r, nil) {
					return
				}
			}
			if len(rows) < p.size {
				return
			}
			start += len(rows)
		}
	}
}

package rest

import (
	"cmp"
	"fmt"
	"iter"
)

// The caps of every List… iterator of the REST clients: a listing that has
// not ended after MaxListPages pages or MaxListItems items stops with an
// error, so a server that keeps answering full pages of new ids cannot
// keep a caller (a prune, an export) listing forever. The vendor packages
// document these numbers.
const (
	MaxListPages = 10_000
	MaxListItems = 100_000
)

// Page is one page of a listing: its items, and the position of the next
// page ("" after the last one). A position is whatever the API pages by: a
// cursor, an offset, a row number.
type Page[T any] struct {
	Items []T
	Next  string
}

// Lister walks a paged listing lazily, with the caps and the checks every
// List… iterator has.
type Lister[T any] struct {
	// Name names the listing in its errors, e.g. "livevox: ListCallCenters".
	Name string
	// Fetch gets the page at a position ("" or the start given to Seq for
	// the first one).
	Fetch func(position string) (Page[T], error)
	// Position names what the pages go by in errors ("" for "cursor").
	Position string
	// Key names an item, so that a page whose first item began an earlier
	// page (a server that ignores the position) ends the listing with an
	// error. Nil: not checked.
	Key func(T) string
	// Repeated, when set, makes the error of a repeated position or page
	// from the reason; the default is a *[ListError].
	Repeated func(reason string) error
	// MaxPages and MaxItems are the caps (0: [MaxListPages],
	// [MaxListItems]).
	MaxPages, MaxItems int
}

// ListError is the error that ends a listing the server would not let end.
type ListError struct {
	List   string // e.g. "offices: ListOffices"
	Reason string // what happened
	Pages  int    // pages read
	Items  int    // items yielded
}

// Error returns "list: reason (after N pages, M items); stopping".
func (e *ListError) Error() string {
	return fmt.Sprintf("%s: %s (after %d pages, %d items); stopping", e.List, e.Reason, e.Pages, e.Items)
}

// Seq returns the items from position start on, fetching pages as the
// loop needs them. An error is yielded once, with a zero item, and ends
// the sequence: a failed fetch, a position the server hands back twice, a
// repeated page, or a cap reached before the last page.
func (l Lister[T]) Seq(start string) iter.Seq2[T, error] {
	maxPages, maxItems := l.MaxPages, l.MaxItems
	if maxPages <= 0 {
		maxPages = MaxListPages
	}
	if maxItems <= 0 {
		maxItems = MaxListItems
	}
	return func(yield func(T, error) bool) {
		var zero T
		fail := func(err error) { yield(zero, err) }
		seen := map[string]bool{start: true} // positions asked for
		firsts := map[string]bool{}          // keys of the pages' first items
		pos, pages, items := start, 0, 0
		stop := func(reason string) error {
			return &ListError{List: l.Name, Reason: reason, Pages: pages, Items: items}
		}
		for {
			if pages >= maxPages {
				fail(stop(fmt.Sprintf("the listing cap of %d pages was reached", maxPages)))
				return
			}
			page, err := l.Fetch(pos)
			if err != nil {
				fail(err)
				return
			}
			pages++
			if l.Key != nil && len(page.Items) > 0 {
				k := l.Key(page.Items[0])
				if firsts[k] {
					fail(l.repeated(fmt.Sprintf("the page at %s %q repeats an earlier page (it starts with %q again)", l.position(), pos, k), stop))
					return
				}
				firsts[k] = true
			}
			for _, it := range page.Items {
				if items >= maxItems {
					fail(stop(fmt.Sprintf("the listing cap of %d items was reached", maxItems)))
					return
				}
				items++
				if !yield(it, nil) {
					return
				}
			}
			if page.Next == "" {
				return
			}
			if seen[page.Next] {
				fail(l.repeated(fmt.Sprintf("the server returned %s %q twice", l.position(), page.Next), stop))
				return
			}
			seen[page.Next] = true
			pos = page.Next
		}
	}
}

func (l Lister[T]) repeated(reason string, stop func(string) error) error {
	if l.Repeated != nil {
		return l.Repeated(reason)
	}
	return stop(reason)
}

func (l Lister[T]) position() string { return cmp.Or(l.Position, "cursor") }

package rest

import (
	"errors"
	"strconv"
	"testing"
)

// endless is a listing whose server keeps answering full pages of new ids.
func endless(size int) func(string) (Page[string], error) {
	return func(pos string) (Page[string], error) {
		n, _ := strconv.Atoi(pos)
		items := make([]string, size)
		for i := range items {
			items[i] = "id-" + strconv.Itoa(n+i)
		}
		return Page[string]{Items: items, Next: strconv.Itoa(n + size)}, nil
	}
}

// collect runs a listing to its end and returns what it yielded.
func collect(t *testing.T, seq func(func(string, error) bool)) (items []string, errs []error) {
	t.Helper()
	for it, err := range seq {
		if err != nil {
			if it != "" {
				t.Errorf("an error came with the item %q", it)
			}
			errs = append(errs, err)
			continue
		}
		items = append(items, it)
	}
	return items, errs
}

// TestListerCaps: a server that never ends a listing stops it after the
// page cap or the item cap, with one *ListError saying which.
func TestListerCaps(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		size, maxPages, maxIts int
		wantItems              int
		want                   string
	}{
		{"pages", 3, 4, 1000, 12, "offices: ListOffices: the listing cap of 4 pages was reached (after 4 pages, 12 items); stopping"},
		{"items", 3, 1000, 10, 10, "offices: ListOffices: the listing cap of 10 items was reached (after 4 pages, 10 items); stopping"},
	} {
		l := Lister[string]{Name: "offices: ListOffices", Fetch: endless(tc.size), MaxPages: tc.maxPages, MaxItems: tc.maxIts}
		items, errs := collect(t, l.Seq("0"))
		var le *ListError
		if len(items) != tc.wantItems || len(errs) != 1 || !errors.As(errs[0], &le) || errs[0].Error() != tc.want {
			t.Errorf("%s: %d items, errors %v; want %d items and %q", tc.name, len(items), errs, tc.wantItems, tc.want)
		}
	}
	if MaxListPages != 10_000 || MaxListItems != 100_000 {
		t.Errorf("the documented caps changed: %d pages, %d items", MaxListPages, MaxListItems)
	}
	// The defaults apply when no cap is set.
	items, errs := collect(t, Lister[string]{Name: "x", Fetch: endless(1000)}.Seq("0"))
	if len(items) != MaxListItems || len(errs) != 1 {
		t.Errorf("default caps: %d items, %v", len(items), errs)
	}
}

// TestListerRepeats: a cursor handed back twice, or a page that starts with
// an item that began an earlier one, ends the listing with an error.
func TestListerRepeats(t *testing.T) {
	cursors := map[string]string{"": "a", "a": "b", "b": "a"}
	l := Lister[string]{Name: "offices: ListDepartments", Fetch: func(pos string) (Page[string], error) {
		return Page[string]{Items: []string{"item " + pos}, Next: cursors[pos]}, nil
	}}
	items, errs := collect(t, l.Seq(""))
	if len(items) != 3 || len(errs) != 1 || errs[0].Error() != `offices: ListDepartments: the server returned cursor "a" twice (after 3 pages, 3 items); stopping` {
		t.Errorf("repeated cursor: %v, %v", items, errs)
	}

	// A server that ignores the position answers the first page again.
	same := Lister[string]{Name: "livevox: ListCallCenters", Position: "offset", Key: func(s string) string { return s },
		Fetch: func(pos string) (Page[string], error) {
			n, _ := strconv.Atoi(pos)
			return Page[string]{Items: []string{"1", "2"}, Next: strconv.Itoa(n + 2)}, nil
		}}
	items, errs = collect(t, same.Seq("0"))
	if len(items) != 2 || len(errs) != 1 || errs[0].Error() != `livevox: ListCallCenters: the page at offset "2" repeats an earlier page (it starts with "1" again) (after 2 pages, 2 items); stopping` {
		t.Errorf("repeated page: %v, %v", items, errs)
	}

	// The vendor's own error for a repeat.
	mine := errors.New("page repeated")
	same.Repeated = func(string) error { return mine }
	if _, errs = collect(t, same.Seq("0")); len(errs) != 1 || errs[0] != mine {
		t.Errorf("Repeated: %v", errs)
	}
}

// TestListerEnds: a listing ends at the page without a next position,
// stops when the loop breaks (no further fetch), and yields a fetch error
// once.
func TestListerEnds(t *testing.T) {
	fetches := 0
	l := Lister[string]{Name: "x", Fetch: func(pos string) (Page[string], error) {
		fetches++
		if pos == "" {
			return Page[string]{Items: []string{"a", "b"}, Next: "2"}, nil
		}
		return Page[string]{Items: []string{"c"}}, nil
	}}
	if items, errs := collect(t, l.Seq("")); len(items) != 3 || errs != nil || fetches != 2 {
		t.Errorf("items %v, errors %v, %d fetches", items, errs, fetches)
	}
	fetches = 0
	for range l.Seq("") {
		break
	}
	if fetches != 1 {
		t.Errorf("a loop that broke at once made %d fetches", fetches)
	}
	boom := errors.New("boom")
	failing := Lister[string]{Name: "x", Fetch: func(string) (Page[string], error) { return Page[string]{}, boom }}
	if items, errs := collect(t, failing.Seq("")); len(items) != 0 || len(errs) != 1 || errs[0] != boom {
		t.Errorf("fetch error: %v, %v", items, errs)
	}
}

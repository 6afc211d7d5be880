package offices

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Span is one opening period of a day: Span{"08:00", "12:00"} opens at 8
// and closes at noon. Times are "HH:MM" on a 24-hour clock (00:00–23:59)
// in the office's timezone.
type Span [2]string

// Opens returns the opening time.
func (s Span) Opens() string { return s[0] }

// Closes returns the closing time.
func (s Span) Closes() string { return s[1] }

// Hours are the opening periods of one weekday, in order. On the wire they
// are a flat list of times, so
//
//	offices.Hours{{"08:00", "12:00"}, {"14:00", "18:00"}}
//
// is sent as ["08:00", "12:00", "14:00", "18:00"] (open 8 to noon and 2 to
// 6 pm). A nil Hours is left out of a request, so Dialpad applies its
// default (08:00–18:00 on weekdays, closed at weekends); an empty non-nil
// Hours, [ClosedAllDay], is sent as [] and means closed all day. Hours only
// take effect when the request's HoursOn is true.
type Hours []Span

// Times returns the flat wire form of h.
func (h Hours) Times() []string {
	if h == nil {
		return nil
	}
	out := make([]string, 0, 2*len(h))
	for _, s := range h {
		out = append(out, s[0], s[1])
	}
	return out
}

// MarshalJSON writes the flat list of times (null for nil Hours).
func (h Hours) MarshalJSON() ([]byte, error) {
	if h == nil {
		return []byte("null"), nil
	}
	return json.Marshal(h.Times())
}

// UnmarshalJSON reads a flat list of times; an odd number of times is an
// error.
func (h *Hours) UnmarshalJSON(b []byte) error {
	var times []string
	if err := json.Unmarshal(b, &times); err != nil {
		return err
	}
	if times == nil {
		*h = nil
		return nil
	}
	if len(times)%2 != 0 {
		return fmt.Errorf("hours %q: want pairs of times, got an odd number (%d)", times, len(times))
	}
	out := make(Hours, 0, len(times)/2)
	for i := 0; i < len(times); i += 2 {
		out = append(out, Span{times[i], times[i+1]})
	}
	*h = out
	return nil
}

// Validate checks that every time is "HH:MM" between 00:00 and 23:59 and
// that the times increase strictly (each span opens before it closes and
// after the previous span closed). The error names the flat wire index,
// e.g. "[3]".
func (h Hours) Validate() error {
	v := problems{subject: "hours"}
	h.check("", v.add)
	return v.err()
}

// check reports every problem of h under field (e.g. "monday_hours").
func (h Hours) check(field string, add func(field, format string, args ...any)) {
	prev, prevAt := -1, ""
	for i, t := range h.Times() {
		f := fmt.Sprintf("%s[%d]", field, i)
		m, ok := parseClock(t)
		if !ok {
			add(f, "%q is not a time of day (want HH:MM, 00:00 to 23:59)", t)
			prev = -1 // do not compare with an unparsable neighbour
			continue
		}
		if prev >= 0 && m <= prev {
			add(f, "%q must be later than %q: times must be in order", t, prevAt)
		}
		prev, prevAt = m, t
	}
}

// ClosedAllDay returns empty, non-nil Hours: the office is closed that day.
func ClosedAllDay() Hours { return Hours{} }

// parseClock parses "HH:MM" (exactly five characters) into minutes after
// midnight.
func parseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	d := func(c byte) (int, bool) { return int(c - '0'), c >= '0' && c <= '9' }
	h1, ok1 := d(s[0])
	h2, ok2 := d(s[1])
	m1, ok3 := d(s[3])
	m2, ok4 := d(s[4])
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return 0, false
	}
	h, m := h1*10+h2, m1*10+m2
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// ID is a Dialpad object id, a 64-bit integer. It is sent as a JSON number
// and read from either a number or a string holding one: Dialpad's API
// serves 64-bit integers as JSON strings ("id": "5620703441190912").
type ID int64

// String returns the id in decimal.
func (id ID) String() string { return strconv.FormatInt(int64(id), 10) }

// UnmarshalJSON accepts 123, "123" and null (zero).
func (id *ID) UnmarshalJSON(b []byte) error {
	n, err := parseInt(b)
	if err != nil {
		return fmt.Errorf("id: %w", err) // decoding: the caller's error names offices
	}
	*id = ID(n)
	return nil
}

// Int is an integer in a response, read from a JSON number or a string
// holding one (Dialpad sends 64-bit integers as strings).
type Int int64

// UnmarshalJSON accepts 12, "12" and null (zero).
func (n *Int) UnmarshalJSON(b []byte) error {
	v, err := parseInt(b)
	if err != nil {
		return err
	}
	*n = Int(v)
	return nil
}

func parseInt(b []byte) (int64, error) {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return 0, nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return 0, err
		}
		b = []byte(s)
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%.32q is not an integer", b)
	}
	return v, nil
}

package ucontact

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/internal/rest"
	"github.com/ccsdk/callcenter-go/internal/transport"
)

// DefaultSearchLimit is the page size of recording searches when
// RecordingSearch.Limit is zero (the document's example).
const DefaultSearchLimit = 50

// MaxSearchLimit bounds RecordingSearch.Limit.
const MaxSearchLimit = 1000

// RecordingFilter is the "filter" object of Cdr/getrecords. Empty fields
// do not filter.
type RecordingFilter struct {
	From, To    time.Time // call date range ("calldatei", "calldatef")
	Agent       string
	Campaign    string
	Source      string
	Destination string
	Data        string // data of the call tag
	Range       string // hour range
	Rating      string // qualification
	MinDuration int    // minimum duration ("mindur"); 0 sends ""
	Exclude     string // number to exclude
	// Count ("cont") keeps numbers seen at least this many times in the
	// range; 0 sends "".
	Count int
}

// MarshalJSON writes the document's object, every key present and "type"
// set to "record" as uContact requires.
func (f RecordingFilter) MarshalJSON() ([]byte, error) {
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	return marshalNoEscape(struct {
		CallDateI   string `json:"calldatei"`
		CallDateF   string `json:"calldatef"`
		Agent       string `json:"agent"`
		Campaign    string `json:"campaign"`
		Source      string `json:"source"`
		Destination string `json:"destination"`
		Data        string `json:"data"`
		Range       string `json:"range"`
		Rating      string `json:"rating"`
		MinDur      string `json:"mindur"`
		Exclude     string `json:"exclude"`
		Type        string `json:"type"`
		Cont        string `json:"cont"`
	}{formatTime(f.From), formatTime(f.To), f.Agent, f.Campaign, f.Source, f.Destination, f.Data,
		f.Range, f.Rating, num(f.MinDuration), f.Exclude, "record", num(f.Count)})
}

// RecordingSearch is a search of call recordings. A nil *RecordingSearch is
// the zero one: every recording (no filter), from the first, in pages of
// [DefaultSearchLimit].
type RecordingSearch struct {
	Filter RecordingFilter
	// LastRow is the number of records to skip ("lastrow"): 0 gives the
	// first page, 50 the second with a limit of 50.
	LastRow int
	// Limit is the page size ("searchLimit"); 0 means DefaultSearchLimit.
	Limit int
}

type recordingsForm struct {
	LastRow     int                        `url:"lastrow"`
	SearchLimit int                        `url:"searchLimit"`
	Filter      jsonField[RecordingFilter] `url:"filter"`
	// Random is always 1; the document writes the name capitalised.
	Random int `url:"Random"`
}

// Recording is one call recording found by a search. Reference 003 does
// not show the record layout: the fields are read by the names of the
// filter object (guid, calldate, agent, campaign, source, destination,
// data, rating) plus duration, numbers or strings alike, and Raw keeps the
// whole record as uContact sent it.
type Recording struct {
	GUID        string `json:"guid"`
	CallDate    string `json:"calldate"` // "2016-01-18 10:20:30"
	Agent       string `json:"agent"`
	Campaign    string `json:"campaign"`
	Source      string `json:"source"`
	Destination string `json:"destination"`
	Data        string `json:"data"`
	Rating      string `json:"rating"`
	Duration    int    `json:"duration"` // seconds
	// Raw is the record as received.
	Raw json.RawMessage `json:"raw,omitempty"`
}

// UnmarshalJSON reads a record tolerantly: numbers and strings are both
// accepted, unknown fields are kept in Raw, a value that is not an object
// leaves the fields empty.
func (r *Recording) UnmarshalJSON(b []byte) error {
	*r = Recording{Raw: append(json.RawMessage(nil), b...)}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	get := func(keys ...string) string {
		for _, k := range keys {
			if v, ok := m[k]; ok {
				if s := flexString(v); s != "" {
					return s
				}
			}
		}
		return ""
	}
	r.GUID = get("guid", "uniqueid")
	r.CallDate = get("calldate")
	r.Agent = get("agent")
	r.Campaign = get("campaign")
	r.Source = get("source", "src")
	r.Destination = get("destination", "dst")
	r.Data = get("data")
	r.Rating = get("rating")
	if d, err := strconv.ParseFloat(get("duration", "billsec"), 64); err == nil && d > 0 && d < 1e9 {
		r.Duration = int(d)
	}
	return nil
}

// flexString gives a JSON scalar as text ("" for null, objects, arrays).
func flexString(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		return n.String()
	}
	var b bool
	if json.Unmarshal(v, &b) == nil {
		return strconv.FormatBool(b)
	}
	return ""
}

// Folder returns the day folder of the recording ("20160118"), taken from
// its call date, or "" when the date is missing.
func (r Recording) Folder() string {
	if len(r.CallDate) < len(time.DateOnly) {
		return ""
	}
	t, err := time.Parse(time.DateOnly, r.CallDate[:len(time.DateOnly)])
	if err != nil {
		return ""
	}
	return Folder(t)
}

// Folder returns the day folder uContact stores a recording of day t in:
// the date without hyphens, "20160118".
func Folder(t time.Time) string { return t.Format("20060102") }

// ListRecordingsPage returns one page of recordings (POST Cdr/getrecords):
// s.Limit records from s.LastRow on; a nil s is the first page of every
// recording. A search is a read, so it is retried on transient failures.
// [Client.ListRecordings] pages for you.
func (c *Client) ListRecordingsPage(ctx context.Context, s *RecordingSearch) ([]Recording, error) {
	const action = "Cdr/getrecords"
	if s == nil {
		s = &RecordingSearch{}
	}
	limit := s.Limit
	switch {
	case limit == 0:
		limit = DefaultSearchLimit
	case limit < 0 || limit > MaxSearchLimit:
		return nil, invalid(action, "searchLimit", fmt.Sprintf("must be between 1 and %d", MaxSearchLimit))
	}
	if s.LastRow < 0 {
		return nil, invalid(action, "lastrow", "must not be negative")
	}
	f := s.Filter
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, invalid(action, "filter.calldatef", "is before filter.calldatei")
	}
	if f.MinDuration < 0 || f.Count < 0 {
		return nil, invalid(action, "filter", "mindur and cont must not be negative")
	}
	var page []Recording
	err := c.postJSON(ctx, action, recordingsForm{
		LastRow: s.LastRow, SearchLimit: limit, Filter: asJSON(f), Random: 1,
	}, &page)
	return page, err
}

// ListRecordings returns every recording matching the search, fetching
// pages lazily as the loop advances, from s.LastRow on (a nil s: every
// recording, from the first). A short page ends it. An error is yielded once, and ends it; so does a server that answers
// the same page again (it ignores lastrow: the error matches
// [ErrUnexpectedResult]), and a search that goes on past 10,000 pages or
// 100,000 recordings (the listing cap of every REST client of the module:
// narrow the search, or page with [Client.ListRecordingsPage]). Stop early
// with break.
func (c *Client) ListRecordings(ctx context.Context, s *RecordingSearch) iter.Seq2[Recording, error] {
	q := RecordingSearch{}
	if s != nil {
		q = *s
	}
	if q.Limit == 0 {
		q.Limit = DefaultSearchLimit
	}
	return rest.Lister[Recording]{
		Name:     "ucontact: ListRecordings",
		Position: "lastrow",
		Key:      func(r Recording) string { return string(r.Raw) },
		Repeated: func(string) error {
			return c.resultError("Cdr/getrecords", "page repeated", fmt.Errorf("%w: the server ignored lastrow=%d", ErrUnexpectedResult, q.LastRow))
		},
		Fetch: func(pos string) (rest.Page[Recording], error) {
			q.LastRow, _ = strconv.Atoi(pos)
			page, err := c.ListRecordingsPage(ctx, &q)
			if err != nil || len(page) < q.Limit {
				return rest.Page[Recording]{Items: page}, err
			}
			return rest.Page[Recording]{Items: page, Next: strconv.Itoa(q.LastRow + len(page))}, nil
		},
	}.Seq(strconv.Itoa(q.LastRow))
}

type convertForm struct {
	GUID   string `url:"guid"`
	Folder string `url:"folder"`
}

// ConvertRecording converts a GSM recording to MP3 on the server (POST
// Supervisor/convert); uContact answers 1 when done. folder is the day
// folder the recording was found in ("20160118", see [Folder]), or "".
// Afterwards [Client.FindRecording] finds the MP3.
func (c *Client) ConvertRecording(ctx context.Context, guid, folder string) error {
	const action = "Supervisor/convert"
	if err := collect(action,
		checkGUID(action, guid),
		checkFolder(action, folder),
	); err != nil {
		return err
	}
	return c.post(ctx, action, convertForm{GUID: guid, Folder: folder}, false)
}

// ErrRecordingNotFound is returned by [Client.FindRecording] when no
// documented location holds the recording. It matches [ErrNotFound].
var ErrRecordingNotFound error = notFound("ucontact: recording not found in any documented location")

// notFound is an error of its own text that matches [ErrNotFound].
type notFound string

func (e notFound) Error() string        { return string(e) }
func (e notFound) Is(target error) bool { return target == ErrNotFound }

// Recording formats, in the order FindRecording tries them.
const (
	FormatMP3 = "mp3"
	FormatGSM = "gsm"
)

type recordingHost struct {
	base string // scheme://host[/prefix]
	tc   *transport.Client
}

func (c *Client) recordingHosts(cfg *options) ([]recordingHost, error) {
	tel := c.origin
	if cfg.telephony != "" {
		tel = cfg.telephony
	}
	var hosts []recordingHost
	for _, raw := range []string{tel, cfg.backup} {
		if raw == "" {
			hosts = append(hosts, recordingHost{})
			continue
		}
		base, err := recordingBase(raw)
		if err != nil { // not expected: NewClient checked it
			return nil, err
		}
		rc := cfg.Config
		rc.BaseURL = base
		rc.Auth = nil
		if base == c.origin {
			rc.Auth = cfg.Auth // the API server knows our credentials
		}
		tc, err := transport.New(rc)
		if err != nil {
			return nil, err
		}
		hosts = append(hosts, recordingHost{base: base, tc: tc})
	}
	return hosts, nil
}

func recordingBase(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || u.User != nil || u.RawQuery != "" {
		return "", errors.New("bad URL")
	}
	return u.Scheme + "://" + u.Host + strings.TrimSuffix(u.EscapedPath(), "/"), nil
}

func checkGUID(action, guid string) error {
	if guid == "" {
		return invalid(action, "guid", "is required")
	}
	for _, r := range guid {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_' || r == '.') {
			return invalid(action, "guid", quote(guid)+" has the character "+quote(string(r)))
		}
	}
	if strings.HasPrefix(guid, ".") {
		return invalid(action, "guid", "must not start with '.'")
	}
	return nil
}

func checkFolder(action, folder string) error {
	if folder == "" {
		return nil
	}
	if _, err := time.Parse("20060102", folder); err != nil || len(folder) != 8 {
		return invalid(action, "folder", "must be a day written YYYYMMDD, not "+quote(folder))
	}
	return nil
}

// recordingPaths lists, for one format, where a recording may be, in the
// document's order: telephony server flat, telephony server day folder,
// backup server day folder, backup server flat. (Reference 003 lists the
// telephony location twice; the second is read as the day folder, the
// pattern of the backup lines and of the note on folders.) Locations on an
// unset server, and day folders when folder is "", are left out.
func (c *Client) recordingPaths(guid, folder, format string) []struct {
	host *recordingHost
	path string
} {
	type loc = struct {
		host *recordingHost
		path string
	}
	flat := "records/" + guid + "." + format
	dated := ""
	if folder != "" {
		dated = "records/" + folder + "/" + guid + "." + format
	}
	tel, bak := &c.rec[0], &c.rec[1]
	var out []loc
	for _, l := range []loc{{tel, flat}, {tel, dated}, {bak, dated}, {bak, flat}} {
		if l.host.base != "" && l.path != "" {
			out = append(out, l)
		}
	}
	return out
}

// RecordingURLs returns the URLs where uContact may store a recording, in
// the order [Client.FindRecording] tries them (see WithRecordingHosts).
// folder is the recording's day folder ([Recording.Folder]) or "";
// format is FormatMP3 or FormatGSM ("" means MP3).
func (c *Client) RecordingURLs(guid, folder, format string) ([]string, error) {
	const action = "RecordingURLs"
	if err := collect(action,
		checkGUID(action, guid),
		checkFolder(action, folder),
	); err != nil {
		return nil, err
	}
	if format == "" {
		format = FormatMP3
	}
	if format != FormatMP3 && format != FormatGSM {
		return nil, invalid(action, "format", "must be mp3 or gsm, not "+quote(format))
	}
	var urls []string
	for _, l := range c.recordingPaths(guid, folder, format) {
		urls = append(urls, l.host.base+"/"+l.path)
	}
	return urls, nil
}

// FindRecording looks for a recording where uContact stores them and
// returns the URL of the first location that has it: the MP3 locations in
// the documented order, then the same locations in GSM. Each is probed
// with a HEAD request (sent with the API credentials only to the API
// server). When none has it the error is [ErrRecordingNotFound]; a GSM-only
// recording can be converted with [Client.ConvertRecording]. Any other
// failure (a 5xx after retries, a 401) is returned as is.
func (c *Client) FindRecording(ctx context.Context, guid, folder string) (string, error) {
	const action = "FindRecording"
	if err := collect(action,
		checkGUID(action, guid),
		checkFolder(action, folder),
	); err != nil {
		return "", err
	}
	// The probes go through the recording hosts' own transports: the call
	// is entered here so that Close refuses it as it refuses every other.
	leave, err := c.tc.Enter(action)
	if err != nil {
		return "", err
	}
	defer leave()
	for _, format := range []string{FormatMP3, FormatGSM} {
		for _, l := range c.recordingPaths(guid, folder, format) {
			_, err := l.host.tc.Do(ctx, &transport.Request{Method: http.MethodHead, Path: l.path}, nil)
			var apiErr *Error
			switch {
			case err == nil:
				return l.host.base + "/" + l.path, nil
			case errors.As(err, &apiErr) && (apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusGone):
				continue
			default:
				return "", err
			}
		}
	}
	return "", ErrRecordingNotFound
}

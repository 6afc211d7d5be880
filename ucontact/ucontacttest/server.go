// Package ucontacttest is an in-process fake of the uContact Integra API
// for tests, examples and benchmarks.
//
//	srv := ucontacttest.NewServer()
//	defer srv.Close()
//	c, _ := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.User, ucontacttest.Password))
//
// The fake listens on 127.0.0.1 and is stateful: it logs users in
// (auth/getUserToken answers a JSON list ending in the session key, 0 for
// bad credentials), accepts "Authorization: Basic <key>" of a live session
// or "Bearer <token>" of a known API token (401 otherwise), and keeps agent
// calls, dispositions, workflow calls, the blacklist, dialer contacts,
// schedules, uploaded bases, CDR records (paged by lastrow/searchLimit),
// recording files and campaign status. It answers the documented text
// results: 1, OK, a call GUID, an empty body for TagRecord, and 0 for a
// request that breaks the documented rules (a missing mandatory field, a
// malformed JSON object, a DialerTask object without every key, a respool
// of a number already in the spool, an upload whose cant does not match its
// lines...). Every action must be a POST with a form body.
//
// Fault injection: [Server.FailNext] (HTTP error status), [Server.RateLimitNext]
// (429 with Retry-After), [Server.DropNext] (connection closed after the
// request is read), [Server.AnswerZeroNext] (the documented failure text),
// [Server.SetLatency] and [Server.ExpireSessions]. A Server is safe for
// concurrent use; Close stops it and every pending handler.
package ucontacttest

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
)

// Credentials every new Server accepts.
const (
	User     = "apiuser"
	Password = "fake-password-1"
	APIToken = "fake-api-token-0123456789"
)

// DateTimeLayout is how uContact writes dates.
const DateTimeLayout = "2006-01-02 15:04:05"

// Call is an agent call placed with Agents/AgentCall.
type Call struct {
	GUID        string
	CallerID    string
	Agent       string
	Phone       string
	Tech        string
	Context     string
	OutQueue    string
	Destination string
	Active      bool // false once hung up
}

// Disposition is a call disposition received on api/DispositionCall.
type Disposition struct {
	Fields map[string]string // the form as received
}

// WorkflowCall is a call of admin/CallWorkflow.
type WorkflowCall struct {
	Context   string
	Extension string
	Params    map[string]any
}

// BlacklistEntry is a blacklisted number.
type BlacklistEntry struct {
	Phone      string `json:"phone"`
	Campaign   string `json:"campaign"`
	Username   string `json:"username,omitempty"`
	Company    string `json:"company,omitempty"`
	JobTitle   string `json:"job_title,omitempty"`
	Name       string `json:"name,omitempty"`
	ExpireDate string `json:"expire_date,omitempty"`
	Direction  string `json:"direction,omitempty"`
}

// Contact is a number waiting in a dialer.
type Contact struct {
	Campaign     string
	Destination  string
	Alternatives string
	Data         string
	Priority     int
	AgentPhone   string
	Agent        string
	Source       string // "respool", "dialertask", "upload:<filename>", or the task's source
	CallDate     string // "" for null
	Bulk         bool
	Automatic    bool
	Retries      int
	Contact      int
	DialerBase   string
}

// Schedule is a scheduled dialer call.
type Schedule struct {
	CallDate     string
	Campaign     string
	Destination  string
	Alternatives string
	AgentPhone   string
	Data         string
}

// Upload is a base uploaded with Dialers/uploadbase(withtimezone).
type Upload struct {
	Filename string
	Campaign string
	Username string
	TimeZone string
	Lines    []string
}

// Record is a CDR record with a recording, as Cdr/getrecords returns it.
type Record struct {
	GUID        string `json:"guid"`
	CallDate    string `json:"calldate"` // DateTimeLayout
	Agent       string `json:"agent"`
	Campaign    string `json:"campaign"`
	Source      string `json:"source"`
	Destination string `json:"destination"`
	Duration    int    `json:"duration"`
	Data        string `json:"data"`
	Rating      string `json:"rating"`
	Tag         string `json:"tag,omitempty"`
}

// Campaign is the status of one campaign, served by Supervisor/queuesummary
// and Supervisor/campaignstatus.
type Campaign struct {
	Name          string
	LoggedIn      int
	Available     int
	NotAvailable  int
	Paused        int
	Callers       int
	HoldTime      int
	TalkTime      int
	LongestHold   int
	Completed     int
	Abandoned     int
	TotalCalls    int
	Strategy      string
	WrapUpSeconds int
	// Agents appear in campaignstatus as extra entries keyed by name.
	Agents []string
}

// Option configures a Server.
type Option func(*Server)

// WithUser adds a user that can log in.
func WithUser(user, password string) Option { return func(s *Server) { s.users[user] = password } }

// WithAPIToken adds an accepted portal API token.
func WithAPIToken(token string) Option { return func(s *Server) { s.tokens[token] = true } }

// WithRecords seeds CDR records.
func WithRecords(recs ...Record) Option {
	return func(s *Server) { s.records = append(s.records, recs...) }
}

// WithCampaigns replaces the default campaigns ("Power<-" and "test->").
func WithCampaigns(cs ...Campaign) Option {
	return func(s *Server) { s.campaigns = slices.Clone(cs) }
}

// Server is the fake. Its URL is the server root: pass it to
// ucontact.NewClient.
type Server struct {
	URL string

	srv *fault.Server

	mu           sync.Mutex
	users        map[string]string
	tokens       map[string]bool
	sessions     map[string]string // key -> user
	seq          int
	logins       int
	requests     map[string]int
	calls        []*Call
	dispositions []Disposition
	workflows    []WorkflowCall
	blacklist    []BlacklistEntry
	contacts     []Contact
	schedules    []Schedule
	uploads      []Upload
	records      []Record
	files        map[string]bool // paths under /records/
	campaigns    []Campaign

	zeroN int
}

// NewServer starts a fake on 127.0.0.1 that knows [User]/[Password] and
// [APIToken].
func NewServer(opts ...Option) *Server {
	s := &Server{
		users:    map[string]string{User: Password},
		tokens:   map[string]bool{APIToken: true},
		sessions: map[string]string{},
		requests: map[string]int{},
		files:    map[string]bool{},
		campaigns: []Campaign{
			{Name: "Power<-", LoggedIn: 10, Available: 5, Callers: 3, HoldTime: 18, TalkTime: 130, LongestHold: 220, NotAvailable: 1, Strategy: "leastrecent"},
			{Name: "test->", Strategy: "leastrecent", WrapUpSeconds: 3},
		},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = fault.NewServer(fault.Config{WriteError: func(w http.ResponseWriter, _ *http.Request, status int) {
		http.Error(w, fmt.Sprintf("injected failure %d", status), status)
	}}, func(f *fault.Faults) http.Handler {
		handle := f.Wrap(http.HandlerFunc(s.serve))
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.requests[actionOf(r)]++ // faults included
			s.mu.Unlock()
			handle.ServeHTTP(w, r)
		})
	})
	s.URL = s.srv.URL
	return s
}

// Close stops the server, ending pending handlers (latency waits too).
func (s *Server) Close() { s.srv.Close() }

// Each fault hook keeps one pending fault, which a later call replaces (n
// <= 0 cancels it). When several are pending, a drop comes first, then a
// failure, then a rate limit.
const (
	rateFault = "rate"
	failFault = "fail"
	dropFault = "drop"
)

// FailNext answers the next n requests with HTTP status (e.g. 500, 503).
func (s *Server) FailNext(n, status int) {
	s.srv.Set(failFault, fault.Fault{Times: n, Status: status, Priority: 1})
}

// RateLimitNext answers the next n requests with 429 and a Retry-After of
// retryAfter (rounded up to whole seconds; 0 sends "0").
func (s *Server) RateLimitNext(n int, retryAfter time.Duration) {
	s.srv.Set(rateFault, fault.Fault{Times: n, Status: http.StatusTooManyRequests,
		RetryAfter: fault.RetryAfter(retryAfter), Write: func(w http.ResponseWriter, _ *http.Request, status int) {
			http.Error(w, "Too Many Requests", status)
		}})
}

// DropNext reads the next n requests in full and then closes the
// connection without answering: the client cannot know whether the action
// happened (and it did not).
func (s *Server) DropNext(n int) {
	s.srv.Set(dropFault, fault.Fault{Times: n, Drop: true, Priority: 2})
}

// AnswerZeroNext answers the next n authenticated actions with the
// documented failure text "0" (HTTP 200) without acting.
func (s *Server) AnswerZeroNext(n int) {
	s.mu.Lock()
	s.zeroN = n
	s.mu.Unlock()
}

// SetLatency delays every answer by d (0 turns it off).
func (s *Server) SetLatency(d time.Duration) { s.srv.SetLatency(d) }

// ExpireSessions ends every login session, as a server restart or a
// session timeout does: the next request with an old key gets 401.
func (s *Server) ExpireSessions() {
	s.mu.Lock()
	clear(s.sessions)
	s.mu.Unlock()
}

// Sessions returns the number of live login sessions.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// Logins returns how many successful logins happened.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.logins
}

// Requests returns how many requests reached an action, e.g.
// "Dialers/DialerTask" (faults included).
func (s *Server) Requests(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[action]
}

// Calls returns the agent calls placed.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		out[i] = *c
	}
	return out
}

// Dispositions returns the dispositions received.
func (s *Server) Dispositions() []Disposition {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.dispositions)
}

// Workflows returns the workflow calls received.
func (s *Server) Workflows() []WorkflowCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.workflows)
}

// Blacklist returns the blacklist, in insertion order.
func (s *Server) Blacklist() []BlacklistEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.blacklist)
}

// Blacklisted reports whether phone is blacklisted for campaign (directly
// or for every campaign, "*").
func (s *Server) Blacklisted(campaign, phone string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.blacklist {
		if e.Phone == phone && (e.Campaign == campaign || e.Campaign == "*") {
			return true
		}
	}
	return false
}

// Contacts returns the numbers waiting in a dialer ("" for every dialer).
func (s *Server) Contacts(campaign string) []Contact {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Contact
	for _, c := range s.contacts {
		if campaign == "" || c.Campaign == campaign {
			out = append(out, c)
		}
	}
	return out
}

// Schedules returns the scheduled calls.
func (s *Server) Schedules() []Schedule {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.schedules)
}

// Uploads returns the bases uploaded.
func (s *Server) Uploads() []Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.uploads)
}

// AddRecords adds CDR records.
func (s *Server) AddRecords(recs ...Record) {
	s.mu.Lock()
	s.records = append(s.records, recs...)
	s.mu.Unlock()
}

// Record returns the CDR record with guid.
func (s *Server) Record(guid string) (Record, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.records {
		if r.GUID == guid {
			return r, true
		}
	}
	return Record{}, false
}

// PutRecordingFile makes the server serve a recording file at
// /records/<path>, e.g. "20160118/7e4e7db9.mp3" or "7e4e7db9.gsm".
// Supervisor/convert of a GSM file adds the MP3 beside it.
func (s *Server) PutRecordingFile(path string) {
	s.mu.Lock()
	s.files[strings.TrimPrefix(path, "/")] = true
	s.mu.Unlock()
}

// SetCampaign adds or replaces a campaign by name.
func (s *Server) SetCampaign(c Campaign) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.campaigns {
		if s.campaigns[i].Name == c.Name {
			s.campaigns[i] = c
			return
		}
	}
	s.campaigns = append(s.campaigns, c)
}

const apiPrefix = "/Integra/resources/"

// actionOf is the action name of a request, e.g. "Dialers/DialerTask" (the
// path, for a request outside the API).
func actionOf(r *http.Request) string {
	if a, ok := strings.CutPrefix(r.URL.Path, apiPrefix); ok {
		return a
	}
	return r.URL.Path
}

// serve answers a request that took no injected fault.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 32<<20))
	if err != nil {
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	action := actionOf(r)
	if strings.HasPrefix(r.URL.Path, "/records/") {
		s.serveFile(w, r)
		return
	}
	if !strings.HasPrefix(r.URL.Path, apiPrefix) {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		http.Error(w, "Unsupported Media Type", http.StatusUnsupportedMediaType)
		return
	}
	form, err := parseForm(body)
	if err != nil {
		http.Error(w, "bad form body", http.StatusBadRequest)
		return
	}
	if action == "auth/getUserToken" {
		s.login(w, form)
		return
	}
	h, ok := handlers[action]
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.mu.Lock()
	user, authorized := s.authorized(r.Header.Get("Authorization"))
	var out string
	switch {
	case !authorized:
	case s.zeroN > 0:
		s.zeroN--
		out = fail0
	default:
		out = h(s, &request{form: form, user: user, auth: r.Header.Get("Authorization")})
	}
	s.mu.Unlock()
	if !authorized {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
	if strings.HasPrefix(out, "[") || strings.HasPrefix(out, "{") {
		w.Header().Set("Content-Type", "application/json")
	}
	io.WriteString(w, out)
}

func parseForm(body []byte) (map[string]string, error) {
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, err
	}
	form := map[string]string{}
	for k, v := range vals {
		form[k] = v[len(v)-1]
	}
	return form, nil
}

func (s *Server) serveFile(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodHead && r.Method != http.MethodGet {
		http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
		return
	}
	p := strings.TrimPrefix(r.URL.Path, "/records/")
	s.mu.Lock()
	ok := s.files[p]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "audio/mpeg")
	w.Header().Set("Content-Length", "4")
	if r.Method == http.MethodGet {
		io.WriteString(w, "ID3\x00")
	}
}

func (s *Server) login(w http.ResponseWriter, form map[string]string) {
	s.mu.Lock()
	pw, known := s.users[form["user"]]
	var key string
	switch {
	case s.zeroN > 0:
		s.zeroN--
	case !known || form["password"] == "" || pw != form["password"]:
	default:
		s.logins++
		key = base64.StdEncoding.EncodeToString(fmt.Appendf(nil, "%s:%s", form["user"], s.guid()))
		s.sessions[key] = form["user"]
	}
	s.mu.Unlock()
	if key == "" {
		io.WriteString(w, fail0)
		return
	}
	// "Supervisor without phone": the key is the last element of the list.
	b, _ := json.Marshal([]string{form["user"], "Supervisor", key})
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

// authorized checks the Authorization header; callers hold s.mu.
func (s *Server) authorized(h string) (string, bool) {
	switch {
	case strings.HasPrefix(h, "Basic "):
		u, ok := s.sessions[strings.TrimPrefix(h, "Basic ")]
		return u, ok
	case strings.HasPrefix(h, "Bearer "):
		return "token", s.tokens[strings.TrimPrefix(h, "Bearer ")]
	}
	return "", false
}

// guid returns a new GUID-shaped id; callers hold s.mu.
func (s *Server) guid() string {
	s.seq++
	return fmt.Sprintf("%08x-f080-494e-b04b-%012x", 0x7e4e7db9+s.seq, s.seq)
}

type request struct {
	form map[string]string
	user string
	auth string
}

// handlers answer an authorized action; they run with s.mu held.
var handlers = map[string]func(s *Server, r *request) string{
	"auth/EndSession":                  (*Server).endSession,
	"Agents/AgentCall":                 (*Server).agentCall,
	"Agents/HungupPhone":               (*Server).hangup,
	"Agents/TagRecord":                 (*Server).tagRecord,
	"api/DispositionCall":              (*Server).disposition,
	"admin/CallWorkflow":               (*Server).workflow,
	"admin/addblack":                   func(s *Server, r *request) string { return s.black(r, false, true) },
	"admin/addblackbulk":               func(s *Server, r *request) string { return s.black(r, true, true) },
	"admin/deleteblack":                func(s *Server, r *request) string { return s.black(r, false, false) },
	"admin/deleteblackbulk":            func(s *Server, r *request) string { return s.black(r, true, false) },
	"Dialers/Respool":                  (*Server).respool,
	"Dialers/ScheduleDialerCall":       (*Server).schedule,
	"Dialers/RemoveScheduleDialerCall": (*Server).removeSchedule,
	"Dialers/DialerTask":               (*Server).dialerTask,
	"Dialers/RemoveContact":            (*Server).removeContact,
	"Dialers/uploadbase":               func(s *Server, r *request) string { return s.upload(r, false) },
	"Dialers/uploadbasewithtimezone":   func(s *Server, r *request) string { return s.upload(r, true) },
	"Cdr/getrecords":                   (*Server).getRecords,
	"Supervisor/queuesummary":          (*Server).queueSummary,
	"Supervisor/campaignstatus":        (*Server).campaignStatus,
	"Supervisor/convert":               (*Server).convert,
}

// The documented result texts.
const (
	ok1   = "1"
	fail0 = "0"
)

func (s *Server) endSession(r *request) string {
	key := strings.TrimPrefix(r.auth, "Basic ")
	if r.form["token"] != key || s.sessions[key] != r.form["user"] {
		return fail0
	}
	delete(s.sessions, key)
	return ok1
}

func (s *Server) agentCall(r *request) string {
	f := r.form
	if f["agent"] == "" || f["phone"] == "" || f["destination"] == "" {
		return fail0
	}
	c := &Call{GUID: s.guid(), CallerID: f["callerid"], Agent: f["agent"], Phone: f["phone"], Tech: f["tech"],
		Context: f["context"], OutQueue: f["outqueue"], Destination: f["destination"], Active: true}
	s.calls = append(s.calls, c)
	return c.GUID
}

func (s *Server) hangup(r *request) string {
	for _, c := range s.calls {
		if c.Active && c.Phone == r.form["phone"] {
			c.Active = false
			return ok1
		}
	}
	return fail0
}

func (s *Server) tagRecord(r *request) string {
	if r.form["guid"] == "" || r.form["data"] == "" {
		return fail0
	}
	for i := range s.records {
		if s.records[i].GUID == r.form["guid"] {
			s.records[i].Tag = r.form["data"]
		}
	}
	return "" // asynchronous: empty answer
}

func (s *Server) disposition(r *request) string {
	if r.form["campaign"] == "" || r.form["guid"] == "" {
		return fail0
	}
	if d := r.form["schedule"]; d != "" && !validDate(d) {
		return fail0
	}
	s.dispositions = append(s.dispositions, Disposition{Fields: r.form})
	return ok1
}

func (s *Server) workflow(r *request) string {
	var params map[string]any
	if r.form["context"] == "" || r.form["extension"] == "" || json.Unmarshal([]byte(r.form["jsonparams"]), &params) != nil || params == nil {
		return fail0
	}
	s.workflows = append(s.workflows, WorkflowCall{Context: r.form["context"], Extension: r.form["extension"], Params: params})
	return "OK"
}

func (s *Server) black(r *request, bulk, add bool) string {
	var entries []BlacklistEntry
	raw := []byte(r.form["black"])
	if bulk {
		if json.Unmarshal(raw, &entries) != nil || len(entries) == 0 {
			return fail0
		}
	} else {
		var e BlacklistEntry
		if !isObject(raw) || json.Unmarshal(raw, &e) != nil {
			return fail0
		}
		entries = []BlacklistEntry{e}
	}
	for _, e := range entries {
		if e.Phone == "" || e.Campaign == "" {
			return fail0 // the only mandatory fields
		}
	}
	for _, e := range entries {
		i := slices.IndexFunc(s.blacklist, func(b BlacklistEntry) bool { return b.Phone == e.Phone && b.Campaign == e.Campaign })
		switch {
		case add && i >= 0:
			s.blacklist[i] = e
		case add:
			s.blacklist = append(s.blacklist, e)
		case i >= 0:
			s.blacklist = slices.Delete(s.blacklist, i, i+1)
		}
	}
	return ok1
}

func isObject(b []byte) bool {
	var m map[string]json.RawMessage
	return json.Unmarshal(b, &m) == nil && m != nil
}

// fields decodes a JSON object form field, requiring the given keys.
func fields(raw string, keys ...string) (map[string]any, bool) {
	var m map[string]any
	if json.Unmarshal([]byte(raw), &m) != nil || m == nil {
		return nil, false
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return nil, false
		}
	}
	return m, true
}

func str(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func num(m map[string]any, k string) int {
	n, _ := strconv.Atoi(str(m, k))
	return n
}

func validDate(s string) bool {
	_, err := time.Parse(DateTimeLayout, s)
	return err == nil
}

func (s *Server) inSpool(campaign, number string) bool {
	return slices.ContainsFunc(s.contacts, func(c Contact) bool { return c.Campaign == campaign && c.Destination == number })
}

func (s *Server) respool(r *request) string {
	m, ok := fields(r.form["callspool"], "campaign", "destination", "status")
	if !ok || str(m, "campaign") == "" || str(m, "destination") == "" || num(m, "status") != 1 {
		return fail0
	}
	if s.inSpool(str(m, "campaign"), str(m, "destination")) {
		return fail0 // "Never Respool a destination that is already on the Spool"
	}
	s.contacts = append(s.contacts, Contact{
		Campaign: str(m, "campaign"), Destination: str(m, "destination"), Alternatives: str(m, "alternatives"),
		Data: str(m, "data"), Priority: num(m, "priority"), AgentPhone: str(m, "agentphone"), Source: "respool",
		Retries: num(m, "retries"), Contact: num(m, "contact"), DialerBase: str(m, "dialerbase"),
	})
	return ok1
}

func (s *Server) schedule(r *request) string {
	m, ok := fields(r.form["callschedule"], "calldate", "campaign", "destination")
	if !ok || !validDate(str(m, "calldate")) || str(m, "campaign") == "" || str(m, "destination") == "" {
		return fail0
	}
	s.schedules = append(s.schedules, Schedule{
		CallDate: str(m, "calldate"), Campaign: str(m, "campaign"), Destination: str(m, "destination"),
		Alternatives: str(m, "alternatives"), AgentPhone: str(m, "agentphone"), Data: str(m, "data"),
	})
	return ok1
}

func (s *Server) removeSchedule(r *request) string {
	f := r.form
	if f["campaign"] == "" || f["destination"] == "" || !validDate(f["from"]) || !validDate(f["to"]) {
		return fail0
	}
	s.schedules = slices.DeleteFunc(s.schedules, func(sc Schedule) bool {
		return sc.Campaign == f["campaign"] && sc.Destination == f["destination"] && sc.CallDate >= f["from"] && sc.CallDate <= f["to"]
	})
	return ok1
}

func (s *Server) dialerTask(r *request) string {
	// "In the JSON, all keys must be included."
	m, ok := fields(r.form["call"], "calldate", "campaign", "destination", "alternatives", "agent", "data", "source", "bulk", "automatic")
	if !ok || str(m, "campaign") == "" || str(m, "destination") == "" {
		return fail0
	}
	date := ""
	if m["calldate"] != nil {
		if date = str(m, "calldate"); !validDate(date) {
			return fail0
		}
	}
	bulk, _ := m["bulk"].(bool)
	auto, _ := m["automatic"].(bool)
	s.contacts = append(s.contacts, Contact{
		Campaign: str(m, "campaign"), Destination: str(m, "destination"), Alternatives: str(m, "alternatives"),
		Data: str(m, "data"), Agent: str(m, "agent"), Source: str(m, "source"), CallDate: date, Bulk: bulk, Automatic: auto,
	})
	return ok1
}

func (s *Server) removeContact(r *request) string {
	if r.form["campaign"] == "" || r.form["number"] == "" {
		return fail0
	}
	s.contacts = slices.DeleteFunc(s.contacts, func(c Contact) bool {
		return c.Campaign == r.form["campaign"] && c.Destination == r.form["number"]
	})
	return ok1
}

func (s *Server) upload(r *request, tz bool) string {
	f := r.form
	if f["filename"] == "" || f["campaign"] == "" || f["username"] == "" || (tz && f["timezone"] == "") {
		return fail0
	}
	data, err := base64.StdEncoding.DecodeString(f["fileb64"])
	if err != nil {
		return fail0
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		if line := strings.TrimRight(sc.Text(), "\r"); line != "" {
			lines = append(lines, line)
		}
	}
	if n, err := strconv.Atoi(f["cant"]); err != nil || n != len(lines) || n == 0 {
		return fail0
	}
	var add []Contact
	for _, line := range lines {
		cols := strings.Split(line, ";")
		if len(cols) < 2 || len(cols) > 6 || cols[0] == "" || cols[1] == "" {
			return fail0
		}
		cols = append(cols, make([]string, 6-len(cols))...)
		prio := 0
		if cols[4] != "" {
			if prio, err = strconv.Atoi(cols[4]); err != nil {
				return fail0
			}
		}
		add = append(add, Contact{Campaign: cols[0], Destination: cols[1], Data: cols[2], Alternatives: cols[3],
			Priority: prio, AgentPhone: cols[5], Source: "upload:" + f["filename"], DialerBase: f["filename"]})
	}
	s.contacts = append(s.contacts, add...)
	s.uploads = append(s.uploads, Upload{Filename: f["filename"], Campaign: f["campaign"], Username: f["username"], TimeZone: f["timezone"], Lines: lines})
	return ok1
}

func (s *Server) getRecords(r *request) string {
	f := r.form
	last, err1 := strconv.Atoi(f["lastrow"])
	limit, err2 := strconv.Atoi(f["searchLimit"])
	m, ok := fields(f["filter"], "type")
	if err1 != nil || err2 != nil || last < 0 || limit <= 0 || !ok || str(m, "type") != "record" || f["Random"] != "1" {
		return fail0
	}
	var match []Record
	for _, rec := range s.records {
		if keep(rec, m) {
			match = append(match, rec)
		}
	}
	page := []Record{}
	if last < len(match) {
		page = match[last:min(last+limit, len(match))]
	}
	b, _ := json.Marshal(page)
	return string(b)
}

func keep(rec Record, m map[string]any) bool {
	eq := func(k, v string) bool { f := str(m, k); return f == "" || f == v }
	if from := str(m, "calldatei"); from != "" && rec.CallDate < from {
		return false
	}
	if to := str(m, "calldatef"); to != "" && rec.CallDate > to {
		return false
	}
	if d := str(m, "data"); d != "" && !strings.Contains(rec.Data+" "+rec.Tag, d) {
		return false
	}
	if md := num(m, "mindur"); md > 0 && rec.Duration < md {
		return false
	}
	if ex := str(m, "exclude"); ex != "" && (rec.Source == ex || rec.Destination == ex) {
		return false
	}
	return eq("agent", rec.Agent) && eq("campaign", rec.Campaign) && eq("source", rec.Source) &&
		eq("destination", rec.Destination) && eq("rating", rec.Rating)
}

const dateReceived = "Nov 2, 2018 11:31:42 AM"

func (s *Server) queueSummary(*request) string {
	out := []map[string]any{}
	for _, c := range s.campaigns {
		out = append(out, map[string]any{
			"queue": c.Name, "loggedIn": c.LoggedIn, "available": c.Available, "callers": c.Callers,
			"holdTime": c.HoldTime, "talkTime": c.TalkTime, "longestHoldTime": c.LongestHold,
			"internalActionId": "1982468278_6312", "dateReceived": dateReceived,
		})
	}
	out = append(out, map[string]any{"internalActionId": "1982468278_6312", "dateReceived": dateReceived})
	b, _ := json.Marshal(out)
	return string(b)
}

func (s *Server) campaignStatus(r *request) string {
	out := map[string]any{}
	for _, c := range s.campaigns {
		if q := r.form["queue"]; q != "" && q != c.Name {
			continue
		}
		out[c.Name] = map[string]any{
			"campaign": c.Name, "availables": c.Available, "notavailables": c.NotAvailable, "paused": c.Paused,
			"busy": 0, "busypaused": 0, "totalagents": c.Available + c.NotAvailable + c.Paused, "logged": c.LoggedIn,
			"onwrapup": 0, "completed": c.Completed, "abandoned": c.Abandoned, "talked": "00:00:00-0", "hold": "00:00:00-0",
			"abandonedlevel": "0", "totalcalls": c.TotalCalls, "acd": 0, "servicelevel": "0.0", "servicelevel2": "0.0",
			"strategy": c.Strategy, "slevelthreshold": "3", "wrapup": c.WrapUpSeconds,
		}
		for _, a := range c.Agents {
			out[a] = map[string]any{"agent": a, "queue": c.Name, "status": "available"}
		}
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func (s *Server) convert(r *request) string {
	guid, folder := r.form["guid"], r.form["folder"]
	if guid == "" {
		return fail0
	}
	dir := ""
	if folder != "" {
		dir = folder + "/"
	}
	if !s.files[dir+guid+".gsm"] {
		return fail0
	}
	s.files[dir+guid+".mp3"] = true
	return ok1
}

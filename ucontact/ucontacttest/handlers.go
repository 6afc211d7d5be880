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
	"time"
)

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

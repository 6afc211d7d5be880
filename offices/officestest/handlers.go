package officestest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

// handle authenticates, applies the rate window and latency, and routes.
func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+s.apiKey || s.apiKey == "" {
		s.count(func(st *Stats) { st.Unauthorized++ })
		s.writeError(w, http.StatusUnauthorized, "Invalid or missing API key.")
		return
	}
	if c := r.Header.Get("DP-Company-ID"); c != "" && !slices.Contains(s.companies, c) {
		s.count(func(st *Stats) { st.Unauthorized++ })
		s.writeError(w, http.StatusForbidden, "The API key has no access to company "+strconv.Quote(c)+".")
		return
	}
	if !s.admit() {
		s.writeError(w, http.StatusTooManyRequests, fmt.Sprintf("Rate limit exceeded: %d requests per %s.", s.limitN, s.limitW))
		return
	}
	if !s.srv.Delay(w, r, s.srv.Latency()) {
		return // cancelled, or no answer from a server that is going away
	}

	path, ok := strings.CutPrefix(strings.TrimSuffix(r.URL.Path, "/"), "/api/v2/offices")
	if !ok || (path != "" && path[0] != '/') {
		s.writeError(w, http.StatusNotFound, "Not found: "+r.URL.Path)
		return
	}
	if path == "" {
		switch r.Method {
		case http.MethodPost:
			s.create(w, r)
		case http.MethodGet:
			s.list(w, r)
		default:
			s.writeError(w, http.StatusMethodNotAllowed, "Method "+r.Method+" is not allowed here.")
		}
		return
	}
	idText, sub, _ := strings.Cut(path[1:], "/")
	h, ok := s.route(r.Method, sub)
	if !ok {
		if _, known := routes[sub]; known {
			s.writeError(w, http.StatusMethodNotAllowed, "Method "+r.Method+" is not allowed here.")
		} else {
			s.writeError(w, http.StatusNotFound, "Not found: "+r.URL.Path)
		}
		return
	}
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		s.writeError(w, http.StatusBadRequest, "Invalid office id "+strconv.Quote(idText)+".")
		return
	}
	s.mu.Lock()
	found := s.find(id) != nil
	s.mu.Unlock()
	if !found {
		s.writeError(w, http.StatusNotFound, fmt.Sprintf("Office %d not found.", id))
		return
	}
	h(w, r, id)
}

type officeHandler func(s *Server, w http.ResponseWriter, r *http.Request, id int64)

// routes maps the path below /api/v2/offices/{id} and the method to the
// handler of each operation of Dialpad's spec.
var routes = map[string]map[string]officeHandler{
	"":                   {http.MethodGet: (*Server).get},
	"e911":               {http.MethodGet: (*Server).getE911, http.MethodPut: withBody((*e911Update).validate, (*Server).updateE911)},
	"plan":               {http.MethodGet: (*Server).getPlan},
	"available_licenses": {http.MethodGet: (*Server).availableLicenses},
	"offdutystatuses":    {http.MethodGet: (*Server).offDutyStatuses},
	"callcenters":        {http.MethodGet: groupLister("callcenters")},
	"departments":        {http.MethodGet: groupLister("departments")},
	"teams":              {http.MethodGet: groupLister("teams")},
	"assign_number":      {http.MethodPost: withBody((*assignMessage).validate, (*Server).assignNumber)},
	"unassign_number":    {http.MethodPost: withBody((*unassignMessage).validate, (*Server).unassignNumber)},
	"operators": {
		http.MethodGet:    (*Server).listOperators,
		http.MethodPost:   withBody((*operatorMessage).validateAdd, (*Server).addOperator),
		http.MethodDelete: withBody((*operatorMessage).validateRemove, (*Server).removeOperator),
	},
}

// withBody makes the handler of an operation that takes a JSON body: it
// decodes the body into a new M (unknown fields refused), answers 400 with
// every problem validate finds, and otherwise runs h with s.mu held.
func withBody[M any](validate func(*M) []string, h func(s *Server, w http.ResponseWriter, m *M, id int64)) officeHandler {
	return func(s *Server, w http.ResponseWriter, r *http.Request, id int64) {
		m := new(M)
		if _, ok := s.decode(w, r, m); !ok || s.refuse(w, validate(m)) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		h(s, w, m, id)
	}
}

func (s *Server) route(method, sub string) (func(http.ResponseWriter, *http.Request, int64), bool) {
	h, ok := routes[sub][method]
	if !ok {
		return nil, false
	}
	return func(w http.ResponseWriter, r *http.Request, id int64) { h(s, w, r, id) }, true
}

func (s *Server) count(update func(*Stats)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	update(&s.stats)
}

// admit applies the strict sliding window: a request arriving at t is
// accepted if fewer than N accepted requests arrived in (t-W, t].
func (s *Server) admit() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if s.limitN > 0 && s.limitW > 0 {
		cut := now.Add(-s.limitW)
		i := 0
		for i < len(s.window) && !s.window[i].After(cut) {
			i++
		}
		if i > 0 {
			s.window = append(s.window[:0], s.window[i:]...)
		}
		if len(s.window) >= s.limitN {
			s.stats.RateLimited++
			return false
		}
		s.window = append(s.window, now)
		s.stats.PeakInWindow = max(s.stats.PeakInWindow, len(s.window))
	}
	s.stats.Accepted++
	if s.stats.FirstAccepted.IsZero() {
		s.stats.FirstAccepted = now
	}
	s.stats.LastAccepted = now
	return true
}

func (s *Server) writeError(w http.ResponseWriter, status int, msg string) {
	if status == http.StatusTooManyRequests && s.retryAfter > 0 {
		w.Header().Set("Retry-After", faultengine.RetryAfter(s.retryAfter))
	}
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":{"message":"encoding failed"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// decode reads a JSON body into v, refusing unknown fields; on failure it
// answers 400 and returns false.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) ([]byte, bool) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.writeError(w, http.StatusBadRequest, "Content-Type must be application/json, not "+strconv.Quote(ct)+".")
		return nil, false
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		s.writeError(w, http.StatusBadRequest, "Could not read the request body.")
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		s.writeError(w, http.StatusBadRequest, "Invalid request body: "+err.Error())
		return nil, false
	}
	return body, true
}

// refuse answers 400 with the problems, if any.
func (s *Server) refuse(w http.ResponseWriter, problems []string) bool {
	if len(problems) == 0 {
		return false
	}
	s.writeError(w, http.StatusBadRequest, strings.Join(problems, "; "))
	return true
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var m createMessage
	body, ok := s.decode(w, r, &m)
	if !ok || s.refuse(w, m.validate()) {
		return
	}
	s.mu.Lock()
	id := s.newID()
	proto := m.office(id)
	o := &office{id: id, name: *m.Name, request: body, proto: proto, plan: plan(), groups: map[string][]map[string]any{}}
	if e, ok := proto["e911_address"]; ok {
		o.e911 = toMap(e)
		delete(proto, "e911_address")
	}
	if n, ok := proto["phone_numbers"].([]string); ok {
		o.numbers = n
		for _, num := range n {
			s.assigned[num] = id
		}
		delete(proto, "phone_numbers")
	}
	s.offices = append(s.offices, o)
	s.stats.Created++
	pj := s.officeJSON(o)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"office": pj, "plan": o.plan})
}

// toMap turns a struct into its JSON object form.
func toMap(v any) map[string]any {
	b, _ := json.Marshal(v)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}

func (s *Server) get(w http.ResponseWriter, _ *http.Request, id int64) {
	s.mu.Lock()
	p := s.officeJSON(s.find(id))
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, p)
}

// pageOf cuts one cursor page of n items: the cursor is opaque to clients
// ("o" + offset). It answers 400 and returns ok=false for a bad cursor or
// limit.
func (s *Server) pageOf(w http.ResponseWriter, r *http.Request, n int) (start, end int, next string, ok bool) {
	q := r.URL.Query()
	size := s.pageSize
	if l := q.Get("limit"); l != "" {
		v, err := strconv.Atoi(l)
		if err != nil || v <= 0 {
			s.writeError(w, http.StatusBadRequest, "Invalid limit "+strconv.Quote(l)+".")
			return 0, 0, "", false
		}
		size = min(v, MaxPageSize)
	}
	if c := q.Get("cursor"); c != "" {
		v, err := strconv.Atoi(strings.TrimPrefix(c, "o"))
		if !strings.HasPrefix(c, "o") || err != nil || v < 0 {
			s.writeError(w, http.StatusBadRequest, "Invalid cursor "+strconv.Quote(c)+".")
			return 0, 0, "", false
		}
		start = v
	}
	start = min(start, n)
	end = min(start+size, n)
	if end < n {
		next = "o" + strconv.Itoa(end)
	}
	return start, end, next, true
}

func page(items []any, next string) map[string]any {
	p := map[string]any{"items": items}
	if next != "" {
		p["cursor"] = next
	}
	return p
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	active := false
	switch a := r.URL.Query().Get("active_only"); a {
	case "", "false":
	case "true":
		active = true
	default:
		s.writeError(w, http.StatusBadRequest, "Invalid active_only "+strconv.Quote(a)+".")
		return
	}
	s.mu.Lock()
	var all []any
	for _, o := range s.offices {
		if !active || o.proto["state"] == "active" {
			all = append(all, s.officeJSON(o))
		}
	}
	s.mu.Unlock()
	start, end, next, ok := s.pageOf(w, r, len(all))
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, page(append([]any{}, all[start:end]...), next))
}

// groupLister serves the cursor-paged call centers, departments or
// coaching teams of an office.
func groupLister(kind string) officeHandler {
	return func(s *Server, w http.ResponseWriter, r *http.Request, id int64) {
		s.mu.Lock()
		var all []any
		for _, g := range s.find(id).groups[kind] {
			all = append(all, g)
		}
		s.mu.Unlock()
		start, end, next, ok := s.pageOf(w, r, len(all))
		if !ok {
			return
		}
		writeJSON(w, http.StatusOK, page(append([]any{}, all[start:end]...), next))
	}
}

func (s *Server) getE911(w http.ResponseWriter, _ *http.Request, id int64) {
	s.mu.Lock()
	e := s.find(id).e911
	s.mu.Unlock()
	if e == nil {
		e = map[string]any{}
	}
	writeJSON(w, http.StatusOK, e)
}

// updateE911 stores a valid E911 address (withBody); s.mu is held.
func (s *Server) updateE911(w http.ResponseWriter, m *e911Update, id int64) {
	e := toMap(m.e911Address)
	s.find(id).e911 = e
	writeJSON(w, http.StatusOK, e)
}

func (s *Server) getPlan(w http.ResponseWriter, _ *http.Request, id int64) {
	s.mu.Lock()
	p := s.find(id).plan
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) availableLicenses(w http.ResponseWriter, _ *http.Request, _ int64) {
	writeJSON(w, http.StatusOK, licenses())
}

func (s *Server) offDutyStatuses(w http.ResponseWriter, _ *http.Request, id int64) {
	s.mu.Lock()
	st := slices.Clone(s.find(id).offDuty)
	s.mu.Unlock()
	if st == nil {
		st = []string{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": idString(id), "off_duty_statuses": st})
}

// findEntity returns the user or room; s.mu is held.
func (s *Server) findEntity(typ string, id int64) *entity {
	for _, e := range s.entities {
		if e.typ == typ && e.id == id {
			return e
		}
	}
	return nil
}

func (s *Server) listOperators(w http.ResponseWriter, _ *http.Request, id int64) {
	s.mu.Lock()
	users, rooms := []any{}, []any{}
	for _, op := range s.find(id).operators {
		e := s.findEntity(op.Type, op.ID)
		if e == nil {
			continue
		}
		if e.typ == "user" {
			users = append(users, s.userProto(e, id, op.Role))
		} else {
			rooms = append(rooms, s.roomProto(e))
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"users": users, "rooms": rooms})
}

// addOperator makes a user or room an operator (withBody); s.mu is held.
func (s *Server) addOperator(w http.ResponseWriter, m *operatorMessage, id int64) {
	role := "operator"
	if m.Role != nil {
		role = *m.Role
	}
	e := s.findEntity(*m.OperatorType, *m.OperatorID)
	if e == nil {
		s.writeError(w, http.StatusNotFound, fmt.Sprintf("No %s with id %d.", *m.OperatorType, *m.OperatorID))
		return
	}
	o := s.find(id)
	i := slices.IndexFunc(o.operators, func(op Operator) bool { return op.Type == e.typ && op.ID == e.id })
	if i >= 0 {
		o.operators[i].Role = role // adding again changes the role only
	} else {
		o.operators = append(o.operators, Operator{Type: e.typ, ID: e.id, Role: role})
	}
	writeJSON(w, http.StatusOK, s.userOrRoomProto(e, true))
}

// removeOperator removes an operator (withBody); s.mu is held.
func (s *Server) removeOperator(w http.ResponseWriter, m *operatorMessage, id int64) {
	o := s.find(id)
	i := slices.IndexFunc(o.operators, func(op Operator) bool { return op.Type == *m.OperatorType && op.ID == *m.OperatorID })
	if i < 0 {
		s.writeError(w, http.StatusNotFound, fmt.Sprintf("The %s %d is not an operator of office %d.", *m.OperatorType, *m.OperatorID, id))
		return
	}
	o.operators = slices.Delete(o.operators, i, i+1)
	e := s.findEntity(*m.OperatorType, *m.OperatorID)
	if e == nil {
		e = &entity{typ: *m.OperatorType, id: *m.OperatorID, officeID: id}
	}
	writeJSON(w, http.StatusOK, s.userOrRoomProto(e, false))
}

// assignNumber assigns a number to an office (withBody); s.mu is held.
func (s *Server) assignNumber(w http.ResponseWriter, m *assignMessage, id int64) {
	var num string
	switch {
	case m.Number != nil:
		num = *m.Number
		if owner, taken := s.assigned[num]; taken {
			s.writeError(w, http.StatusBadRequest, fmt.Sprintf("Number %s is already assigned (to %d).", num, owner))
			return
		}
		if i := slices.Index(s.reserved, num); i >= 0 {
			s.reserved = slices.Delete(s.reserved, i, i+1)
		}
	case len(s.reserved) > 0:
		num, s.reserved = s.reserved[0], s.reserved[1:]
	case m.AreaCode != nil:
		s.nextNum++
		num = fmt.Sprintf("+1%s555%04d", *m.AreaCode, s.nextNum%10000)
	default:
		s.writeError(w, http.StatusBadRequest, "No reserved number is available: give number or area_code.")
		return
	}
	o := s.find(id)
	s.assigned[num] = id
	if m.Primary == nil || *m.Primary {
		o.numbers = append([]string{num}, o.numbers...)
	} else {
		o.numbers = append(o.numbers, num)
	}
	writeJSON(w, http.StatusOK, s.numberProto(num, id, "office"))
}

// unassignNumber takes a number off an office (withBody); s.mu is held.
func (s *Server) unassignNumber(w http.ResponseWriter, m *unassignMessage, id int64) {
	o := s.find(id)
	i := slices.Index(o.numbers, *m.Number)
	if i < 0 {
		s.writeError(w, http.StatusNotFound, fmt.Sprintf("Number %s is not assigned to office %d.", *m.Number, id))
		return
	}
	o.numbers = slices.Delete(o.numbers, i, i+1)
	delete(s.assigned, *m.Number)
	s.reserved = append(s.reserved, *m.Number) // back to the reserved pool
	writeJSON(w, http.StatusOK, s.numberProto(*m.Number, 0, "available"))
}

package livevoxtest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

var versionSegment = regexp.MustCompile(`^/(session|configuration)/v\d+(?:\.\d+)*/`)

// stripVersion removes a version segment from the path, before faults
// match it and the mux routes it.
func stripVersion(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if m := versionSegment.FindStringSubmatch(r.URL.Path); m != nil {
			r.URL.Path = "/" + m[1] + "/" + r.URL.Path[len(m[0]):]
			r.URL.RawPath = ""
		}
		next.ServeHTTP(w, r)
	})
}

// --- helpers ---

func writeJSON(w http.ResponseWriter, status int, v any) { faultengine.WriteJSON(w, status, v) }

func writeError(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"errorCode": code, "errorMessage": msg})
}

func newSessionID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// authed checks LV-Session (and LV-Access when sent) and passes the user on.
func (s *Server) authed(h func(http.ResponseWriter, *http.Request, *user)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if a := r.Header.Get("LV-Access"); a != "" && a != s.access {
			writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid access token")
			return
		}
		id := r.Header.Get("LV-Session")
		s.mu.Lock()
		ss := s.sessions[id]
		now := s.now()
		if ss != nil && now.Sub(ss.lastUsed) > s.ttl {
			delete(s.sessions, id)
			ss = nil
		}
		if ss != nil {
			ss.lastUsed = now
		}
		s.mu.Unlock()
		if id == "" || ss == nil {
			writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid or expired session")
			return
		}
		h(w, r, ss.user)
	}
}

// decodeBody reads the JSON body into v; it answers 400 and reports false
// when the body is not JSON.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("invalid JSON body: %v", err))
		return false
	}
	return true
}

func pathID(r *http.Request, name string) (int64, bool) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return n, err == nil && n > 0
}

// --- session handlers ---

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.attempts++
	s.mu.Unlock()
	if r.Header.Get("LV-Access") != s.access {
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid access token")
		return
	}
	var in struct {
		ClientName string `json:"clientName"`
		UserName   string `json:"userName"`
		Password   string `json:"password"`
		Agent      bool   `json:"agent"`
	}
	if !decodeBody(w, r, &in) {
		return
	}
	if in.ClientName == "" || in.UserName == "" || in.Password == "" {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "clientName, userName and password are required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[in.ClientName+"\x00"+in.UserName]
	if u == nil || u.password != in.Password {
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid credentials")
		return
	}
	id := newSessionID()
	s.sessions[id] = &session{user: u, lastUsed: s.now()}
	s.logins++
	s.lastSession = id
	writeJSON(w, http.StatusOK, map[string]any{"sessionId": id, "userId": u.id, "clientId": u.clientID})
}

func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request, _ *user) {
	s.mu.Lock()
	delete(s.sessions, r.Header.Get("LV-Session"))
	s.logouts++
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleValidate(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ss := s.sessions[r.PathValue("id")]
	ok := ss != nil && s.now().Sub(ss.lastUsed) <= s.ttl
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusUnauthorized, CodeUnauthorized, "Invalid or expired session")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// --- call-center handlers ---

// clientParam reads ?client= (default: the user's client); it answers 400
// and reports false for one that is not a client id.
func clientParam(w http.ResponseWriter, r *http.Request, u *user) (int64, bool) {
	v := r.URL.Query().Get("client")
	if v == "" {
		return u.clientID, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid client: "+v)
		return 0, false
	}
	return n, true
}

// view copies a call center with its services and agents (lock held).
func (s *Server) view(cc *CallCenter) CallCenter {
	v := *cc
	v.ServiceIDs, v.AgentIDs = s.servicesOf(cc.ID), s.agentsOf(cc.ID)
	return v
}

func (s *Server) servicesOf(ccID int64) []int64 {
	out := []int64{}
	for id, sv := range s.services {
		if sv.callCenterID == ccID {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Server) agentsOf(ccID int64) []int64 {
	out := []int64{}
	for id, cc := range s.agents {
		if cc == ccID {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// sortedCallCenterIDs returns ids of a client's call centers (clientID 0:
// all), only those with a service when listed is true (lock held).
func (s *Server) sortedCallCenterIDs(clientID int64, listed bool) []int64 {
	var withService map[int64]bool
	if listed {
		withService = map[int64]bool{}
		for _, sv := range s.services {
			if sv.callCenterID != 0 {
				withService[sv.callCenterID] = true
			}
		}
	}
	var out []int64
	for id, cc := range s.callCenters {
		if (clientID == 0 || cc.ClientID == clientID) && (!listed || withService[id]) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func (s *Server) nameTaken(clientID int64, name string, except int64) bool {
	for id, cc := range s.callCenters {
		if id != except && cc.ClientID == clientID && strings.EqualFold(cc.Name, name) {
			return true
		}
	}
	return false
}

// checkNewCallCenter validates a create (lock held); code 0 means fine.
func (s *Server) checkNewCallCenter(cc *CallCenter, serviceIDs []int64) (int, string) {
	if strings.TrimSpace(cc.Name) == "" {
		return CodeBadRequest, "name is required"
	}
	if s.nameTaken(cc.ClientID, cc.Name, 0) {
		return CodeBadRequest, fmt.Sprintf("A Call Center named %q already exists", cc.Name)
	}
	for _, id := range serviceIDs {
		sv := s.services[id]
		if sv == nil {
			return CodeBadRequest, fmt.Sprintf("Service %d does not exist", id)
		}
		if sv.clientID != cc.ClientID {
			return CodeBadRequest, fmt.Sprintf("Service %d belongs to another client", id)
		}
	}
	return 0, ""
}

// storeCallCenter stores a checked call center (lock held).
func (s *Server) storeCallCenter(cc *CallCenter, serviceIDs []int64) int64 {
	cc.ID = s.nextCC
	s.nextCC++
	cc.ServiceIDs, cc.AgentIDs = nil, nil
	s.callCenters[cc.ID] = cc
	now := s.now()
	for _, id := range serviceIDs {
		if old := s.callCenters[s.services[id].callCenterID]; old != nil {
			s.lastModified[old.ClientID] = now
		}
		s.services[id].callCenterID = cc.ID
	}
	s.lastModified[cc.ClientID] = now
	return cc.ID
}

// onCallCenter runs h, under the lock, on the call center of the path's
// {id} if the user may work on it; it writes the error answer otherwise.
func (s *Server) onCallCenter(h func(http.ResponseWriter, *http.Request, *CallCenter)) func(http.ResponseWriter, *http.Request, *user) {
	return func(w http.ResponseWriter, r *http.Request, u *user) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if cc := s.callCenterFor(w, r, u); cc != nil {
			h(w, r, cc)
		}
	}
}

// callCenterFor finds a call center the user may work on; it writes the
// error answer and returns nil otherwise (lock held).
func (s *Server) callCenterFor(w http.ResponseWriter, r *http.Request, u *user) *CallCenter {
	id, ok := pathID(r, "id")
	if !ok {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid call center id: "+r.PathValue("id"))
		return nil
	}
	cc := s.callCenters[id]
	if cc == nil {
		writeError(w, http.StatusNotFound, CodeNotFound, fmt.Sprintf("Call Center %d not found", id))
		return nil
	}
	if cc.ClientID != u.clientID {
		writeError(w, http.StatusForbidden, CodeForbidden, fmt.Sprintf("Not authorized for Call Center %d", id))
		return nil
	}
	return cc
}

type ccBody struct {
	Service              []struct{ ID int64 } `json:"service"`
	Name                 *string              `json:"name"`
	ManagerName          *string              `json:"managerName"`
	BillingSystem        *string              `json:"billingSystem"`
	DefaultInputFilterID *int64               `json:"defaultInputFilterId"`
	DefaultInputFilter   *int64               `json:"defaultInputFilter"`
	Open                 *bool                `json:"open"`
}

// applyTo sets the fields of cc that the body gives, but the name (which
// create and update check differently).
func (b *ccBody) applyTo(cc *CallCenter) {
	if b.ManagerName != nil {
		cc.ManagerName = *b.ManagerName
	}
	if b.BillingSystem != nil {
		cc.BillingSystem = *b.BillingSystem
	}
	if f := b.filter(); f != nil {
		cc.DefaultInputFilterID = *f
	}
	if b.Open != nil {
		cc.Open = *b.Open
	}
}

func (b *ccBody) filter() *int64 {
	if b.DefaultInputFilterID != nil {
		return b.DefaultInputFilterID
	}
	return b.DefaultInputFilter
}

func (s *Server) handleCreate(w http.ResponseWriter, r *http.Request, u *user) {
	clientID, ok := clientParam(w, r, u)
	if !ok {
		return
	}
	var in ccBody
	if !decodeBody(w, r, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if clientID != u.clientID {
		writeError(w, http.StatusForbidden, CodeForbidden, fmt.Sprintf("Not authorized for client %d", clientID))
		return
	}
	cc := &CallCenter{ClientID: clientID, Open: true}
	if in.Name != nil {
		cc.Name = *in.Name
	}
	in.applyTo(cc)
	svc := make([]int64, len(in.Service))
	for i, sv := range in.Service {
		svc[i] = sv.ID
	}
	if code, msg := s.checkNewCallCenter(cc, svc); code != 0 {
		writeError(w, http.StatusBadRequest, code, msg)
		return
	}
	id := s.storeCallCenter(cc, svc)
	writeJSON(w, http.StatusCreated, map[string]int64{"id": id})
}

func nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

func (s *Server) handleRead(w http.ResponseWriter, r *http.Request, cc *CallCenter) {
	writeJSON(w, http.StatusOK, map[string]any{
		"name":                 cc.Name,
		"managerName":          nullable(cc.ManagerName),
		"billingSystem":        nullable(cc.BillingSystem),
		"defaultInputFilterId": nullable(cc.DefaultInputFilterID),
		"open":                 cc.Open,
	})
}

func (s *Server) handleUpdate(w http.ResponseWriter, r *http.Request, u *user) {
	var in ccBody
	if !decodeBody(w, r, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cc := s.callCenterFor(w, r, u)
	if cc == nil {
		return
	}
	if in.Name != nil {
		if strings.TrimSpace(*in.Name) == "" {
			writeError(w, http.StatusBadRequest, CodeBadRequest, "name must not be empty")
			return
		}
		if s.nameTaken(cc.ClientID, *in.Name, cc.ID) {
			writeError(w, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("A Call Center named %q already exists", *in.Name))
			return
		}
		cc.Name = *in.Name
	}
	in.applyTo(cc)
	s.lastModified[cc.ClientID] = s.now()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleDelete(w http.ResponseWriter, r *http.Request, cc *CallCenter) {
	if len(s.servicesOf(cc.ID)) > 0 {
		writeError(w, http.StatusBadRequest, CodeHasServices, "Cannot delete call centers with associated services")
		return
	}
	for id, c := range s.agents {
		if c == cc.ID {
			delete(s.agents, id)
		}
	}
	delete(s.callCenters, cc.ID)
	s.lastModified[cc.ClientID] = s.now()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleRelated(w http.ResponseWriter, r *http.Request, cc *CallCenter) {
	refs := func(ids []int64) []map[string]int64 {
		out := make([]map[string]int64, len(ids))
		for i, id := range ids {
			out[i] = map[string]int64{"id": id}
		}
		return out
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"service": refs(s.servicesOf(cc.ID)),
		"agent":   refs(s.agentsOf(cc.ID)),
	})
}

func (s *Server) handleAddService(w http.ResponseWriter, r *http.Request, cc *CallCenter) {
	sid, ok := pathID(r, "service")
	if !ok {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "Invalid service id: "+r.PathValue("service"))
		return
	}
	sv := s.services[sid]
	if sv == nil {
		writeError(w, http.StatusNotFound, CodeNotFound, fmt.Sprintf("Service %d not found", sid))
		return
	}
	if sv.clientID != cc.ClientID {
		writeError(w, http.StatusBadRequest, CodeBadRequest, fmt.Sprintf("Service %d belongs to another client", sid))
		return
	}
	now := s.now()
	if old := s.callCenters[sv.callCenterID]; old != nil {
		s.lastModified[old.ClientID] = now
	}
	sv.callCenterID = cc.ID
	s.lastModified[cc.ClientID] = now
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) handleInfo(w http.ResponseWriter, r *http.Request, u *user) {
	clientID, ok := clientParam(w, r, u)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]any{"size": 0}
	if clientID == u.clientID {
		out["size"] = len(s.sortedCallCenterIDs(clientID, true))
		if t, ok := s.lastModified[clientID]; ok {
			out["lastModified"] = t.UnixMilli()
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleList(w http.ResponseWriter, r *http.Request, u *user) {
	q := r.URL.Query()
	clientID, ok := clientParam(w, r, u)
	if !ok {
		return
	}
	count, err := strconv.Atoi(q.Get("count"))
	if err != nil || count < 1 || count > 1000 {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "count is required and must be between 1 and 1000")
		return
	}
	offset, err := strconv.Atoi(q.Get("offset"))
	if err != nil || offset < 0 {
		writeError(w, http.StatusBadRequest, CodeBadRequest, "offset is required and must not be negative")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []int64
	if clientID == u.clientID {
		all = s.sortedCallCenterIDs(clientID, true)
	}
	out := map[string]any{}
	if offset < len(all) {
		end := min(offset+count, len(all))
		page := make([]map[string]any, 0, end-offset)
		for _, id := range all[offset:end] {
			cc := s.callCenters[id]
			page = append(page, map[string]any{"callCenterId": cc.ID, "name": cc.Name, "clientId": cc.ClientID})
		}
		out["callCenter"] = page
		if end < len(all) {
			next := "configuration/callCenters?count=" + strconv.Itoa(count)
			if q.Get("client") != "" {
				next += "&client=" + q.Get("client")
			}
			out["next"] = next + "&offset=" + strconv.Itoa(end)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

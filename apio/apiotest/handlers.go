package apiotest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
)

// serveHTTP reads the body and routes the request (counting, latency and
// faults are applied in front of it by the fault engine).
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "cannot read the request body")
		return
	}
	s.route(w, r, body)
}

// writeError writes APIO's error body.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) { faultengine.WriteJSON(w, status, v) }

// route dispatches on the escaped path, so that escaping mistakes show.
func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	p := r.URL.EscapedPath()
	switch p {
	case "/api/v01/auth/login":
		if allow(w, r, http.MethodPost) && jsonBody(w, r) {
			s.login(w, body)
		}
		return
	case "/api/v01/auth/2fa", "/api/v01/auth/2fa_totp":
		if allow(w, r, http.MethodPost) && jsonBody(w, r) {
			s.twoFactor(w, p, body)
		}
		return
	case "/api/v01/auth/access_token":
		if allow(w, r, http.MethodGet) {
			s.refresh(w, r)
		}
		return
	case "/api/v01/auth/logout":
		if allow(w, r, http.MethodPost) {
			s.logout(w, r)
		}
		return
	}
	rest, ok := strings.CutPrefix(p, "/api/v1/tenants/")
	if !ok || !strings.HasSuffix(rest, "/") {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	segs := strings.Split(strings.TrimSuffix(rest, "/"), "/")
	for i, seg := range segs {
		v, err := url.PathUnescape(seg)
		if err != nil || v == "" {
			writeError(w, http.StatusNotFound, "not found")
			return
		}
		segs[i] = v
	}
	if len(segs) < 5 || len(segs) > 6 || segs[1] != "groups" || segs[3] != "services" || segs[4] != "call_centers" {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	if !s.authorized(w, r) {
		return
	}
	tenant, group := segs[0], segs[2]
	if len(segs) == 5 {
		switch r.Method {
		case http.MethodGet:
			s.list(w, tenant, group)
		case http.MethodPost:
			if jsonBody(w, r) {
				s.create(w, tenant, group, body)
			}
		default:
			writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		}
		return
	}
	id := segs[5]
	switch {
	case id == "active_instance" && r.Method == http.MethodPut:
		if jsonBody(w, r) {
			s.setActive(w, tenant, group, body)
		}
	case r.Method == http.MethodGet:
		s.get(w, tenant, group, id)
	case r.Method == http.MethodPut:
		if jsonBody(w, r) {
			s.update(w, tenant, group, id, body)
		}
	case r.Method == http.MethodDelete:
		s.delete(w, tenant, group, id)
	default:
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

func allow(w http.ResponseWriter, r *http.Request, method string) bool {
	if r.Method != method {
		writeError(w, http.StatusMethodNotAllowed, "method not allowed")
		return false
	}
	return true
}

// jsonBody checks that the request declares a JSON body.
func jsonBody(w http.ResponseWriter, r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, http.StatusBadRequest, "Content-Type must be application/json")
		return false
	}
	return true
}

// decodeJSON reads body into v; it answers 400 and reports false when the
// body is not JSON.
func decodeJSON(w http.ResponseWriter, body []byte, v any) bool {
	if err := json.Unmarshal(body, v); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body")
		return false
	}
	return true
}

// newToken returns a random token text.
func newToken(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return prefix + hex.EncodeToString(b)
}

// issue stores a new token of kind for the login session and returns it.
// The caller holds s.mu.
func (s *Server) issue(kind tokenKind, session string) string {
	now := time.Now()
	for k, t := range s.tokens { // forget long-dead tokens
		if now.Sub(t.expires) > s.refreshTTL {
			delete(s.tokens, k)
		}
	}
	prefix, ttl := "apio-access-", s.accessTTL
	if kind == refreshToken {
		prefix, ttl = "apio-refresh-", s.refreshTTL
	}
	tok := newToken(prefix)
	s.tokens[tok] = token{kind: kind, expires: now.Add(ttl), session: session}
	return tok
}

// live reports whether tok is a live token of kind. The caller holds s.mu.
func (s *Server) live(tok string, kind tokenKind) bool {
	t, ok := s.tokens[tok]
	return ok && t.kind == kind && time.Now().Before(t.expires)
}

// bearer returns the token of an "Authorization: Bearer" header.
func bearer(r *http.Request) string {
	scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return ""
	}
	return strings.TrimSpace(tok)
}

// grant answers a successful login: the tokens of a new session. The
// caller holds s.mu.
func (s *Server) grant() map[string]string {
	session := newToken("session-")
	out := map[string]string{"access_token": s.issue(accessToken, session), "refresh_token": s.issue(refreshToken, session)}
	if s.machineToken != "" {
		out["token"] = s.machineToken
	}
	return out
}

func (s *Server) login(w http.ResponseWriter, body []byte) {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if !decodeJSON(w, body, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if in.Username != s.user || in.Password != s.password {
		s.stats.FailedLogins++
		writeError(w, http.StatusUnauthorized, "invalid credentials")
		return
	}
	s.stats.Logins++
	if s.twoFactorCode != "" {
		p := newToken("apio-2fa-")
		s.payloads[p] = true
		out := map[string]string{"2fa_payload": p}
		if s.twoFactorMethod != "" {
			out["option"] = s.twoFactorMethod
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	writeJSON(w, http.StatusOK, s.grant())
}

func (s *Server) twoFactor(w http.ResponseWriter, path string, body []byte) {
	want := "/api/v01/auth/2fa"
	if s.twoFactorMethod == "totp" {
		want = "/api/v01/auth/2fa_totp"
	}
	if path != want {
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	var in struct {
		Payload string `json:"2fa_payload"`
		Code    string `json:"code"`
	}
	if !decodeJSON(w, body, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case !s.payloads[in.Payload]:
		writeError(w, http.StatusUnauthorized, "invalid or expired 2fa_payload")
	case s.twoFactorCode == "" || in.Code != s.twoFactorCode:
		writeError(w, http.StatusUnauthorized, "invalid code")
	default:
		delete(s.payloads, in.Payload)
		s.stats.TwoFactorLogins++
		writeJSON(w, http.StatusOK, s.grant())
	}
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	tok := bearer(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.live(tok, refreshToken) {
		s.stats.RefusedRefreshes++
		writeError(w, http.StatusUnauthorized, "refresh token expired or invalid")
		return
	}
	s.stats.Refreshes++
	session := s.tokens[tok].session
	out := map[string]string{"access_token": s.issue(accessToken, session)}
	if time.Until(s.tokens[tok].expires) < s.accessTTL { // about to expire
		out["refresh_token"] = s.issue(refreshToken, session)
	}
	writeJSON(w, http.StatusOK, out)
}

// logout ends the session of a live access token: every access and
// refresh token of that login.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	tok := bearer(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.live(tok, accessToken) {
		s.stats.RefusedLogouts++
		writeError(w, http.StatusUnauthorized, "token has expired or is invalid")
		return
	}
	session := s.tokens[tok].session
	for k, t := range s.tokens {
		if t.session == session {
			delete(s.tokens, k)
		}
	}
	s.stats.Logouts++
	writeJSON(w, http.StatusOK, map[string]any{})
}

// authorized checks the bearer token of a call-center request.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	tok := bearer(r)
	s.mu.Lock()
	ok := tok != "" && (s.live(tok, accessToken) || (s.machineToken != "" && tok == s.machineToken))
	if !ok {
		s.stats.Unauthorized++
	}
	s.mu.Unlock()
	if !ok {
		msg := "missing or invalid access token"
		if tok != "" {
			msg = "token has expired or is invalid"
		}
		writeError(w, http.StatusUnauthorized, msg)
	}
	return ok
}

// decodeObject parses a JSON object, keeping numbers exact.
func decodeObject(body []byte) (map[string]any, error) {
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil || m == nil {
		return nil, fmt.Errorf("the body must be a JSON object")
	}
	if d.More() {
		return nil, fmt.Errorf("the body must be one JSON object")
	}
	return m, nil
}

// copyObject deep-copies a decoded JSON object.
func copyObject(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	out, _ := decodeObject(b)
	return out
}

// instanceOf returns the stored body as GET shows it: a copy without the
// password.
func instanceOf(data map[string]any) map[string]any {
	out := copyObject(data)
	if p, ok := out["serviceInstanceProfile"].(map[string]any); ok {
		delete(p, "password")
	}
	return out
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func (s *Server) create(w http.ResponseWriter, tenant, group string, body []byte) {
	data, err := decodeObject(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	dropNulls(data)
	if msg := check(tenant, group, data); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	id := str(data["serviceUserId"])
	delete(data, "templateName") // applied at creation; not part of the instance
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.centers[callcenter.UserIDKey(id)]; dup {
		writeError(w, s.dupStatus, fmt.Sprintf("[Error 4200] User already exists: %s", id))
		return
	}
	s.centers[callcenter.UserIDKey(id)] = &record{id: id, tenant: tenant, group: group, data: data, active: true}
	s.stats.Creates++
	writeJSON(w, http.StatusOK, map[string]any{"callCenterInstance": instanceOf(data)})
}

// find returns the call center id of tenant and group (ids compare as
// BroadWorks compares them: callcenter.UserIDKey). The caller holds s.mu.
func (s *Server) find(tenant, group, id string) *record {
	r := s.centers[callcenter.UserIDKey(id)]
	if r == nil || r.tenant != tenant || r.group != group {
		return nil
	}
	return r
}

func notFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, fmt.Sprintf("[Error 4008] User not found: %s", id))
}

func (s *Server) get(w http.ResponseWriter, tenant, group, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.find(tenant, group, id)
	if r == nil {
		notFound(w, id)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"callCenterInstance": instanceOf(r.data)})
}

func (s *Server) list(w http.ResponseWriter, tenant, group string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var recs []*record
	for _, r := range s.centers {
		if r.tenant == tenant && r.group == group {
			recs = append(recs, r)
		}
	}
	slices.SortFunc(recs, func(a, b *record) int { return strings.Compare(a.id, b.id) })
	list := make([]map[string]any, 0, len(recs))
	for _, r := range recs {
		id := r.id
		prof, _ := r.data["serviceInstanceProfile"].(map[string]any)
		entry := map[string]any{
			"serviceUserId": id,
			"name":          str(prof["name"]),
			"phoneNumber":   str(prof["phoneNumber"]),
			"extension":     str(prof["extension"]),
			"active":        r.active,
			"policy":        str(r.data["policy"]),
			"type":          str(r.data["type"]),
		}
		if d, ok := prof["department"].(map[string]any); ok {
			d = copyObject(d)
			d["fullPathName"] = str(d["departmentName"])
			entry["department"] = d
		}
		list = append(list, entry)
	}
	writeJSON(w, http.StatusOK, map[string]any{"call_centers": list})
}

func (s *Server) update(w http.ResponseWriter, tenant, group, id string, body []byte) {
	changes, err := decodeObject(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.find(tenant, group, id)
	if r == nil {
		notFound(w, id)
		return
	}
	if v, ok := changes["serviceUserId"]; ok && !callcenter.SameUserID(str(v), id) {
		writeError(w, http.StatusBadRequest, "serviceUserId cannot be changed")
		return
	}
	merged := copyObject(r.data)
	for k, v := range changes {
		if k == "serviceInstanceProfile" {
			cp, ok := v.(map[string]any)
			if !ok {
				writeError(w, http.StatusBadRequest, "serviceInstanceProfile must be an object")
				return
			}
			prof, _ := merged[k].(map[string]any)
			if prof == nil {
				prof = map[string]any{}
			}
			for pk, pv := range cp {
				prof[pk] = pv
			}
			merged[k] = prof
			continue
		}
		merged[k] = v
	}
	dropNulls(merged)
	if msg := check(tenant, group, merged); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	r.data = merged
	s.stats.Updates++
	writeJSON(w, http.StatusOK, map[string]any{"callCenterInstance": instanceOf(merged)})
}

func (s *Server) delete(w http.ResponseWriter, tenant, group, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(tenant, group, id) == nil {
		notFound(w, id)
		return
	}
	delete(s.centers, callcenter.UserIDKey(id))
	s.stats.Deletes++
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) setActive(w http.ResponseWriter, tenant, group string, body []byte) {
	var in struct {
		Services []struct {
			ServiceUserID string `json:"serviceUserId"`
			Active        *bool  `json:"active"`
		} `json:"services"`
	}
	if !decodeJSON(w, body, &in) {
		return
	}
	if len(in.Services) == 0 {
		writeError(w, http.StatusBadRequest, "services: at least one service is required")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, sv := range in.Services { // check all before changing any
		if sv.Active == nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("services[%d].active is required", i))
			return
		}
		if s.find(tenant, group, sv.ServiceUserID) == nil {
			notFound(w, sv.ServiceUserID)
			return
		}
	}
	for _, sv := range in.Services {
		s.centers[callcenter.UserIDKey(sv.ServiceUserID)].active = *sv.Active
	}
	s.stats.ActiveUpdates++
	writeJSON(w, http.StatusOK, map[string]any{})
}

package broadworkstest

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
)

// errorResponse writes an ErrorResponse. code 0 leaves errorCode out (the
// summary then starts with "[Error N]" or is an injected text).
func errorResponse(o *out, code int, msg string) {
	o.raw(`<command type="Error" echo="" xsi:type="c:ErrorResponse" xmlns:c="C" xmlns="">`)
	summary := msg
	if code != 0 {
		summary = fmt.Sprintf("[Error %d] %s", code, msg)
	}
	o.el("summary", summary)
	o.el("summaryEnglish", summary)
	o.raw(`</command>`)
}

func success(o *out) {
	o.raw(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`)
}

func dataStart(o *out, typ string) {
	o.raw(`<command echo="" xsi:type="` + typ + `" xmlns="">`)
}

// command carries out one command and writes its answer. It returns a new
// SOAP session cookie after a login step. Called with s.mu held.
func (s *Server) command(o *out, c *node, add *addRequest, sessionID string, info reqInfo) (setCookie string) {
	switch c.typ {
	case "AuthenticationRequest":
		return s.authenticate(o, c, sessionID, info)
	case "LoginRequest14sp4", "LoginRequest22V5":
		return s.login(o, c, sessionID, info)
	}
	ss := s.sessions[sessionID]
	if ss == nil || !ss.loggedIn || ss.connID != info.connID || (info.connID == 0 && ss.cookie != info.cookie) {
		errorResponse(o, CodeUnauthorized, "Unauthorized transaction.")
		return ""
	}
	switch c.typ {
	case "LogoutRequest":
		delete(s.sessions, sessionID)
		s.stats.Logouts++
		success(o)
	case "GroupCallCenterAddInstanceRequest22":
		s.add(o, c, add)
	case "GroupCallCenterGetInstanceRequest22":
		s.get(o, c)
	case "GroupCallCenterModifyInstanceRequest22":
		s.modify(o, c)
	case "GroupCallCenterDeleteInstanceRequest":
		s.delete(o, c)
	case "GroupCallCenterGetInstanceListRequest":
		s.list(o, c)
	case "GroupCallCenterGetInstancePagedSortedListRequest":
		s.pagedList(o, c)
	case "GroupCallCenterModifyActiveInstanceListRequest":
		s.modifyActive(o, c)
	case "GroupGetListInServiceProviderPagedSortedListRequest":
		s.groupList(o, c)
	case "GroupCallCenterGetAgentPagedSortedListRequest":
		s.getAgents(o, c)
	case "GroupCallCenterAddAgentListRequest":
		s.addAgents(o, c)
	case "GroupCallCenterDeleteAgentListRequest":
		s.deleteAgents(o, c)
	case "GroupCallCenterModifyAgentListRequest":
		s.modifyAgents(o, c)
	case "GroupCallCenterGetSupervisorListRequest16":
		s.getSupervisors(o, c)
	case "GroupCallCenterAddSupervisorListRequest":
		s.addSupervisors(o, c)
	case "GroupCallCenterDeleteSupervisorListRequest":
		s.deleteSupervisors(o, c)
	default:
		errorResponse(o, CodeUnknown, "The fake does not know the command "+c.typ)
	}
	return ""
}

func (s *Server) authenticate(o *out, c *node, sessionID string, info reqInfo) string {
	if err := checkSeq(c, []elem{req("userId")}); err != nil {
		errorResponse(o, CodeSchema, err.Error())
		return ""
	}
	user := strings.TrimSpace(c.kid("userId").text)
	ss := &session{user: user, nonce: strconv.FormatUint(randUint(), 10), connID: info.connID}
	if info.connID == 0 {
		ss.cookie = newToken(16)
	}
	s.sessions[sessionID] = ss
	dataStart(o, "AuthenticationResponse")
	o.el("userId", user)
	o.el("nonce", ss.nonce)
	o.el("passwordAlgorithm", "MD5")
	o.raw(`</command>`)
	return ss.cookie
}

func randUint() uint64 {
	b := newToken(8)
	n, _ := strconv.ParseUint(b, 16, 64)
	return n
}

// signPassword computes the signedPassword of LoginRequest14sp4, on its
// own (not with the client's code), so that the fake checks the client.
func signPassword(nonce, password string) string {
	sh := sha1.Sum([]byte(password))
	m := md5.Sum([]byte(nonce + ":" + hex.EncodeToString(sh[:])))
	return hex.EncodeToString(m[:])
}

func (s *Server) login(o *out, c *node, sessionID string, info reqInfo) string {
	var seq []elem
	if c.typ == "LoginRequest14sp4" {
		seq = []elem{req("userId"), opt("signedPassword"), opt("plainTextPassword")}
	} else {
		seq = []elem{req("userId"), opt("password"), opt("signedPassword")}
	}
	if err := checkSeq(c, seq); err != nil {
		errorResponse(o, CodeSchema, err.Error())
		return ""
	}
	user := strings.TrimSpace(c.kid("userId").text)
	want, known := s.users[user]
	ok := false
	clear := c.kid("password")
	if clear == nil {
		clear = c.kid("plainTextPassword")
	}
	cookie := ""
	switch {
	case clear != nil:
		if !info.secure {
			errorResponse(o, CodeBadPassword, "Invalid password: the fake refuses a clear password on an unencrypted link")
			return ""
		}
		ok = known && subtle.ConstantTimeCompare([]byte(clear.text), []byte(want)) == 1
		ss := &session{user: user, connID: info.connID}
		if info.connID == 0 {
			ss.cookie = newToken(16)
			cookie = ss.cookie
		}
		s.sessions[sessionID] = ss
	case c.kid("signedPassword") != nil:
		ss := s.sessions[sessionID]
		if ss != nil && ss.nonce != "" && ss.user == user && ss.connID == info.connID && (info.connID != 0 || ss.cookie == info.cookie) {
			got := strings.ToLower(strings.TrimSpace(c.kid("signedPassword").text))
			ok = known && subtle.ConstantTimeCompare([]byte(got), []byte(signPassword(ss.nonce, want))) == 1
			ss.nonce = "" // a nonce is good for one login
		}
	}
	if !ok {
		delete(s.sessions, sessionID)
		errorResponse(o, CodeBadPassword, "Invalid password")
		return ""
	}
	s.sessions[sessionID].loggedIn = true
	s.stats.Logins++
	dataStart(o, strings.Replace(c.typ, "Request", "Response", 1))
	o.el("loginType", "System")
	o.el("locale", "en_US")
	o.el("encoding", "ISO-8859-1")
	o.el("isEnterprise", "false")
	o.el("userDomain", "example.com")
	o.raw(`</command>`)
	return cookie
}

// The schema of the call-center commands.
var (
	addProfileSeq = []elem{req("name"), req("callingLineIdLastName"), req("callingLineIdFirstName"),
		opt("hiraganaLastName"), opt("hiraganaFirstName"), opt("phoneNumber"), opt("extension"), req("password"),
		opt("department"), opt("language"), opt("timeZone"), {"alias", 0, 3}, opt("publicUserIdentity"), opt("callingLineIdPhoneNumber")}
	modifyProfileSeq = []elem{opt("name"), opt("callingLineIdLastName"), opt("callingLineIdFirstName"),
		opt("hiraganaLastName"), opt("hiraganaFirstName"), opt("phoneNumber"), opt("extension"), opt("password"),
		opt("department"), opt("language"), opt("timeZone"), opt("sipAliasList"), opt("publicUserIdentity"), opt("callingLineIdPhoneNumber")}
	optionSeq = []elem{opt("allowCallsToAgentsInWrapUp"), opt("overrideAgentWrapUpTime"), opt("wrapUpSeconds"),
		opt("forceDeliveryOfCalls"), opt("forceDeliveryWaitTimeSeconds"), opt("enableAutomaticStateChangeForAgents"),
		opt("agentStateAfterCall"), opt("agentUnavailableCode")}
	addSeq = slices.Concat([]elem{req("serviceProviderId"), req("groupId"), req("serviceUserId"), req("serviceInstanceProfile"),
		req("type"), opt("routingType"), req("policy"), req("enableVideo"), req("queueLength"), opt("enableReporting"),
		req("allowCallerToDialEscapeDigit"), req("escapeDigit"), req("resetCallStatisticsUponEntryInQueue"),
		req("allowAgentLogoff"), req("allowCallWaitingForAgents")}, optionSeq,
		[]elem{req("externalPreferredAudioCodec"), req("internalPreferredAudioCodec"), req("playRingingWhenOfferingCall"),
			opt("networkClassOfService")})
	modifySeq = slices.Concat([]elem{req("serviceUserId"), opt("serviceInstanceProfile"),
		opt("type"), opt("routingType"), opt("policy"), opt("enableVideo"), opt("queueLength"), opt("enableReporting"),
		opt("allowCallerToDialEscapeDigit"), opt("escapeDigit"), opt("resetCallStatisticsUponEntryInQueue"),
		opt("allowAgentLogoff"), opt("allowCallWaitingForAgents")}, optionSeq,
		[]elem{opt("externalPreferredAudioCodec"), opt("internalPreferredAudioCodec"), opt("playRingingWhenOfferingCall"),
			opt("networkClassOfService")})

	typeValues    = []string{"Basic", "Standard", "Premium"}
	policyValues  = []string{"Circular", "Regular", "Simultaneous", "Uniform", "Weighted"}
	routingValues = []string{"Priority Based", "Skill Based"}
	stateValues   = []string{"Available", "Unavailable", "Wrap-Up"}
	codecValues   = []string{"None", "G711", "G722", "G729", "G726", "AMR", "AMR-WB", "OPUS", "EVRC0", "EVRCNW", "EVRCNW0"}

	// The options each type accepts beyond Basic: the fake's own table, kept
	// apart from package callcenter so that tests compare two sources.
	standardOptions = []string{"enableReporting", "allowCallsToAgentsInWrapUp", "overrideAgentWrapUpTime", "wrapUpSeconds",
		"enableAutomaticStateChangeForAgents", "agentStateAfterCall", "agentUnavailableCode"}
	premiumOptions = []string{"routingType", "forceDeliveryOfCalls", "forceDeliveryWaitTimeSeconds"}
)

// limit is the R25 type of an element the fake reads, with its bounds:
// the length in characters of a token (counted as xs:token counts it,
// spaces collapsed), or the range of an integer.
type limit struct {
	typ      string
	min, max int
}

// limits is the fake's own table of the R25 limits of the elements of the
// call-center commands, by element name ("department.name" for the name of
// a department key, "alias" for an alias or a sipAlias). It is kept apart
// from package callcenter so that tests compare two sources; both are
// compared with the schema (TestLimitsMatchSchemaR25).
var limits = map[string]limit{
	"serviceProviderId":            {"ServiceProviderId", 1, 30},
	"groupId":                      {"GroupId", 1, 30},
	"serviceUserId":                {"UserId", 1, 161},
	"name":                         {"ServiceInstanceProfileName", 1, 30},
	"callingLineIdLastName":        {"CallingLineIdLastName", 1, 30},
	"callingLineIdFirstName":       {"CallingLineIdFirstName", 1, 30},
	"hiraganaLastName":             {"HiraganaLastName", 1, 30},
	"hiraganaFirstName":            {"HiraganaFirstName", 1, 30},
	"phoneNumber":                  {"DN", 1, 23},
	"extension":                    {"Extension17", 2, 20},
	"password":                     {"Password", 1, 60},
	"language":                     {"Language", 1, 40},
	"timeZone":                     {"TimeZone", 1, 127},
	"alias":                        {"SIPURI", 1, 161},
	"publicUserIdentity":           {"SIPURI", 1, 161},
	"callingLineIdPhoneNumber":     {"DN", 1, 23},
	"department.name":              {"DepartmentName", 1, 50},
	"queueLength":                  {"CallCenterQueueLength16", 0, 525},
	"escapeDigit":                  {"DtmfDigit", 1, 1},
	"wrapUpSeconds":                {"CallCenterWrapUpSeconds", 1, 3600},
	"forceDeliveryWaitTimeSeconds": {"CallCenterForceDeliveryWaitTimeSeconds", 1, 10},
	"agentUnavailableCode":         {"CallCenterAgentUnavailableCode", 1, 10},
	"networkClassOfService":        {"NetworkClassOfServiceName", 1, 40},
}

// token reads the token name of n within the limits of key (see limits).
func (v *values) token(n *node, name, key string) string {
	l, ok := limits[key]
	if !ok {
		panic("broadworkstest: no limit for " + key)
	}
	return v.str(n, name, l.min, l.max)
}

// bounded reads the integer name of n within its limits.
func (v *values) bounded(n *node, name string) *int {
	l := limits[name]
	return v.integer(n, name, l.min, l.max)
}

// typeProblem names an option of c that typ does not accept.
func typeProblem(c *node, typ string) string {
	for _, k := range c.kids {
		if typ == "Basic" && slices.Contains(standardOptions, k.name) || typ != "Premium" && slices.Contains(premiumOptions, k.name) {
			return fmt.Sprintf("%s is not available for a %s call center", k.name, typ)
		}
	}
	return ""
}

func (s *Server) groupExists(sp, group string) bool {
	return len(s.groups) == 0 || s.groups[groupKey{sp, group}]
}

// readProfile reads the profile values shared by add and modify.
func readProfile(v *values, p *node, cc *callcenter.CallCenter) {
	set := func(dst *string, name string) {
		if p.kid(name) != nil {
			*dst = v.token(p, name, name)
		}
	}
	set(&cc.Profile.Name, "name")
	set(&cc.Profile.CallingLineIDLastName, "callingLineIdLastName")
	set(&cc.Profile.CallingLineIDFirstName, "callingLineIdFirstName")
	set(&cc.Profile.HiraganaLastName, "hiraganaLastName")
	set(&cc.Profile.HiraganaFirstName, "hiraganaFirstName")
	set(&cc.Profile.PhoneNumber, "phoneNumber")
	set(&cc.Profile.Extension, "extension")
	if p.kid("password") != nil {
		cc.Profile.Password = callcenter.Secret(v.token(p, "password", "password"))
	}
	set(&cc.Profile.Language, "language")
	set(&cc.Profile.TimeZone, "timeZone")
	set(&cc.Profile.PublicUserIdentity, "publicUserIdentity")
	set(&cc.Profile.CallingLineIDPhoneNumber, "callingLineIdPhoneNumber")
}

// readOptions reads the call-center options present in c into cc.
func readOptions(v *values, c *node, cc *callcenter.CallCenter) {
	if c.kid("type") != nil {
		cc.Type = callcenter.Type(v.enum(c, "type", typeValues))
	}
	if c.kid("routingType") != nil {
		cc.RoutingType = callcenter.RoutingType(v.enum(c, "routingType", routingValues))
	}
	if c.kid("policy") != nil {
		cc.Policy = callcenter.Policy(v.enum(c, "policy", policyValues))
	}
	setBool := func(dst **bool, name string) {
		if b := v.boolean(c, name); b != nil {
			*dst = b
		}
	}
	setInt := func(dst **int, name string) {
		if k := c.kid(name); k != nil {
			*dst = v.bounded(c, name) // nil when xsi:nil clears it
		}
	}
	setBool(&cc.EnableVideo, "enableVideo")
	setInt(&cc.QueueLength, "queueLength")
	setBool(&cc.EnableReporting, "enableReporting")
	setBool(&cc.AllowCallerToDialEscapeDigit, "allowCallerToDialEscapeDigit")
	if c.kid("escapeDigit") != nil {
		d := v.token(c, "escapeDigit", "escapeDigit")
		if !strings.Contains("0123456789*#", d) {
			v.fail("<escapeDigit> %q is not a DTMF digit", d)
		}
		cc.EscapeDigit = d
	}
	setBool(&cc.ResetCallStatisticsUponEntryInQueue, "resetCallStatisticsUponEntryInQueue")
	setBool(&cc.AllowAgentLogoff, "allowAgentLogoff")
	setBool(&cc.AllowCallWaitingForAgents, "allowCallWaitingForAgents")
	setBool(&cc.AllowCallsToAgentsInWrapUp, "allowCallsToAgentsInWrapUp")
	setBool(&cc.OverrideAgentWrapUpTime, "overrideAgentWrapUpTime")
	setInt(&cc.WrapUpSeconds, "wrapUpSeconds")
	setBool(&cc.ForceDeliveryOfCalls, "forceDeliveryOfCalls")
	setInt(&cc.ForceDeliveryWaitTimeSeconds, "forceDeliveryWaitTimeSeconds")
	setBool(&cc.EnableAutomaticStateChangeForAgents, "enableAutomaticStateChangeForAgents")
	if c.kid("agentStateAfterCall") != nil {
		cc.AgentStateAfterCall = callcenter.AgentState(v.enum(c, "agentStateAfterCall", stateValues))
	}
	if c.kid("agentUnavailableCode") != nil {
		cc.AgentUnavailableCode = v.token(c, "agentUnavailableCode", "agentUnavailableCode")
	}
	if c.kid("externalPreferredAudioCodec") != nil {
		cc.ExternalPreferredAudioCodec = callcenter.AudioCodec(v.enum(c, "externalPreferredAudioCodec", codecValues))
	}
	if c.kid("internalPreferredAudioCodec") != nil {
		cc.InternalPreferredAudioCodec = callcenter.AudioCodec(v.enum(c, "internalPreferredAudioCodec", codecValues))
	}
	setBool(&cc.PlayRingingWhenOfferingCall, "playRingingWhenOfferingCall")
	if c.kid("networkClassOfService") != nil {
		cc.NetworkClassOfService = v.token(c, "networkClassOfService", "networkClassOfService")
	}
}

func checkUserID(v *values, id string) {
	user, domain, ok := strings.Cut(id, "@")
	if !ok || user == "" || domain == "" {
		v.fail("<serviceUserId> %q must be user@domain", id)
	}
}

func checkAlias(v *values, a string) {
	if l := limits["alias"]; tokenLen(a) < l.min || tokenLen(a) > l.max {
		v.fail("alias %q must be %d to %d characters", a, l.min, l.max)
	}
	if strings.Count(a, "@") != 1 || strings.HasPrefix(strings.ToLower(a), "sip:") || strings.ContainsAny(a, " <>\"") {
		v.fail("alias %q must be user@host without sip:", a)
	}
}

// addRequest is an add read and checked against the schema, before the
// server's state is consulted: code is 0 when the request is well formed.
type addRequest struct {
	cc      callcenter.CallCenter
	profile *node
	code    int
	msg     string
}

// readAdd reads an add and checks all the rules that depend on the
// request alone. It touches no server state, so handleWith runs it for a
// document's adds while the document's latency runs.
func readAdd(c *node) *addRequest {
	r := new(addRequest)
	readAddInto(r, c)
	return r
}

// readAddInto is readAdd into r (handleWith's reused space).
func readAddInto(r *addRequest, c *node) {
	*r = addRequest{profile: c.kid("serviceInstanceProfile")}
	if err := checkSeq(c, addSeq); err != nil {
		r.code, r.msg = CodeSchema, err.Error()
		return
	}
	if err := checkSeq(r.profile, addProfileSeq); err != nil {
		r.code, r.msg = CodeSchema, err.Error()
		return
	}
	var v values
	cc := &r.cc
	cc.ServiceProviderID = v.token(c, "serviceProviderId", "serviceProviderId")
	cc.GroupID = v.token(c, "groupId", "groupId")
	cc.ServiceUserID = v.token(c, "serviceUserId", "serviceUserId")
	checkUserID(&v, cc.ServiceUserID)
	readProfile(&v, r.profile, cc)
	for _, a := range r.profile.all("alias") {
		alias := strings.TrimSpace(a.text)
		checkAlias(&v, alias)
		cc.Profile.Aliases = append(cc.Profile.Aliases, alias)
	}
	readOptions(&v, c, cc)
	if v.err != nil {
		r.code, r.msg = CodeSchema, v.err.Error()
		return
	}
	if msg := typeProblem(c, string(cc.Type)); msg != "" {
		r.code, r.msg = CodeTypeOption, msg
	}
}

// add carries out an add read by readAdd (r is nil when it was not).
func (s *Server) add(o *out, c *node, r *addRequest) {
	if r == nil {
		r = readAdd(c)
	}
	if r.code != 0 {
		errorResponse(o, r.code, r.msg)
		return
	}
	cc := &r.cc
	if code, msg := s.readDepartment(r.profile, cc); code != 0 {
		errorResponse(o, code, msg)
		return
	}
	if !s.groupExists(cc.ServiceProviderID, cc.GroupID) {
		errorResponse(o, CodeGroupNotFound, "Group not found: "+cc.ServiceProviderID+":"+cc.GroupID)
		return
	}
	if _, dup := s.centers[callcenter.UserIDKey(cc.ServiceUserID)]; dup {
		errorResponse(o, CodeUserExists, "User already exists: "+cc.ServiceUserID)
		return
	}
	st := newStored(cc)
	s.centers[callcenter.UserIDKey(st.id)] = st
	s.stats.Adds++
	success(o)
}

func (s *Server) lookup(o *out, c *node, seq []elem) *stored {
	if err := checkSeq(c, seq); err != nil {
		errorResponse(o, CodeSchema, err.Error())
		return nil
	}
	id := strings.TrimSpace(c.kid("serviceUserId").text)
	st := s.centers[callcenter.UserIDKey(id)]
	if st == nil {
		errorResponse(o, CodeUserNotFound, "User not found: "+id)
	}
	return st
}

func (s *Server) get(o *out, c *node) {
	st := s.lookup(o, c, []elem{req("serviceUserId")})
	if st == nil {
		return
	}
	cc := st.cc()
	p := cc.Profile
	dataStart(o, "GroupCallCenterGetInstanceResponse22")
	o.raw("<serviceInstanceProfile>")
	o.el("name", p.Name)
	o.el("callingLineIdLastName", p.CallingLineIDLastName)
	o.el("callingLineIdFirstName", p.CallingLineIDFirstName)
	o.opt("hiraganaLastName", p.HiraganaLastName)
	o.opt("hiraganaFirstName", p.HiraganaFirstName)
	o.opt("phoneNumber", p.PhoneNumber)
	o.opt("extension", p.Extension)
	if p.PhoneNumber != "" {
		o.el("countryCode", "1")
	}
	if d := p.Department; d.Name != "" {
		if d.Level == callcenter.EnterpriseDepartment {
			o.raw(`<department xsi:type="EnterpriseDepartmentKey">`)
			o.el("serviceProviderId", cc.ServiceProviderID)
		} else {
			o.raw(`<department xsi:type="GroupDepartmentKey">`)
			o.el("serviceProviderId", cc.ServiceProviderID)
			o.el("groupId", cc.GroupID)
		}
		o.el("name", d.Name)
		o.raw(`</department>`)
	}
	o.opt("language", p.Language)
	o.opt("timeZone", p.TimeZone)
	if p.TimeZone != "" {
		o.el("timeZoneDisplayName", "("+p.TimeZone+")")
	}
	for _, a := range p.Aliases {
		o.el("alias", a)
	}
	o.opt("publicUserIdentity", p.PublicUserIdentity)
	o.opt("callingLineIdPhoneNumber", p.CallingLineIDPhoneNumber)
	o.raw("</serviceInstanceProfile>")
	o.el("type", string(cc.Type))
	o.opt("routingType", string(cc.RoutingType))
	o.el("policy", string(cc.Policy))
	o.boolean("enableVideo", deref(cc.EnableVideo))
	o.el("queueLength", strconv.Itoa(derefInt(cc.QueueLength)))
	o.optBool("enableReporting", cc.EnableReporting)
	o.boolean("allowCallerToDialEscapeDigit", deref(cc.AllowCallerToDialEscapeDigit))
	o.el("escapeDigit", cc.EscapeDigit)
	o.boolean("resetCallStatisticsUponEntryInQueue", deref(cc.ResetCallStatisticsUponEntryInQueue))
	o.boolean("allowAgentLogoff", deref(cc.AllowAgentLogoff))
	o.boolean("allowCallWaitingForAgents", deref(cc.AllowCallWaitingForAgents))
	o.optBool("allowCallsToAgentsInWrapUp", cc.AllowCallsToAgentsInWrapUp)
	o.optBool("overrideAgentWrapUpTime", cc.OverrideAgentWrapUpTime)
	o.optInt("wrapUpSeconds", cc.WrapUpSeconds)
	o.optBool("forceDeliveryOfCalls", cc.ForceDeliveryOfCalls)
	o.optInt("forceDeliveryWaitTimeSeconds", cc.ForceDeliveryWaitTimeSeconds)
	o.optBool("enableAutomaticStateChangeForAgents", cc.EnableAutomaticStateChangeForAgents)
	o.opt("agentStateAfterCall", string(cc.AgentStateAfterCall))
	o.opt("agentUnavailableCode", cc.AgentUnavailableCode)
	o.el("externalPreferredAudioCodec", string(cc.ExternalPreferredAudioCodec))
	o.el("internalPreferredAudioCodec", string(cc.InternalPreferredAudioCodec))
	o.boolean("playRingingWhenOfferingCall", deref(cc.PlayRingingWhenOfferingCall))
	if cc.Type != callcenter.Basic {
		o.el("callCenterQueueThresholdsIsActive", "false")
	}
	o.opt("networkClassOfService", cc.NetworkClassOfService)
	o.raw("</command>")
}

func deref(b *bool) bool { return b != nil && *b }

func derefInt(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

func (s *Server) modify(o *out, c *node) {
	st := s.lookup(o, c, modifySeq)
	if st == nil {
		return
	}
	cc := st.cc()
	var v values
	if p := c.kid("serviceInstanceProfile"); p != nil {
		if err := checkSeq(p, modifyProfileSeq); err != nil {
			errorResponse(o, CodeSchema, err.Error())
			return
		}
		readProfile(&v, p, &cc)
		if l := p.kid("sipAliasList"); l != nil {
			cc.Profile.Aliases = nil
			if !l.isNil {
				if err := checkSeq(l, []elem{{"sipAlias", 1, 3}}); err != nil {
					errorResponse(o, CodeSchema, err.Error())
					return
				}
				for _, a := range l.kids {
					alias := strings.TrimSpace(a.text)
					checkAlias(&v, alias)
					cc.Profile.Aliases = append(cc.Profile.Aliases, alias)
				}
			}
		}
	}
	readOptions(&v, c, &cc)
	if v.err != nil {
		errorResponse(o, CodeSchema, v.err.Error())
		return
	}
	if msg := typeProblem(c, string(cc.Type)); msg != "" {
		errorResponse(o, CodeTypeOption, msg)
		return
	}
	if p := c.kid("serviceInstanceProfile"); p != nil {
		if code, msg := s.readDepartment(p, &cc); code != 0 {
			errorResponse(o, code, msg)
			return
		}
	}
	// A type lowered drops the options the new type does not accept.
	if cc.Type != callcenter.Premium {
		cc.RoutingType, cc.ForceDeliveryOfCalls, cc.ForceDeliveryWaitTimeSeconds = "", nil, nil
	}
	if cc.Type == callcenter.Basic {
		cc.EnableReporting, cc.AllowCallsToAgentsInWrapUp, cc.OverrideAgentWrapUpTime, cc.WrapUpSeconds = nil, nil, nil, nil
		cc.EnableAutomaticStateChangeForAgents, cc.AgentStateAfterCall, cc.AgentUnavailableCode = nil, "", ""
	}
	st.data = packed.Pack(&cc)
	s.stats.Modifies++
	success(o)
}

func (s *Server) delete(o *out, c *node) {
	st := s.lookup(o, c, []elem{req("serviceUserId")})
	if st == nil {
		return
	}
	delete(s.centers, callcenter.UserIDKey(st.id))
	s.stats.Deletes++
	success(o)
}

var listHeadings = []string{"Service User Id", "Name", "Video", "Phone Number", "Extension", "Department", "Is Active", "Policy", "Type"}

func (s *Server) list(o *out, c *node) {
	if err := checkSeq(c, []elem{req("serviceProviderId"), req("groupId"), opt("groupDepartmentName")}); err != nil {
		errorResponse(o, CodeSchema, err.Error())
		return
	}
	sp, group := strings.TrimSpace(c.kid("serviceProviderId").text), strings.TrimSpace(c.kid("groupId").text)
	if !s.groupExists(sp, group) {
		errorResponse(o, CodeGroupNotFound, "Group not found: "+sp+":"+group)
		return
	}
	s.writeTable(o, "GroupCallCenterGetInstanceListResponse", s.groupRows(sp, group))
}

// groupRows returns the call centers of a group sorted by service user id.
func (s *Server) groupRows(sp, group string) []*stored {
	var rows []*stored
	for _, st := range s.centers {
		if st.sp == sp && st.group == group {
			rows = append(rows, st)
		}
	}
	slices.SortFunc(rows, func(a, b *stored) int { return strings.Compare(a.id, b.id) })
	return rows
}

func (s *Server) writeTable(o *out, typ string, rows []*stored) {
	dataStart(o, typ)
	o.raw("<callCenterTable>")
	for _, h := range listHeadings {
		o.el("colHeading", h)
	}
	for _, st := range rows {
		cc := st.cc()
		o.raw("<row>")
		for _, v := range []string{cc.ServiceUserID, cc.Profile.Name, strconv.FormatBool(deref(cc.EnableVideo)),
			cc.Profile.PhoneNumber, cc.Profile.Extension, cc.Profile.Department.Name, strconv.FormatBool(!st.inactive),
			string(cc.Policy), string(cc.Type)} {
			o.el("col", v)
		}
		o.raw("</row>")
	}
	o.raw("</callCenterTable></command>")
}

// pagedList answers GroupCallCenterGetInstancePagedSortedListRequest.
func (s *Server) pagedList(o *out, c *node) {
	start, size, ids, ok := pagedRequest(o, c, "serviceProviderId", "groupId")
	if !ok {
		return
	}
	sp, group := ids[0], ids[1]
	if !s.groupExists(sp, group) {
		errorResponse(o, CodeGroupNotFound, "Group not found: "+sp+":"+group)
		return
	}
	s.writeTable(o, "GroupCallCenterGetInstancePagedSortedListResponse", pageOf(s.groupRows(sp, group), start, size))
}

// modifyActive answers GroupCallCenterModifyActiveInstanceListRequest: all
// or nothing.
func (s *Server) modifyActive(o *out, c *node) {
	if err := checkSeq(c, []elem{{"serviceActivation", 0, 1 << 20}}); err != nil {
		errorResponse(o, CodeSchema, err.Error())
		return
	}
	var v values
	want := map[*stored]bool{}
	for _, sa := range c.all("serviceActivation") {
		if err := checkSeq(sa, []elem{req("serviceUserId"), req("isActive")}); err != nil {
			errorResponse(o, CodeSchema, err.Error())
			return
		}
		id := v.token(sa, "serviceUserId", "serviceUserId")
		active := v.boolean(sa, "isActive")
		if v.err != nil {
			errorResponse(o, CodeSchema, v.err.Error())
			return
		}
		st := s.centers[callcenter.UserIDKey(id)]
		if st == nil {
			errorResponse(o, CodeUserNotFound, "User not found: "+id)
			return
		}
		want[st] = *active
	}
	for st, active := range want {
		st.inactive = !active
	}
	s.stats.Modifies += len(want)
	success(o)
}

// readDepartment reads the department element of profile p (if any) into
// cc, checking its key against cc's service provider and group and the
// declared departments. code is 0 when it is fine.
func (s *Server) readDepartment(p *node, cc *callcenter.CallCenter) (code int, msg string) {
	d := p.kid("department")
	if d == nil {
		return 0, ""
	}
	if d.isNil {
		cc.Profile.Department = callcenter.Department{}
		return 0, ""
	}
	var v values
	var key deptKey
	switch d.typ {
	case "GroupDepartmentKey":
		if err := checkSeq(d, []elem{req("serviceProviderId"), req("groupId"), req("name")}); err != nil {
			return CodeSchema, err.Error()
		}
		key = deptKey{v.token(d, "serviceProviderId", "serviceProviderId"), v.token(d, "groupId", "groupId"), v.token(d, "name", "department.name")}
	case "EnterpriseDepartmentKey":
		if err := checkSeq(d, []elem{req("serviceProviderId"), req("name")}); err != nil {
			return CodeSchema, err.Error()
		}
		key = deptKey{v.token(d, "serviceProviderId", "serviceProviderId"), "", v.token(d, "name", "department.name")}
	default:
		return CodeSchema, fmt.Sprintf("<department> needs xsi:type GroupDepartmentKey or EnterpriseDepartmentKey, not %q", d.typ)
	}
	if v.err != nil {
		return CodeSchema, v.err.Error()
	}
	if key.sp != cc.ServiceProviderID || key.group != "" && key.group != cc.GroupID {
		return CodeDepartmentNotFound, "Department not found: " + key.name + " is not a department of the call center's group or enterprise"
	}
	if len(s.depts) > 0 && !s.depts[key] {
		return CodeDepartmentNotFound, "Department not found: " + key.name
	}
	level := callcenter.GroupDepartment
	if key.group == "" {
		level = callcenter.EnterpriseDepartment
	}
	cc.Profile.Department = callcenter.Department{Name: key.name, Level: level}
	return 0, ""
}

package callcenter

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Column describes one column of the bulk sheet of reference 000: its name in
// CSV notation, whether it is required, and the lowest call-center type that
// accepts it. This table is the single source of the per-type rules; bulk,
// the vendor packages and the docs read it through [Columns] and
// [Type.Allows].
type Column struct {
	Field    string // CSV column, e.g. "wrapUpSeconds" or "serviceInstanceProfile.name"
	Required bool   // must be set (after defaults) for the call center to be valid
	MinType  Type   // lowest type that accepts the field: Basic, Standard or Premium

	// SchemaType is the type of the OCI-P R25 schema the field is sent as
	// ("DepartmentName", "CallCenterWrapUpSeconds", "xs:boolean"); its
	// limits are the field's. "" for the department level, which picks
	// the department key's type instead.
	SchemaType string
	// Min and Max are the limits of SchemaType: for text the length in
	// characters, counted as xs:token counts it (spaces collapsed); for an
	// integer its range. Both are 0 for booleans and enums.
	Min, Max int

	// Description says what the column holds, in a few words.
	Description string
	// Default is the value [CallCenter.ApplyDefaults] gives the field of a
	// call center created without it, as CSV text: reference 000's
	// defaults. "" for a column without a default.
	Default string
	// Allowed says in words which values the column takes: its enum
	// values, its range, its length and form ("true or false", "0 to
	// 525", "1 to 30 characters").
	Allowed string
}

// Types says which call-center types accept the column: "all",
// "Standard, Premium" or "Premium".
func (c Column) Types() string {
	switch c.MinType {
	case Premium:
		return "Premium"
	case Standard:
		return "Standard, Premium"
	}
	return "all"
}

// r25 is the OCI-P R25 type a field is sent as, with its limits.
type r25 struct {
	typ      string
	min, max int
}

// AliasSchemaType is the R25 type of an alias (serviceInstanceProfile.alias),
// and AliasMinLength and AliasMaxLength its limits.
const (
	AliasSchemaType = "SIPURI"
	AliasMinLength  = 1
	AliasMaxLength  = 161
)

// field is one row of the table: the column plus how to parse, test, check
// and copy the Go field behind it.
type field struct {
	Column
	set      func(c *CallCenter, v string) error // parse CSV text into the field
	isSet    func(c *CallCenter) bool
	value    func(c *CallCenter) string // the value as CSV text ("" when unset)
	identity bool                       // a key a read answer may omit (provider, group)
	check    func(c *CallCenter) string // a problem with the value, or ""
	clone    func(c *CallCenter)        // un-share a pointer field (nil for values)

	// The Go field itself, for [CallCenter.Unset]: exactly one is non-nil.
	str   *rawText // text and enum fields
	flagp func(c *CallCenter) **bool
	nump  func(c *CallCenter) **int
}

// AliasField is the CSV notation of the alias columns, with %d for the index.
const AliasField = "serviceInstanceProfile.alias[%d]"

// MaxAliases is the most aliases a call center may have.
const MaxAliases = 3

const profile = "serviceInstanceProfile."

// fields lists every column in the order of reference 000 (alias columns
// excepted: they are handled by Set and Validate as one list).
var fields = []field{
	identity(text("serviceProviderId", Basic, true, func(c *CallCenter) *string { return &c.ServiceProviderID }, r25{"ServiceProviderId", 1, 30}, form{})).about("the service provider (or enterprise) of the group"),
	identity(text("groupId", Basic, true, func(c *CallCenter) *string { return &c.GroupID }, r25{"GroupId", 1, 30}, form{})).about("the group the call center belongs to"),
	text("serviceUserId", Basic, true, func(c *CallCenter) *string { return &c.ServiceUserID }, r25{"UserId", 1, 161}, userIDForm).about("the call center's user id, which names it"),
	text(profile+"name", Basic, true, func(c *CallCenter) *string { return &c.Profile.Name }, r25{"ServiceInstanceProfileName", 1, 30}, form{}).about("the call center's name").byDefault(DefaultName),
	text(profile+"callingLineIdLastName", Basic, true, func(c *CallCenter) *string { return &c.Profile.CallingLineIDLastName }, r25{"CallingLineIdLastName", 1, 30}, form{}).about("the calling line ID last name: the caller ID shown on calls it makes").byDefault(DefaultCallingLineIDLastName),
	text(profile+"callingLineIdFirstName", Basic, true, func(c *CallCenter) *string { return &c.Profile.CallingLineIDFirstName }, r25{"CallingLineIdFirstName", 1, 30}, form{}).about("the calling line ID first name").byDefault(DefaultCallingLineIDFirstName),
	text(profile+"password", Basic, true, func(c *CallCenter) *Secret { return &c.Profile.Password }, r25{"Password", 1, 60}, form{}).about("the call center's password (cannot be read back: an export leaves it empty)"),
	text(profile+"hiraganaLastName", Basic, false, func(c *CallCenter) *string { return &c.Profile.HiraganaLastName }, r25{"HiraganaLastName", 1, 30}, form{}).about("the last name in hiragana (Japanese systems)"),
	text(profile+"hiraganaFirstName", Basic, false, func(c *CallCenter) *string { return &c.Profile.HiraganaFirstName }, r25{"HiraganaFirstName", 1, 30}, form{}).about("the first name in hiragana"),
	text(profile+"phoneNumber", Basic, false, func(c *CallCenter) *string { return &c.Profile.PhoneNumber }, r25{"DN", 1, 23}, dnForm).about("the call center's phone number"),
	text(profile+"extension", Basic, false, func(c *CallCenter) *string { return &c.Profile.Extension }, r25{"Extension17", 2, 20}, extensionForm).about("the call center's extension"),
	text(profile+"language", Basic, false, func(c *CallCenter) *string { return &c.Profile.Language }, r25{"Language", 1, 40}, form{}).about("the language of its announcements"),
	text(profile+"timeZone", Basic, false, func(c *CallCenter) *string { return &c.Profile.TimeZone }, r25{"TimeZone", 1, 127}, form{}).about("its time zone, e.g. Asia/Tokyo"),
	text(profile+"publicUserIdentity", Basic, false, func(c *CallCenter) *string { return &c.Profile.PublicUserIdentity }, r25{"SIPURI", 1, 161}, form{}).about("its public SIP identity"),
	text(profile+"callingLineIdPhoneNumber", Basic, false, func(c *CallCenter) *string { return &c.Profile.CallingLineIDPhoneNumber }, r25{"DN", 1, 23}, dnForm).about("the phone number shown as caller ID on calls it makes"),
	text(profile+"department.name", Basic, false, func(c *CallCenter) *string { return &c.Profile.Department.Name }, r25{"DepartmentName", 1, 50}, form{}).about("the department it belongs to"),
	choice(profile+"department.level", Basic, false, "", departmentLevels, func(c *CallCenter) *DepartmentLevel { return &c.Profile.Department.Level }).about("where that department is defined: the group's or the enterprise's"),
	choice("type", Basic, true, "CallCenterType", types, func(c *CallCenter) *Type { return &c.Type }).about("the call-center type, which decides the options it accepts").byDefault(string(DefaultType)),
	choice("policy", Basic, true, "HuntPolicy", policies, func(c *CallCenter) *Policy { return &c.Policy }).about("how calls are distributed to agents").byDefault(string(DefaultPolicy)),
	flag("enableVideo", Basic, func(c *CallCenter) **bool { return &c.EnableVideo }).about("whether calls may be video calls").byDefault("false"),
	number("queueLength", Basic, r25{"CallCenterQueueLength16", 0, 525}, func(c *CallCenter) **int { return &c.QueueLength }).about("how many calls may wait in the queue").byDefault(strconv.Itoa(DefaultQueueLength)),
	flag("allowCallerToDialEscapeDigit", Basic, func(c *CallCenter) **bool { return &c.AllowCallerToDialEscapeDigit }).about("whether a waiting caller may press the escape digit to leave the queue").byDefault("false"),
	text("escapeDigit", Basic, false, func(c *CallCenter) *string { return &c.EscapeDigit }, r25{"DtmfDigit", 1, 1}, dtmfForm).about("the digit that leaves the queue").byDefault(DefaultEscapeDigit),
	flag("resetCallStatisticsUponEntryInQueue", Basic, func(c *CallCenter) **bool { return &c.ResetCallStatisticsUponEntryInQueue }).about("whether a call's statistics restart when it enters the queue").byDefault("true"),
	flag("allowAgentLogoff", Basic, func(c *CallCenter) **bool { return &c.AllowAgentLogoff }).about("whether agents may log off").byDefault("true"),
	flag("allowCallWaitingForAgents", Basic, func(c *CallCenter) **bool { return &c.AllowCallWaitingForAgents }).about("whether agents on a call get call waiting").byDefault("true"),
	choice("externalPreferredAudioCodec", Basic, false, "AudioFileCodec22", codecs, func(c *CallCenter) *AudioCodec { return &c.ExternalPreferredAudioCodec }).about("the preferred audio codec of calls from outside").byDefault(string(DefaultAudioCodec)),
	choice("internalPreferredAudioCodec", Basic, false, "AudioFileCodec22", codecs, func(c *CallCenter) *AudioCodec { return &c.InternalPreferredAudioCodec }).about("the preferred audio codec of calls from inside").byDefault(string(DefaultAudioCodec)),
	flag("playRingingWhenOfferingCall", Basic, func(c *CallCenter) **bool { return &c.PlayRingingWhenOfferingCall }).about("whether callers hear ringing while a call is offered to an agent").byDefault("true"),
	choice("routingType", Premium, false, "CallCenterRoutingType", routingTypes, func(c *CallCenter) *RoutingType { return &c.RoutingType }).about("how calls are routed: by priority or by skill"),
	flag("enableReporting", Standard, func(c *CallCenter) **bool { return &c.EnableReporting }).about("whether call-center reports are kept"),
	flag("allowCallsToAgentsInWrapUp", Standard, func(c *CallCenter) **bool { return &c.AllowCallsToAgentsInWrapUp }).about("whether agents in wrap-up are offered calls"),
	flag("overrideAgentWrapUpTime", Standard, func(c *CallCenter) **bool { return &c.OverrideAgentWrapUpTime }).about("whether wrapUpSeconds overrides the agents' own wrap-up time"),
	number("wrapUpSeconds", Standard, r25{"CallCenterWrapUpSeconds", 1, 3600}, func(c *CallCenter) **int { return &c.WrapUpSeconds }).about("the wrap-up time after a call, in seconds"),
	flag("forceDeliveryOfCalls", Premium, func(c *CallCenter) **bool { return &c.ForceDeliveryOfCalls }).about("whether calls are delivered to idle agents without ringing"),
	number("forceDeliveryWaitTimeSeconds", Premium, r25{"CallCenterForceDeliveryWaitTimeSeconds", 1, 10}, func(c *CallCenter) **int { return &c.ForceDeliveryWaitTimeSeconds }).about("how long before a call is forced to an agent, in seconds"),
	flag("enableAutomaticStateChangeForAgents", Standard, func(c *CallCenter) **bool { return &c.EnableAutomaticStateChangeForAgents }).about("whether an agent's state changes by itself after a call"),
	choice("agentStateAfterCall", Standard, false, "AgentACDAutomaticState", agentStates, func(c *CallCenter) *AgentState { return &c.AgentStateAfterCall }).about("the agent's state after a call"),
	text("agentUnavailableCode", Standard, false, func(c *CallCenter) *string { return &c.AgentUnavailableCode }, r25{"CallCenterAgentUnavailableCode", 1, 10}, form{}).about("the unavailable code set with the Unavailable state"),
	text("networkClassOfService", Basic, false, func(c *CallCenter) *string { return &c.NetworkClassOfService }, r25{"NetworkClassOfServiceName", 1, 40}, form{}).about("the network class of service"),
}

var fieldIndex = func() map[string]*field {
	m := make(map[string]*field, len(fields))
	for i := range fields {
		m[fields[i].Field] = &fields[i]
	}
	return m
}()

// Columns returns the table of every column of the bulk sheet (but the
// operation column and the alias columns, see [AliasField]) in the order of
// reference 000, with the lowest type each accepts.
func Columns() []Column {
	out := make([]Column, len(fields))
	for i, f := range fields {
		out[i] = f.Column
	}
	return out
}

// AliasColumns returns the alias columns of the bulk sheet,
// serviceInstanceProfile.alias[0] to alias[MaxAliases-1], described as
// [Columns] describes the others (an alias is sent as the R25 type
// [AliasSchemaType]).
func AliasColumns() []Column {
	out := make([]Column, MaxAliases)
	for i := range out {
		out[i] = Column{Field: fmt.Sprintf(AliasField, i), MinType: Basic, SchemaType: AliasSchemaType, Min: AliasMinLength, Max: AliasMaxLength,
			Description: fmt.Sprintf("alias %d of the call center: another SIP address it answers to", i+1),
			Allowed:     fmt.Sprintf("user@host without sip:, of letters, digits and - _ . ! ~ * ' ( ); %d to %d characters", AliasMinLength, AliasMaxLength)}
	}
	return out
}

// Allows reports whether a call center of type t accepts the option named
// field (CSV notation). Unknown fields are not allowed.
func (t Type) Allows(field string) bool {
	if _, ok := aliasIndex(field); ok {
		return t.AtLeast(Basic)
	}
	f, ok := fieldIndex[field]
	return ok && t.AtLeast(f.MinType)
}

// Set parses value, as written in a CSV cell, into the field named by its
// CSV column (e.g. "wrapUpSeconds", "serviceInstanceProfile.alias[1]").
// An empty value leaves the field unset, so that defaults apply. Booleans are
// true or false in any case; integers are decimal; enum values accept every
// spelling the Parse functions accept. Alias columns append to
// Profile.Aliases in the order they are set. The error names the field.
func (c *CallCenter) Set(field, value string) error {
	if _, ok := aliasIndex(field); ok {
		if value != "" {
			c.Profile.Aliases = append(c.Profile.Aliases, value)
		}
		return nil
	}
	f, ok := fieldIndex[field]
	if !ok {
		return FieldError{Field: field, Message: "unknown field"}
	}
	if value == "" {
		return nil
	}
	if err := f.set(c, value); err != nil {
		return FieldError{Field: field, Message: err.Error()}
	}
	return nil
}

// IsField reports whether name is a column of the bulk sheet (the operation
// column aside).
func IsField(name string) bool {
	_, alias := aliasIndex(name)
	_, ok := fieldIndex[name]
	return ok || alias
}

// aliasIndex parses "serviceInstanceProfile.alias[N]".
func aliasIndex(field string) (int, bool) {
	rest, ok := strings.CutPrefix(field, profile+"alias[")
	if !ok {
		return 0, false
	}
	num, ok := strings.CutSuffix(rest, "]")
	if !ok || num == "" || len(num) > 3 {
		return 0, false
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || strconv.Itoa(n) != num {
		return 0, false
	}
	return n, true
}

// identity marks a field as a key that read answers may omit.
func identity(f field) field { f.identity = true; return f }

// about gives a field its description.
func (f field) about(description string) field { f.Description = description; return f }

// byDefault records the default ApplyDefaults gives the field (a test
// checks that the two agree).
func (f field) byDefault(v string) field { f.Default = v; return f }

// form is what a text field's value must look like beyond its length: a
// check (a problem, or "") and the rule in words.
type form struct {
	check func(string) string
	rule  string
}

// The forms of the text fields that have one.
var (
	userIDForm    = form{userID, "user@domain"}
	dtmfForm      = form{dtmfDigit, "one digit: 0-9, * or #"}
	dnForm        = form{directoryNumber, dnRule}
	extensionForm = form{extension, "digits (spaces, dashes, dots and brackets are removed)"}
)

// text is a string field sent as the R25 type t: its length is checked
// against t's limits, then its form.
func text[S ~string](name string, min Type, required bool, p func(*CallCenter) *S, t r25, f form) field {
	lengthOK := length(t.min, t.max)
	allowed := fmt.Sprintf("%d to %d characters", t.min, t.max)
	switch {
	case f.rule != "" && t.min == t.max:
		allowed = f.rule
	case f.rule != "":
		allowed = f.rule + ", " + allowed
	}
	return field{
		Column: Column{Field: name, Required: required, MinType: min, SchemaType: t.typ, Min: t.min, Max: t.max, Allowed: allowed},
		set:    func(c *CallCenter, v string) error { *p(c) = S(v); return nil },
		isSet:  func(c *CallCenter) bool { return *p(c) != "" },
		value:  func(c *CallCenter) string { return string(*p(c)) },
		check: func(c *CallCenter) string {
			v := string(*p(c))
			if msg := lengthOK(v); msg != "" || f.check == nil {
				return msg
			}
			return f.check(v)
		},
		str: rawString(p),
	}
}

// choice is an enum field, sent as the R25 enumeration schemaType.
func choice[T ~string](name string, min Type, required bool, schemaType string, e enum[T], p func(*CallCenter) *T) field {
	return field{
		Column: Column{Field: name, Required: required, MinType: min, SchemaType: schemaType, Allowed: e.allowed()},
		set: func(c *CallCenter, v string) error {
			t, err := e.parse(v)
			if err != nil {
				return err
			}
			*p(c) = t
			return nil
		},
		isSet: func(c *CallCenter) bool { return *p(c) != "" },
		value: func(c *CallCenter) string { return string(e.normalise(*p(c))) },
		check: func(c *CallCenter) string {
			if _, err := e.parse(string(*p(c))); err != nil {
				return err.Error()
			}
			return ""
		},
		str: rawString(p, e.values...),
	}
}

// rawText reads and writes a field of a string type as it is stored, with
// no parsing or normalising.
type rawText struct {
	get    func(c *CallCenter) string
	put    func(c *CallCenter, v string)
	values []string // an enum's canonical values (Pack writes one byte for them)
}

func rawString[S ~string](p func(*CallCenter) *S, values ...S) *rawText {
	r := &rawText{
		get: func(c *CallCenter) string { return string(*p(c)) },
		put: func(c *CallCenter, v string) { *p(c) = S(v) },
	}
	for _, v := range values {
		r.values = append(r.values, string(v))
	}
	return r
}

// flag is an optional boolean field.
func flag(name string, min Type, p func(*CallCenter) **bool) field {
	return optional(field{
		Column: Column{Field: name, MinType: min, SchemaType: "xs:boolean", Allowed: "true or false"},
		set: func(c *CallCenter, v string) error {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "true":
				*p(c) = new(true)
			case "false":
				*p(c) = new(false)
			default:
				return fmt.Errorf("invalid boolean %q: want true or false", v)
			}
			return nil
		},
		check: func(*CallCenter) string { return "" },
		flagp: p,
	}, p, strconv.FormatBool)
}

// optional completes f, a field held as a pointer that nil leaves unset
// (a flag, a number): it is set when p is not nil, its CSV text is format
// of the value, and clone gives the call center a copy of its own.
func optional[T any](f field, p func(*CallCenter) **T, format func(T) string) field {
	f.isSet = func(c *CallCenter) bool { return *p(c) != nil }
	f.value = func(c *CallCenter) string {
		if v := *p(c); v != nil {
			return format(*v)
		}
		return ""
	}
	f.clone = func(c *CallCenter) {
		if v := *p(c); v != nil {
			*p(c) = new(*v)
		}
	}
	return f
}

// number is an optional integer field sent as the R25 type t, in t's
// range.
func number(name string, min Type, t r25, p func(*CallCenter) **int) field {
	lo, hi := t.min, t.max
	return optional(field{
		Column: Column{Field: name, MinType: min, SchemaType: t.typ, Min: lo, Max: hi, Allowed: fmt.Sprintf("%d to %d", lo, hi)},
		set: func(c *CallCenter, v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return fmt.Errorf("invalid integer %q", v)
			}
			*p(c) = &n
			return nil
		},
		check: func(c *CallCenter) string {
			if n := **p(c); n < lo || n > hi {
				return fmt.Sprintf("%d is out of range %d to %d", n, lo, hi)
			}
			return ""
		},
		nump: p,
	}, p, strconv.Itoa)
}

// length checks a token's length in characters as the OCI-P schema counts
// it (its string types are xs:token: leading, trailing and repeated spaces
// collapse before the limits apply, so a value of spaces only is refused),
// and that it is one line of valid UTF-8 without control characters or
// noncharacters (U+FFFE and U+FFFF, which XML 1.0 cannot carry, among
// them): nothing reaches the server as something else (one pass, no
// allocation).
func length(lo, hi int) func(string) string {
	return func(s string) string {
		if n, ok := plainLength(s); ok && n >= lo && n <= hi {
			return ""
		}
		return tokenProblem(s, lo, hi)
	}
}

// tokenProblem is length's full check.
func tokenProblem(s string, lo, hi int) string {
	n, space := 0, true // space: the last rune counted was a space (or none yet)
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			if !utf8.ValidString(s) {
				return "is not valid UTF-8"
			}
		case r == '\r' || r == '\n':
			return "must be one line"
		case r < 0x20 || r >= 0x7f && r <= 0x9f:
			return fmt.Sprintf("has the control character %U", r)
		case r == 0xFFFE || r == 0xFFFF:
			return fmt.Sprintf("has %U, a noncharacter that XML 1.0 cannot carry (it would reach the server as another character)", r)
		case isNoncharacter(r):
			return fmt.Sprintf("has the noncharacter %U, which is not for interchange", r)
		case r == ' ':
			if space {
				continue
			}
			space = true
			n++
			continue
		}
		space = false
		n++
	}
	if space && n > 0 {
		n-- // a trailing space collapses away
	}
	if n == 0 && s != "" {
		return "is only spaces, which OCI-P reads as an empty value"
	}
	if n < lo || n > hi {
		switch {
		case lo == hi && lo == 1:
			return fmt.Sprintf("must be 1 character (has %d)", n)
		case lo == hi:
			return fmt.Sprintf("must be %d characters (has %d)", lo, n)
		}
		return fmt.Sprintf("must be %d to %d characters (has %d)", lo, hi, n)
	}
	return ""
}

// isNoncharacter reports whether r is one of Unicode's 66 noncharacters:
// U+FDD0 to U+FDEF, and the last two code points of every plane (U+FFFE,
// U+FFFF, U+1FFFE, ..., U+10FFFF). Surrogates cannot occur in valid UTF-8.
func isNoncharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE && r <= 0x10FFFF
}

// plainLength is the fast path of length: for printable ASCII with no
// space to collapse (none leading, trailing or doubled), the length is
// the byte count. ok is false for anything else.
func plainLength(s string) (n int, ok bool) {
	prev := byte(' ')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || c == ' ' && prev == ' ' {
			return 0, false
		}
		prev = c
	}
	return len(s), prev != ' ' || len(s) == 0
}

// userID checks the form of a service user id (its length is checked as
// the table says): user@domain.
func userID(s string) string {
	user, domain, ok := strings.Cut(s, "@")
	if !ok || user == "" || domain == "" || strings.Contains(domain, "@") || strings.ContainsAny(s, " ") {
		return fmt.Sprintf("%q must have the form user@domain", s)
	}
	return ""
}

// aliasOK checks an alias: a SIP URI without "sip:", of the characters the
// schema allows, with exactly one @ between a user and a host part.
func aliasOK(s string) string {
	if msg := length(AliasMinLength, AliasMaxLength)(s); msg != "" {
		return msg
	}
	if strings.HasPrefix(strings.ToLower(s), "sip:") {
		return fmt.Sprintf("%q must not start with sip:", s)
	}
	for _, r := range s {
		ok := r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.!~*'()@", r))
		if !ok {
			return fmt.Sprintf("%q has the character %q; allowed are letters, digits and - _ . ! ~ * ' ( ) @", s, r)
		}
	}
	user, host, _ := strings.Cut(s, "@")
	if strings.Count(s, "@") != 1 || user == "" || host == "" {
		return fmt.Sprintf("%q must have the form user@host with exactly one @", s)
	}
	return ""
}

// dtmfDigit checks an escape digit: one of 0-9, * and #.
func dtmfDigit(s string) string {
	if len(s) != 1 || !strings.Contains("0123456789*#", s) {
		return fmt.Sprintf("%q must be one digit 0-9, * or #", s)
	}
	return ""
}

// SetFields returns the CSV names of the options that are set on c, in table
// order (aliases as one entry per alias).
func (c *CallCenter) SetFields() []string {
	var out []string
	for i := range fields {
		f := &fields[i]
		if f.isSet(c) {
			out = append(out, f.Field)
		}
	}
	for i := range c.Profile.Aliases {
		out = append(out, fmt.Sprintf(AliasField, i))
	}
	return out
}

// IsSet reports whether the field named by its CSV column is set (an
// alias column: whether c has an alias at that position). Unknown fields
// are not set.
func (c *CallCenter) IsSet(field string) bool {
	if i, ok := aliasIndex(field); ok {
		return i < len(c.Profile.Aliases)
	}
	f, ok := fieldIndex[field]
	return ok && f.isSet(c)
}

// Get returns the value of the field named by its CSV column as CSV text,
// or "" when it is unset. The password reads as [Redacted]. Unknown fields
// read as "".
func (c *CallCenter) Get(field string) string {
	if i, ok := aliasIndex(field); ok {
		if i < len(c.Profile.Aliases) {
			return c.Profile.Aliases[i]
		}
		return ""
	}
	f, ok := fieldIndex[field]
	if !ok {
		return ""
	}
	if f.Field == passwordField {
		return c.Profile.Password.shown()
	}
	return f.value(c)
}

const passwordField = profile + "password"

// Diff compares a stored call center with the wanted one and returns a
// FieldError for each field that want sets and got holds differently (enum
// spellings normalised). Not compared: the password (servers never return
// it), and serviceProviderId and groupId when got leaves them empty (read
// answers such as BroadWorks' GetInstance omit them). A nil result means got
// matches want.
func Diff(want, got CallCenter) []FieldError {
	var out []FieldError
	for i := range fields {
		f := &fields[i]
		if f.Field == passwordField || !f.isSet(&want) || (f.identity && !f.isSet(&got)) {
			continue
		}
		if w, g := f.value(&want), f.value(&got); w != g {
			out = append(out, FieldError{Field: f.Field, Message: fmt.Sprintf("want %q, stored %q", w, g)})
		}
	}
	if len(want.Profile.Aliases) > 0 && !slices.Equal(want.Profile.Aliases, got.Profile.Aliases) {
		out = append(out, FieldError{Field: profile + "alias", Message: fmt.Sprintf("want %q, stored %q", want.Profile.Aliases, got.Profile.Aliases)})
	}
	return out
}

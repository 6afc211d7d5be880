package callcenter

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Type is the call-center type. It decides which options a call center
// accepts (see [Columns]).
type Type string

// The call-center types, in increasing order of features.
const (
	Basic    Type = "Basic"
	Standard Type = "Standard"
	Premium  Type = "Premium"
)

// Policy is the call-distribution policy of a call center.
type Policy string

// The routing policies, as OCI-P spells them on the wire.
const (
	Circular     Policy = "Circular"
	Regular      Policy = "Regular"
	Simultaneous Policy = "Simultaneous"
	Uniform      Policy = "Uniform"
	Weighted     Policy = "Weighted"
)

// RoutingType is the routing type of a Premium call center.
type RoutingType string

// The routing types.
const (
	PriorityBased RoutingType = "Priority Based"
	SkillBased    RoutingType = "Skill Based"
)

// AgentState is the state an agent is put in after a call.
type AgentState string

// The agent states after a call.
const (
	Available   AgentState = "Available"
	Unavailable AgentState = "Unavailable"
	WrapUp      AgentState = "Wrap-Up"
)

// AudioCodec is a preferred audio codec of a call center.
type AudioCodec string

// The audio codecs OCI-P accepts.
const (
	CodecNone    AudioCodec = "None"
	CodecG711    AudioCodec = "G711"
	CodecG722    AudioCodec = "G722"
	CodecG729    AudioCodec = "G729"
	CodecG726    AudioCodec = "G726"
	CodecAMR     AudioCodec = "AMR"
	CodecAMRWB   AudioCodec = "AMR-WB"
	CodecOPUS    AudioCodec = "OPUS"
	CodecEVRC0   AudioCodec = "EVRC0"
	CodecEVRCNW  AudioCodec = "EVRCNW"
	CodecEVRCNW0 AudioCodec = "EVRCNW0"
)

// foldEqual reports whether a and b are the same spelling once case and
// everything but letters and digits are ignored, so that "Wrap-Up",
// "wrap up" and "WRAPUP" compare equal. It does not allocate.
func foldEqual(a, b string) bool {
	next := func(s string, i int) (rune, int) {
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			r = unicode.ToLower(r)
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				return r, i
			}
		}
		return -1, i
	}
	i, j := 0, 0
	for {
		var ra, rb rune
		ra, i = next(a, i)
		rb, j = next(b, j)
		if ra != rb {
			return false
		}
		if ra < 0 {
			return true
		}
	}
}

// enum describes one enumerated type: its canonical values and the extra
// spellings reference 000 uses for some of them.
type enum[T ~string] struct {
	name    string
	values  []T
	aliases map[string]T // another spelling (as reference 000 writes it) -> canonical value
}

func (e enum[T]) parse(s string) (T, error) {
	// Fast paths without allocation: the canonical spelling, as it is and
	// in any case.
	for _, v := range e.values {
		if string(v) == s {
			return v, nil
		}
	}
	for _, v := range e.values {
		if strings.EqualFold(string(v), s) {
			return v, nil
		}
	}
	for _, v := range e.values {
		if foldEqual(string(v), s) {
			return v, nil
		}
	}
	for alias, v := range e.aliases {
		if foldEqual(alias, s) {
			return v, nil
		}
	}
	return T(s), fmt.Errorf("invalid %s %q: want one of %s", e.name, s, e.list())
}

func (e enum[T]) list() string {
	parts := make([]string, len(e.values))
	for i, v := range e.values {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

// allowed says the values in words: "Basic, Standard or Premium", with the
// other spellings accepted.
func (e enum[T]) allowed() string {
	parts := make([]string, len(e.values))
	for i, v := range e.values {
		parts[i] = string(v)
	}
	out := strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
	if len(e.aliases) > 0 {
		others := make([]string, 0, len(e.aliases))
		for _, v := range e.values {
			for alias, to := range e.aliases {
				if to == v {
					others = append(others, alias)
				}
			}
		}
		slices.Sort(others)
		out += " (also " + strings.Join(others, ", ") + ")"
	}
	return out + "; any case"
}

// normalise returns the canonical spelling of s, or s unchanged when it is
// not a known spelling (so that Validate can report it).
func (e enum[T]) normalise(s T) T {
	if s == "" {
		return s
	}
	v, err := e.parse(string(s))
	if err != nil {
		return s
	}
	return v
}

var (
	types            = enum[Type]{name: "type", values: []Type{Basic, Standard, Premium}}
	policies         = enum[Policy]{name: "policy", values: []Policy{Circular, Regular, Simultaneous, Uniform, Weighted}, aliases: map[string]Policy{"Similtaneous": Simultaneous, "Weighted Call Distribution": Weighted}}
	routingTypes     = enum[RoutingType]{name: "routing type", values: []RoutingType{PriorityBased, SkillBased}}
	departmentLevels = enum[DepartmentLevel]{name: "department level", values: []DepartmentLevel{GroupDepartment, EnterpriseDepartment}}
	agentStates      = enum[AgentState]{name: "agent state", values: []AgentState{Available, Unavailable, WrapUp}}
	codecs           = enum[AudioCodec]{name: "audio codec", values: []AudioCodec{CodecNone, CodecG711, CodecG722, CodecG729, CodecG726, CodecAMR, CodecAMRWB, CodecOPUS, CodecEVRC0, CodecEVRCNW, CodecEVRCNW0}}
)

// ParseType parses a call-center type in any case ("basic", "PREMIUM").
func ParseType(s string) (Type, error) { return types.parse(s) }

// ParsePolicy parses a routing policy in any case, accepting the spellings of
// reference 000 ("Similtaneous", "Weighted Call Distribution") and returning
// the OCI-P wire value ("Simultaneous", "Weighted").
func ParsePolicy(s string) (Policy, error) { return policies.parse(s) }

// ParseRoutingType parses a routing type in any case, with or without the
// space ("skill based", "PriorityBased").
func ParseRoutingType(s string) (RoutingType, error) { return routingTypes.parse(s) }

// ParseAgentState parses an after-call agent state in any case ("wrap-up",
// "Wrap Up").
func ParseAgentState(s string) (AgentState, error) { return agentStates.parse(s) }

// ParseAudioCodec parses an audio codec name in any case ("amr-wb", "opus").
func ParseAudioCodec(s string) (AudioCodec, error) { return codecs.parse(s) }

// UnmarshalText accepts any spelling [ParseType] accepts. An unknown value is
// kept as given so that [CallCenter.Validate] reports it with its field name.
func (t *Type) UnmarshalText(b []byte) error { *t = types.normalise(Type(b)); return nil }

// UnmarshalText accepts any spelling [ParsePolicy] accepts. An unknown value
// is kept as given so that [CallCenter.Validate] reports it.
func (p *Policy) UnmarshalText(b []byte) error { *p = policies.normalise(Policy(b)); return nil }

// UnmarshalText accepts any spelling [ParseRoutingType] accepts. An unknown
// value is kept as given so that [CallCenter.Validate] reports it.
func (r *RoutingType) UnmarshalText(b []byte) error {
	*r = routingTypes.normalise(RoutingType(b))
	return nil
}

// UnmarshalText accepts any spelling [ParseAgentState] accepts. An unknown
// value is kept as given so that [CallCenter.Validate] reports it.
func (a *AgentState) UnmarshalText(b []byte) error {
	*a = agentStates.normalise(AgentState(b))
	return nil
}

// UnmarshalText accepts any spelling [ParseAudioCodec] accepts. An unknown
// value is kept as given so that [CallCenter.Validate] reports it.
func (c *AudioCodec) UnmarshalText(b []byte) error {
	*c = codecs.normalise(AudioCodec(b))
	return nil
}

// rank orders the types: Basic < Standard < Premium. Unknown types rank 0.
func (t Type) rank() int {
	switch t {
	case Basic:
		return 1
	case Standard:
		return 2
	case Premium:
		return 3
	}
	return 0
}

// AtLeast reports whether t has every feature of min (Premium is at least
// Standard, Standard is at least Basic).
func (t Type) AtLeast(min Type) bool { return t.rank() > 0 && t.rank() >= min.rank() }

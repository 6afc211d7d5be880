package ucontact

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"time"
)

// DateTimeLayout is how uContact writes dates and times
// ("2015-10-11 15:00:00"). Times are written in their own location: use the
// server's time zone.
const DateTimeLayout = "2006-01-02 15:04:05"

// Var is one name=value pair handed to uContact workflows and forms.
type Var struct {
	Name  string
	Value string
}

// Vars are the parameters uContact hands to workflows and forms, written
// "Par1=Val1:Par2=Val2" (the "data" of respool, schedule and dialer objects
// and the third column of an uploaded base). Names must not hold '=' or
// ':'; values must not hold ':'. Order is kept.
type Vars []Var

// String returns the uContact form, "n1=v1:n2=v2".
func (v Vars) String() string {
	var b strings.Builder
	for i, kv := range v {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(kv.Name)
		b.WriteByte('=')
		b.WriteString(kv.Value)
	}
	return b.String()
}

// MarshalJSON writes the vars as one JSON string in the uContact form.
func (v Vars) MarshalJSON() ([]byte, error) { return marshalNoEscape(v.String()) }

// UnmarshalJSON reads the uContact form from a JSON string.
func (v *Vars) UnmarshalJSON(b []byte) error { return unmarshalText(b, v, ParseVars) }

// unmarshalText reads a JSON string into *dst with parse: the way the
// list types written as one uContact string (Vars, Phones) decode.
func unmarshalText[T any](b []byte, dst *T, parse func(string) T) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*dst = parse(s)
	return nil
}

// ParseVars reads "n1=v1:n2=v2". A part without '=' is a name with an
// empty value; empty parts are skipped.
func ParseVars(s string) Vars {
	var out Vars
	for part := range strings.SplitSeq(s, ":") {
		if part == "" {
			continue
		}
		name, value, _ := strings.Cut(part, "=")
		out = append(out, Var{Name: name, Value: value})
	}
	return out
}

func (v Vars) check(action, field string) error {
	for _, kv := range v {
		switch {
		case kv.Name == "":
			return invalid(action, field, "has a variable with an empty name")
		case strings.ContainsAny(kv.Name, "=:"):
			return invalid(action, field, "variable name "+quote(kv.Name)+" must not contain '=' or ':'")
		case strings.Contains(kv.Value, ":"):
			return invalid(action, field, "value of "+quote(kv.Name)+" must not contain ':'")
		case strings.ContainsAny(kv.Name+kv.Value, "\r\n"):
			return invalid(action, field, "must not contain line breaks")
		}
	}
	return nil
}

// Phones is a list of phone numbers written "n1:n2" (the "alternatives" of
// respool, schedule and dialer objects and the fourth column of an
// uploaded base).
type Phones []string

// String returns "n1:n2".
func (p Phones) String() string { return strings.Join(p, ":") }

// MarshalJSON writes the numbers as one JSON string "n1:n2".
func (p Phones) MarshalJSON() ([]byte, error) { return marshalNoEscape(p.String()) }

// UnmarshalJSON reads "n1:n2" from a JSON string.
func (p *Phones) UnmarshalJSON(b []byte) error { return unmarshalText(b, p, ParsePhones) }

// ParsePhones reads "n1:n2"; empty parts are skipped.
func ParsePhones(s string) Phones {
	var out Phones
	for n := range strings.SplitSeq(s, ":") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

func (p Phones) check(action, field string) error {
	for _, n := range p {
		if err := checkPhone(action, field, n, false); err != nil {
			return err
		}
	}
	return nil
}

// checkPhone accepts what uContact dials: digits with the usual separators
// ("12-345-678", "+598 91 000 000"), '*' and '#'.
func checkPhone(action, field, n string, required bool) error {
	if n == "" {
		if required {
			return invalid(action, field, "is required")
		}
		return invalid(action, field, "has an empty number")
	}
	for _, r := range n {
		switch {
		case r >= '0' && r <= '9', r == '+', r == '-', r == ' ', r == '(', r == ')', r == '.', r == '*', r == '#':
		default:
			return invalid(action, field, "number "+quote(n)+" has the character "+quote(string(r)))
		}
	}
	return nil
}

func required(action, field, v string) error {
	if strings.TrimSpace(v) == "" {
		return invalid(action, field, "is required")
	}
	return nil
}

func quote(s string) string { return `"` + s + `"` }

// jsonField is a form field whose value is JSON text: the one way this
// package sends uContact's object parameters (callspool, black, filter,
// jsonparams...). It implements go-querystring's Encoder.
type jsonField[T any] struct{ v T }

func asJSON[T any](v T) jsonField[T] { return jsonField[T]{v} }

// EncodeValues sets key to the JSON text of the value.
func (j jsonField[T]) EncodeValues(key string, vals *url.Values) error {
	b, err := marshalNoEscape(j.v)
	if err != nil {
		return err
	}
	vals.Set(key, string(b))
	return nil
}

// marshalNoEscape is json.Marshal without HTML escaping, so campaign names
// such as "Sales->" travel as written.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// dateTime is a time written in DateTimeLayout, or JSON null when zero.
type dateTime time.Time

// MarshalJSON writes the time in DateTimeLayout, or null.
func (d dateTime) MarshalJSON() ([]byte, error) {
	t := time.Time(d)
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.Format(DateTimeLayout) + `"`), nil
}

// formatTime writes t in DateTimeLayout ("" when zero).
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateTimeLayout)
}

package ocip

import (
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Password is a secret carried on the wire in clear text (a password in a
// profile or a login). It has no MarshalText method, so encoding/xml writes
// the real value; fmt (every verb), encoding/json and log/slog show
// [callcenter.Redacted] instead, as for a [callcenter.Secret]: its methods
// are that type's, so the two never differ in what they show.
type Password string

// String returns [callcenter.Redacted] (or "" when empty).
func (p Password) String() string { return callcenter.Secret(p).String() }

// GoString returns the redacted form quoted, for %#v.
func (p Password) GoString() string { return callcenter.Secret(p).GoString() }

// Format prints the redacted form whatever the verb.
func (p Password) Format(f fmt.State, verb rune) { callcenter.Secret(p).Format(f, verb) }

// MarshalJSON writes the redacted form.
func (p Password) MarshalJSON() ([]byte, error) { return json.Marshal(callcenter.Secret(p)) }

// LogValue makes log/slog print the redacted form.
func (p Password) LogValue() slog.Value { return callcenter.Secret(p).LogValue() }

// redacted is p with its value replaced by [callcenter.Redacted]: the
// requests that carry a password print a copy of themselves holding it, as
// fmt does not call a field's Format method while it reports a wrong verb
// ("%!d(...)"), so redacting in the Password type alone is not enough.
func redacted(p Password) Password { return Password(p.String()) }

package callcenter

import (
	"fmt"
	"strings"
	"sync"
)

// FieldError is one problem with one field. Field uses the CSV column
// notation ("serviceInstanceProfile.password", "wrapUpSeconds",
// "serviceInstanceProfile.alias[1]"). The message never contains a secret.
type FieldError struct {
	Field   string
	Message string
}

// Error returns "field: message".
func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidationError lists every problem found in one value before anything is
// sent: a call center, or a vendor request (every vendor package's
// ValidationError is this type, so the shape is the same everywhere).
type ValidationError struct {
	// Subject names what is invalid after the package that found it, e.g.
	// "offices: create office request" or "broadworks: NewClient
	// arguments" ("" means a call center, for package callcenter).
	Subject string
	Errors  []FieldError
}

// Error reads "PACKAGE: invalid WHAT: field: message; field: message",
// the package first as in every error of the module: "apio: invalid
// NewClient arguments: baseURL: is required", "callcenter: invalid call
// center: wrapUpSeconds: is required". A Subject that names no package
// reads "invalid SUBJECT: ...".
func (e *ValidationError) Error() string {
	var b strings.Builder
	pkg, what := e.subject()
	if pkg != "" {
		b.WriteString(pkg)
		b.WriteString(": ")
	}
	b.WriteString("invalid ")
	b.WriteString(what)
	b.WriteString(": ")
	for i, f := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Message)
	}
	return b.String()
}

// subject splits Subject into the package that found the problems ("" for
// none) and what is invalid.
func (e *ValidationError) subject() (pkg, what string) {
	if e.Subject == "" {
		return "callcenter", "call center"
	}
	if p, w, ok := strings.Cut(e.Subject, ": "); ok && p != "" && !strings.ContainsFunc(p, notPackageRune) {
		return p, w
	}
	return "", e.Subject
}

// notPackageRune reports whether r cannot be part of a Go package name.
func notPackageRune(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
}

// Has reports whether a problem is recorded for field.
func (e *ValidationError) Has(field string) bool {
	for _, f := range e.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Validate checks c as it stands (call [CallCenter.ApplyDefaults] first to
// get the document's defaults): required fields, value formats and ranges of
// the OCI-P schema, enum values, at most three aliases, and the per-type
// option rules of [Columns]. It returns nil or a *ValidationError holding
// every problem at once.
func (c CallCenter) Validate() error {
	// The field table works on pointers, which would move every validated
	// copy to the heap; a pooled scratch copy keeps Validate allocation-free
	// on the valid path (bulk validates millions of rows).
	p := scratch.Get().(*CallCenter)
	*p = c
	err := p.validate()
	*p = CallCenter{} // keep no data (a password) in the pool
	scratch.Put(p)
	return err
}

var scratch = sync.Pool{New: func() any { return new(CallCenter) }}

func (c *CallCenter) validate() error {
	var errs []FieldError
	add := func(field, format string, args ...any) {
		errs = append(errs, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	t := types.normalise(c.Type)
	typeKnown := t.rank() > 0
	for i := range fields {
		f := &fields[i]
		if !f.isSet(c) {
			if f.Required {
				add(f.Field, "is required")
			}
			continue
		}
		if msg := f.check(c); msg != "" {
			add(f.Field, "%s", msg)
		}
		if typeKnown && !t.AtLeast(f.MinType) {
			add(f.Field, "is not available for %s call centers (%s)", t, availability(f.MinType))
		}
	}
	if c.Profile.Password == Redacted {
		add(passwordField, "is the redaction placeholder %s, not a password: data read back from JSON output has no password", Redacted)
	}
	if c.Profile.Department.Level != "" && c.Profile.Department.Name == "" {
		add(profile+"department.name", "is required when %sdepartment.level is set", profile)
	}
	if n := len(c.Profile.Aliases); n > MaxAliases {
		add(profile+"alias", "has %d aliases; at most %d are allowed", n, MaxAliases)
	}
	for i, a := range c.Profile.Aliases {
		if msg := aliasOK(a); msg != "" {
			add(fmt.Sprintf(AliasField, i), "%s", msg)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: errs}
}

func availability(min Type) string {
	switch min {
	case Premium:
		return "Premium only"
	case Standard:
		return "Standard and Premium only"
	}
	return "all types"
}

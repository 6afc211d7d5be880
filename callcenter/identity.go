package callcenter

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// UserIDKey returns the form of a service user id that decides identity:
// two ids name the same call center exactly when their keys are equal
// ([SameUserID]). It is the rule of BroadWorks, which every step of the
// SDK (bulk's lookup, group check, prune, resume, export and plans) and
// both fakes (broadworkstest, apiotest: APIO passes ids on to BroadWorks)
// follow:
//
//   - White space as the OCI-P schema's xs:token type treats it (UserId is
//     a token): tabs and line breaks count as spaces, runs of spaces as one,
//     and leading and trailing spaces are no part of the id. So " a@x " and
//     "a@x" are one id.
//   - Letters compare without regard to case, one character at a time as
//     Java's String.equalsIgnoreCase compares them (the BroadWorks server is
//     a Java application): "Sales@Example.com" and "sales@example.com" are
//     one id.
//
// The key is lower case; it is for comparing and map keys, never for
// sending (send the id as the user or the platform spelled it).
func UserIDKey(id string) string {
	if plainKey(id) {
		return id
	}
	var b strings.Builder
	b.Grow(len(id))
	space := false // a space is pending: written before the next other rune
	for _, r := range id {
		switch r {
		case ' ', '\t', '\n', '\r':
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToLower(unicode.ToUpper(r)))
	}
	return b.String()
}

// plainKey reports whether id is its own key: ASCII without upper-case
// letters and without white space to collapse.
func plainKey(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c == '\t' || c == '\n' || c == '\r' {
			return false
		}
		if c == ' ' && (i == 0 || i == len(id)-1 || id[i-1] == ' ') {
			return false
		}
	}
	return true
}

// SameUserID reports whether two service user ids name the same call
// center (see [UserIDKey] for the rule).
func SameUserID(a, b string) bool { return a == b || UserIDKey(a) == UserIDKey(b) }

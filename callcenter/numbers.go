package callcenter

import (
	"fmt"
	"strings"
)

// Phone numbers and extensions as BroadWorks takes them: a directory
// number (the R25 type DN) is a national number of digits (2125550110) or
// an E.164 number, + and the country code first (+12125550110, or
// BroadWorks' own notation with a dash after the country code,
// +1-2125550110); an extension is digits. Spreadsheets and people write
// them with spaces, dashes, dots and brackets ("(212) 555-0110"):
// [CallCenter.Normalize] removes those, and validation refuses anything
// else with the rule, so that no number reaches the server in a form it
// may store as written or refuse row by row.
//
// The rules are BroadWorks' form, not a numbering plan: a library that
// validates numbers per country (such as a port of libphonenumber) would
// need each number's region, which a national DN does not carry, and would
// refuse the private and test numbers BroadWorks takes.

// dnRule is the form of a directory number, in words.
const dnRule = "digits; an E.164 number starts with + and the country code (2125550110, +12125550110 or +1-2125550110); spaces, dashes, dots and brackets are removed"

// numberSeparators are the characters Normalize removes from numbers:
// spaces (no-break ones too), dashes, dots and brackets.
const numberSeparators = " \u00a0\u202f-.()"

// normalizeNumber removes the separators from a phone number (dn) or an
// extension. A DN that starts with + and a country code followed by a
// dash keeps that dash (BroadWorks' E.164 notation, +1-2125550110). A value
// with any other character is returned unchanged, for validation to
// refuse with the rule.
func normalizeNumber(s string, dn bool) string {
	if !strings.ContainsAny(s, numberSeparators) || numberProblem(s, dn) != "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	rest := s
	if cc, tail, ok := countryCodeDash(s); dn && ok {
		b.WriteString(cc)
		rest = tail
	}
	for i, r := range rest {
		switch {
		case strings.ContainsRune(numberSeparators, r):
		case r >= '0' && r <= '9', r == '+' && dn && i == 0 && b.Len() == 0:
			b.WriteRune(r)
		default:
			return s
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

// countryCodeDash splits "+81-3-5555-5555" into "+81-" and the rest: a
// leading +, one to three digits and a dash.
func countryCodeDash(s string) (cc, rest string, ok bool) {
	if len(s) < 3 || s[0] != '+' {
		return "", "", false
	}
	i := 1
	for i < len(s) && i <= 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 1 || i >= len(s) || s[i] != '-' {
		return "", "", false
	}
	return s[:i+1], s[i+1:], true
}

// numberProblem names the forms that look like a number with separators
// but that removing the separators would turn into another number: a
// spreadsheet's decimal rendering (2125550110.0, from a column of numbers
// with an empty cell; removing the dot adds a digit), and in an E.164
// number the national trunk prefix in brackets (+44 (0)20 7946 0958: the 0
// is not dialled from abroad, so +4402079460958 is another number). ""
// when s is none of them.
func numberProblem(s string, dn bool) string {
	t := strings.TrimSpace(s)
	if whole, frac, ok := strings.Cut(strings.TrimPrefix(t, "+"), "."); ok && whole != "" && frac != "" &&
		strings.Trim(whole, "0123456789") == "" && strings.Trim(frac, "0") == "" {
		return fmt.Sprintf("%q is not a phone number or extension as a spreadsheet shows a number with decimals: "+
			"removing the dot would add a digit; format the column as text and write the number again", s)
	}
	if dn && strings.HasPrefix(t, "+") {
		if i := strings.Index(t, "("); i >= 0 && strings.HasPrefix(strings.TrimLeft(t[i+1:], " "), "0") {
			return fmt.Sprintf("%q is not an E.164 number: the bracketed 0 is the national trunk prefix, not dialled from abroad; leave it out (+44 (0)20 7946 0958 is +44 20 7946 0958)", s)
		}
	}
	return ""
}

// directoryNumber checks the form of a DN (its length is checked as the
// table says).
func directoryNumber(s string) string {
	if msg := numberProblem(s, true); msg != "" {
		return msg
	}
	digits := s
	if _, rest, ok := countryCodeDash(s); ok {
		digits = rest
	} else if strings.HasPrefix(s, "+") {
		digits = s[1:]
	}
	if digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return fmt.Sprintf("%q is not a phone number: want %s", s, dnRule)
	}
	return ""
}

// extension checks the form of an extension.
func extension(s string) string {
	if msg := numberProblem(s, false); msg != "" {
		return msg
	}
	if strings.TrimLeft(s, "0123456789") != "" {
		return fmt.Sprintf("%q is not an extension: want digits (spaces, dashes, dots and brackets are removed)", s)
	}
	return ""
}

// Package xmlchar holds the character facts of XML 1.0 that package
// broadworks (its transports), package broadworks/ocip (its messages) and
// the fake's parser in broadworks/broadworkstest need, so that they live in
// one place: which characters a document can carry, which bytes and strings
// are names, and which declared encodings are ISO-8859-1.
package xmlchar

import "strings"

// IsChar reports whether r is a Char of XML 1.0: what a document can
// carry, as text or as a character reference.
func IsChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// ValidName reports whether s can be an xsi:type value or a name prefix:
// an ASCII XML name without colon, at most 200 bytes.
func ValidName(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for i, r := range s {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '.' || r == '-')
		if !ok {
			return false
		}
	}
	return true
}

// IsLatin1 reports whether an XML declaration's encoding label names
// ISO-8859-1 (or US-ASCII, a subset of it): the encodings OCI-P servers
// declare besides UTF-8, whose bytes are the first 256 Unicode code points.
func IsLatin1(label string) bool {
	label = strings.TrimSpace(label)
	for _, l := range latin1Labels {
		if strings.EqualFold(label, l) {
			return true
		}
	}
	return false
}

var latin1Labels = [...]string{"ISO-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1",
	"iso-ir-100", "cp819", "ibm819", "csisolatin1", "us-ascii", "ascii", "iso646-us"}

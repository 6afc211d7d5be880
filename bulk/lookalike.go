package bulk

import (
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// lookalikeKey is a looser key than the identity rule
// ([callcenter.UserIDKey]): ids with equal lookalike keys may name the same
// call center to a person, or to a platform that normalizes text, although
// the rule tells them apart. Beyond the rule, it takes Unicode's
// compatibility normalization (NFKC: an accented letter typed as one
// character or as a letter and a combining accent, as some spreadsheets
// save text; fullwidth letters; ligatures) and full case folding ("ß" and
// "ss").
//
// The rule decides which call center a row names. This key only keeps bulk
// from guessing: a row whose id has no stored match by the rule but a
// lookalike in its group is refused as ambiguous (never created beside
// it), and Prune never deletes a call center that a lookalike in the sheet
// may mean.
func lookalikeKey(id string) string {
	key := callcenter.UserIDKey(id)
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			// cases.Fold keeps state: one per call.
			return norm.NFKC.String(cases.Fold().String(norm.NFKC.String(key)))
		}
	}
	return key // ASCII: the rule's key is already folded and normal
}

package modeltest

import (
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// TestFullSetsEveryColumn and TestPairForEveryColumn keep the helpers
// usable as the model grows: a new column needs a value in Full, and one
// Pair can make.
func TestFullSetsEveryColumn(t *testing.T) {
	cc := Full()
	if err := cc.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, col := range callcenter.Columns() {
		if cc.Get(col.Field) == "" {
			t.Errorf("Full leaves column %s unset", col.Field)
		}
	}
}

func TestPairForEveryColumn(t *testing.T) {
	cc := Full()
	for _, col := range callcenter.Columns() {
		a, b, ok := Pair(cc, col.Field)
		if !ok {
			t.Errorf("no other valid value for column %s", col.Field)
			continue
		}
		for _, other := range callcenter.Columns() {
			same := a.Get(other.Field) == b.Get(other.Field)
			if other.Field == col.Field && col.Field != "serviceInstanceProfile.password" && same ||
				other.Field != col.Field && !same {
				t.Errorf("Pair(%s): column %s is %q and %q", col.Field, other.Field, a.Get(other.Field), b.Get(other.Field))
			}
		}
		if col.Field == "serviceInstanceProfile.password" && a.Profile.Password == b.Profile.Password {
			t.Errorf("Pair(password) keeps the password")
		}
	}
}

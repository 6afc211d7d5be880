package broadworkstest

import (
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/r25"
)

// TestSkillLimitMatchesModel: the fake refuses exactly the skill levels
// package callcenter refuses.
func TestSkillLimitMatchesModel(t *testing.T) {
	if skillLimit.min != callcenter.MinSkillLevel || skillLimit.max != callcenter.MaxSkillLevel {
		t.Errorf("the fake allows %d to %d, the model %d to %d", skillLimit.min, skillLimit.max, callcenter.MinSkillLevel, callcenter.MaxSkillLevel)
	}
}

// TestSkillLimitMatchesSchemaR25: the skill level of every staffing
// request of R25 is the fake's type, with its limits. Skipped unless
// OCIP_SCHEMA_DIR names the schema.
func TestSkillLimitMatchesSchemaR25(t *testing.T) {
	s, err := r25.Load(r25.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"CallCenterSkillAgentList", "CallCenterReplacementSkilledAgents"} {
		if got := s.Elements[typ]["skillLevel"]; got != skillLimit.typ {
			t.Errorf("%s.skillLevel is %q in R25, the fake says %q", typ, got, skillLimit.typ)
		}
	}
	st := s.Simple[skillLimit.typ]
	if st == nil {
		t.Fatalf("no simple type %s", skillLimit.typ)
	}
	if lo, hi, ok := st.Bounds(); !ok || lo != skillLimit.min || hi != skillLimit.max {
		t.Errorf("R25's %s allows %d to %d, the fake %d to %d", skillLimit.typ, lo, hi, skillLimit.min, skillLimit.max)
	}
}

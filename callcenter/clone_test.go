package callcenter_test

import (
	"reflect"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// full returns a Premium call center with every pointer option set.
func full() callcenter.CallCenter {
	cc := base(callcenter.Premium)
	cc.Profile.Aliases = []string{"a@x", "b@x"}
	cc.EnableReporting, cc.AllowCallsToAgentsInWrapUp, cc.OverrideAgentWrapUpTime = new(true), new(true), new(true)
	cc.WrapUpSeconds, cc.EnableAutomaticStateChangeForAgents = new(30), new(true)
	cc.ForceDeliveryOfCalls, cc.ForceDeliveryWaitTimeSeconds = new(true), new(9)
	cc.AgentStateAfterCall, cc.RoutingType = callcenter.Available, callcenter.PriorityBased
	return cc
}

func TestClone(t *testing.T) {
	orig := full()
	keep := full()
	c := orig.Clone()
	if !reflect.DeepEqual(c, orig) {
		t.Fatalf("Clone differs:\n%+v\n%+v", c, orig)
	}
	// No pointer is shared, whatever fields the struct grows.
	ov, cv := reflect.ValueOf(orig), reflect.ValueOf(c)
	for i := range ov.NumField() {
		f := ov.Type().Field(i)
		if f.Type.Kind() != reflect.Pointer {
			continue
		}
		if ov.Field(i).IsNil() {
			t.Errorf("full() leaves %s nil", f.Name)
			continue
		}
		if ov.Field(i).Pointer() == cv.Field(i).Pointer() {
			t.Errorf("Clone shares %s", f.Name)
		}
	}
	// Mutating the clone leaves the original alone.
	*c.QueueLength, *c.EnableVideo, *c.WrapUpSeconds, *c.ForceDeliveryOfCalls = 99, true, 1, false
	c.Profile.Aliases[0] = "changed@x"
	c.Profile.Aliases = append(c.Profile.Aliases, "c@x")
	c.Profile.Password = "other"
	if !reflect.DeepEqual(orig, keep) {
		t.Errorf("mutating the clone changed the original:\n%+v", orig)
	}
	// Appending to the clone must not write into spare capacity of the original.
	orig.Profile.Aliases = make([]string, 1, 4)
	orig.Profile.Aliases[0] = "a@x"
	c2 := orig.Clone()
	c2.Profile.Aliases = append(c2.Profile.Aliases, "z@x")
	if got := orig.Profile.Aliases[:2][1]; got != "" {
		t.Errorf("clone append wrote %q into the original's array", got)
	}

	// A zero call center clones to a zero call center.
	if z := (callcenter.CallCenter{}).Clone(); !reflect.DeepEqual(z, callcenter.CallCenter{}) {
		t.Errorf("Clone of zero = %+v", z)
	}
}

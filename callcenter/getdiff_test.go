package callcenter_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

func TestGet(t *testing.T) {
	var cc callcenter.CallCenter
	for _, o := range wantOptions {
		if got := cc.Get(o.Field); got != "" {
			t.Errorf("unset Get(%q) = %q, want \"\"", o.Field, got)
		}
	}
	canonical := map[string]string{ // sample values whose CSV text is normalised
		"type": "Premium", "policy": "Weighted", "internalPreferredAudioCodec": "AMR-WB",
		"agentStateAfterCall": "Wrap-Up", "serviceInstanceProfile.password": callcenter.Redacted,
		"serviceInstanceProfile.department.level": "Enterprise",
	}
	for _, o := range wantOptions {
		v := sample[o.Field]
		if o.Field == "type" {
			v = "premium"
		}
		if err := cc.Set(o.Field, v); err != nil {
			t.Fatalf("Set(%q, %q) = %v", o.Field, v, err)
		}
		want, ok := canonical[o.Field]
		if !ok {
			want = v
		}
		got := cc.Get(o.Field)
		if got != want {
			t.Errorf("Get(%q) = %q, want %q", o.Field, got, want)
		}
		// What Get returns, Set reads back to the same value.
		var back callcenter.CallCenter
		if o.Field != "serviceInstanceProfile.password" {
			if err := back.Set(o.Field, got); err != nil || back.Get(o.Field) != got {
				t.Errorf("Set(%q, Get()) round trip: %q, %v", o.Field, back.Get(o.Field), err)
			}
		}
	}
	if err := cc.Validate(); err != nil {
		t.Errorf("call center built from samples invalid: %v", err)
	}
	cc.Profile.Aliases = []string{"a@x", "b@x"}
	for field, want := range map[string]string{
		"serviceInstanceProfile.alias[0]": "a@x", "serviceInstanceProfile.alias[1]": "b@x",
		"serviceInstanceProfile.alias[2]": "", "unknownColumn": "", "operation": "",
	} {
		if got := cc.Get(field); got != want {
			t.Errorf("Get(%q) = %q, want %q", field, got, want)
		}
	}
	cc.QueueLength, cc.EnableVideo = new(0), new(false)
	if cc.Get("queueLength") != "0" || cc.Get("enableVideo") != "false" {
		t.Errorf("Get of zero values = %q, %q", cc.Get("queueLength"), cc.Get("enableVideo"))
	}
}

func TestDiff(t *testing.T) {
	want := base(callcenter.Premium)
	want.WrapUpSeconds = new(30)
	want.Profile.Aliases = []string{"a@x"}
	fields := func(errs []callcenter.FieldError) []string {
		var out []string
		for _, e := range errs {
			out = append(out, e.Field)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		change func(w, g *callcenter.CallCenter)
		want   []string
	}{
		{"same", func(w, g *callcenter.CallCenter) {}, nil},
		{"password ignored", func(w, g *callcenter.CallCenter) { g.Profile.Password = "" }, nil},
		{"spellings normalised", func(w, g *callcenter.CallCenter) { w.Policy, g.Policy = "similtaneous", callcenter.Simultaneous }, nil},
		{"unset in want ignored", func(w, g *callcenter.CallCenter) { g.EnableReporting, g.RoutingType = new(true), callcenter.SkillBased }, nil},
		{"no aliases wanted", func(w, g *callcenter.CallCenter) { w.Profile.Aliases = nil }, nil},
		{"differences", func(w, g *callcenter.CallCenter) {
			*g.WrapUpSeconds, *g.AllowAgentLogoff, g.Policy, g.Profile.Name = 60, false, callcenter.Uniform, "Other"
			g.Profile.Aliases = nil
		}, []string{"serviceInstanceProfile.name", "policy", "allowAgentLogoff", "wrapUpSeconds", "serviceInstanceProfile.alias"}},
		{"unset in got", func(w, g *callcenter.CallCenter) { g.WrapUpSeconds = nil }, []string{"wrapUpSeconds"}},
		{"identity omitted by the read answer", func(w, g *callcenter.CallCenter) { g.ServiceProviderID, g.GroupID = "", "" }, nil},
		{"identity differs", func(w, g *callcenter.CallCenter) { g.GroupID = "Other" }, []string{"groupId"}},
	} {
		w, g := want.Clone(), want.Clone()
		tc.change(&w, &g)
		got := callcenter.Diff(w, g)
		if !slices.Equal(fields(got), tc.want) {
			t.Errorf("%s: Diff fields %v, want %v (%v)", tc.name, fields(got), tc.want, got)
		}
		for _, e := range got {
			if strings.Contains(e.Message, "password123") {
				t.Errorf("%s: Diff leaks the password: %v", tc.name, e)
			}
		}
	}
	g := want.Clone()
	*g.WrapUpSeconds = 60
	if d := callcenter.Diff(want, g); len(d) != 1 || d[0].Message != `want "30", stored "60"` {
		t.Errorf("Diff = %v", d)
	}
}

package packed_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/packed"
	"github.com/ccsdk/callcenter-go/internal/race"
)

// full returns a Premium call center with every option set, after the
// defaults.
func full() callcenter.CallCenter {
	cc := callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SalesGroup",
		ServiceUserID:     "sales-center@company.com",
		Profile:           callcenter.Profile{Password: "password123", Aliases: []string{"a@x", "b@x"}, Department: callcenter.Department{Name: "Sales", Level: callcenter.EnterpriseDepartment}},
		Type:              callcenter.Premium,
	}
	cc.ApplyDefaults()
	cc.EnableReporting, cc.AllowCallsToAgentsInWrapUp, cc.OverrideAgentWrapUpTime = new(true), new(true), new(true)
	cc.WrapUpSeconds, cc.EnableAutomaticStateChangeForAgents = new(30), new(true)
	cc.ForceDeliveryOfCalls, cc.ForceDeliveryWaitTimeSeconds = new(true), new(9)
	cc.AgentStateAfterCall, cc.RoutingType = callcenter.Available, callcenter.PriorityBased
	return cc
}

// fill sets every field of the struct v points to from src, by reflection,
// so that a field added to CallCenter that Pack does not know fails the round trip.
// Pointers stay nil, strings empty and slices nil where src says so.
func fill(v reflect.Value, src *fuzzSource) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), src)
		}
	case reflect.String:
		v.SetString(src.text())
	case reflect.Pointer:
		if src.byte()%3 == 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), src)
		v.Set(p)
	case reflect.Bool:
		v.SetBool(src.byte()%2 == 1)
	case reflect.Int:
		v.SetInt(int64(src.byte())*int64(src.byte()) - 20000)
	case reflect.Slice:
		n := int(src.byte()%6) - 1
		if n < 0 {
			return // nil
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(s.Index(i), src)
		}
		v.Set(s)
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

type fuzzSource struct{ b []byte }

func (s *fuzzSource) byte() byte {
	if len(s.b) == 0 {
		return 1
	}
	c := s.b[0]
	s.b = s.b[1:]
	return c
}

func (s *fuzzSource) text() string {
	n := min(int(s.byte()%40), len(s.b))
	if n == 0 {
		return ""
	}
	t := string(s.b[:n])
	s.b = s.b[n:]
	return t
}

func roundTrip(t *testing.T, cc callcenter.CallCenter) {
	t.Helper()
	got := packed.Pack(&cc).Unpack()
	if !reflect.DeepEqual(got, cc) {
		t.Fatalf("Pack/Unpack changed the call center:\n got %#v\nwant %#v", got, cc)
	}
}

func FuzzPack(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x01\x05hello\x02\x00\xff\x10 some text \x00\x80\x81 more"))
	f.Add([]byte(strings.Repeat("\x07abcdefg\x01", 60)))
	f.Fuzz(func(t *testing.T, b []byte) {
		var cc callcenter.CallCenter
		fill(reflect.ValueOf(&cc).Elem(), &fuzzSource{b: b})
		roundTrip(t, cc)
	})
}

func TestPackRoundTrip(t *testing.T) {
	roundTrip(t, callcenter.CallCenter{})
	roundTrip(t, full())
	d := full()
	d.ApplyDefaults()
	roundTrip(t, d)
	// Values are kept as stored: not normalised, not trimmed, not checked.
	odd := callcenter.CallCenter{Type: "gold", Policy: "similtaneous", EscapeDigit: "  x ", QueueLength: new(-7), Profile: callcenter.Profile{Aliases: []string{""}}}
	roundTrip(t, odd)
	roundTrip(t, callcenter.CallCenter{Profile: callcenter.Profile{Aliases: []string{}}}) // empty, not nil
	// JSON both ways.
	var back packed.CallCenter
	if err := json.Unmarshal([]byte(`{"service_user_id":"a@b","type":"Standard","wrap_up_seconds":30}`), &back); err != nil {
		t.Fatal(err)
	}
	if c := back.Unpack(); c.ServiceUserID != "a@b" || c.Type != callcenter.Standard || *c.WrapUpSeconds != 30 {
		t.Errorf("UnmarshalJSON: %+v", c)
	}
	f := full()
	if !(packed.CallCenter{}).IsZero() || !packed.Pack(new(callcenter.CallCenter)).IsZero() || packed.Pack(&f).IsZero() {
		t.Error("IsZero: want true for the zero CallCenter only")
	}
	// Unpacked values are the unpacked call center's own.
	p := packed.Pack(&d)
	a, b := p.Unpack(), p.Unpack()
	*a.EnableVideo = true
	if *b.EnableVideo {
		t.Error("two unpacks share an option's value")
	}
}

// Every option fits the one block Unpack allocates.
func TestUnpackAllocations(t *testing.T) {
	cc := full()
	p := packed.Pack(&cc)
	if n := testing.AllocsPerRun(100, func() { _ = p.Unpack() }); n != 3 {
		t.Errorf("Unpack allocates %v times, want 3 (the call center, its option values and its aliases)", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = packed.Pack(&cc) }); n != 2 && !race.Enabled {
		t.Errorf("Pack allocates %v times, want 2 (the string and its pointer)", n)
	}
}

func TestPackedRedactsPassword(t *testing.T) {
	cc := full()
	cc.Profile.Password = "hunter2-secret"
	p := packed.Pack(&cc)
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("row", "cc", p)
	js, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	// Held in a struct of the caller's, fmt prints the Packed's pointer.
	holder := struct{ p packed.CallCenter }{p}
	if out := fmt.Sprintf("%#v", p); !strings.HasPrefix(out, "packed.CallCenter(callcenter.CallCenter{") {
		t.Errorf("%%#v: %s", out)
	}
	for _, out := range []string{fmt.Sprint(p), fmt.Sprintf("%+v", p), fmt.Sprintf("%#v", p), logged.String(), string(js), fmt.Sprintf("%+v", holder)} {
		if strings.Contains(out, "hunter2") {
			t.Errorf("password printed: %s", out)
		}
	}
	if !strings.Contains(fmt.Sprintf("%+v", p), cc.ServiceUserID) || !strings.Contains(string(js), `"service_user_id":"`+cc.ServiceUserID) {
		t.Errorf("a packed call center does not print itself: %+v / %s", p, js)
	}
	if p.Unpack().Profile.Password != "hunter2-secret" {
		t.Error("the password is lost")
	}
}

func BenchmarkPack(b *testing.B) {
	cc := full()
	b.ReportAllocs()
	for b.Loop() {
		_ = packed.Pack(&cc)
	}
}

func BenchmarkUnpack(b *testing.B) {
	cc := full()
	p := packed.Pack(&cc)
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Unpack()
	}
}

// Pack knows every field of callcenter.CallCenter: a field of another kind
// would be lost.
func TestPackKnowsEveryField(t *testing.T) {
	if u := packed.Unsupported(); len(u) > 0 {
		t.Errorf("Pack cannot hold %v: give them a kind in package packed", u)
	}
}

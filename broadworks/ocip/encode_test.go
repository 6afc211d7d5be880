package ocip

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ccsdk/callcenter-go/broadworks/internal/xmlchar"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// codecCommands returns a new zero value of every request type of the
// package. TestCodecCoversEveryRequestType keeps it complete.
func codecCommands() []Command {
	return []Command{
		new(GroupCallCenterAddInstanceRequest22),
		new(GroupCallCenterModifyInstanceRequest22),
		new(GroupCallCenterGetInstanceRequest22),
		new(GroupCallCenterDeleteInstanceRequest),
		new(GroupCallCenterGetInstanceListRequest),
		new(GroupCallCenterGetInstancePagedSortedListRequest),
		new(GroupCallCenterModifyActiveInstanceListRequest),
		new(GroupGetListInServiceProviderPagedSortedListRequest),
		new(GroupCallCenterGetAgentPagedSortedListRequest),
		new(GroupCallCenterAddAgentListRequest),
		new(GroupCallCenterDeleteAgentListRequest),
		new(GroupCallCenterModifyAgentListRequest),
		new(GroupCallCenterGetSupervisorListRequest16),
		new(GroupCallCenterAddSupervisorListRequest),
		new(GroupCallCenterDeleteSupervisorListRequest),
		new(AuthenticationRequest),
		new(LoginRequest14sp4),
		new(LoginRequest22V5),
		new(LogoutRequest),
	}
}

// TestCodecCoversEveryRequestType reads the package's source: every type
// with an OCIType method whose name says it is a request must be in
// codecCommands, and must encode itself (appendTo).
func TestCodecCoversEveryRequestType(t *testing.T) {
	known := map[string]bool{}
	for _, c := range codecCommands() {
		known[reflect.TypeOf(c).Elem().Name()] = true
		if _, ok := c.(appender); !ok {
			t.Errorf("%T has no appendTo method: it would be encoded with encoding/xml", c)
		}
	}
	for _, name := range ociTypes(t, "request") {
		if !known[name] {
			t.Errorf("request type %s is not in codecCommands: add it there", name)
		}
	}
}

// pieces are the bits the generated strings are made of: plain text, the
// characters XML escapes, characters XML 1.0 cannot carry, non-ASCII text
// and invalid UTF-8.
var pieces = []string{
	"a", "Z", "0", " ", "sales@example.com", "+81355555555", "&", "<", ">", `"`, "'", "\t", "\n", "\r", "\r\n",
	"\x00", "\x01", "\x1f", "\x7f", "é", "ÿ", "\u0080", "セ", "😀", "\u2028", "\xff", "\xc3", "\xe3\x82",
	"\ufffe", "\uffff", "\ufffd", "\ud7ff", "\ue000", "\U0010ffff", "\xed\xa0\x80", "\xf4\x90\x80\x80",
	"]]>", "&amp;", "&#65;", "<![CDATA[x]]>", "xsi:nil", "  ",
}

// chooser makes the choices of a generated value from a byte string (the
// fuzzer's input, or random bytes): each choice consumes a byte, 0 once
// they run out.
type chooser struct{ data []byte }

func (c *chooser) byte() byte {
	if len(c.data) == 0 {
		return 0
	}
	b := c.data[0]
	c.data = c.data[1:]
	return b
}

func (c *chooser) intn(n int) int { return int(c.byte()) % n }

func (c *chooser) string() string {
	n := c.intn(8)
	if n == 0 {
		return "" // often empty: exercises omitempty
	}
	var b strings.Builder
	for range n {
		i := c.intn(len(pieces) + 1)
		if i == len(pieces) {
			b.WriteByte(c.byte()) // any byte
			continue
		}
		b.WriteString(pieces[i])
	}
	return b.String()
}

// fill sets every settable field of v, recursively, from c: pointers nil
// or set, slices of 0 to 4 elements, strings, bools and ints of every sort.
// A field added to a command is filled without changing this code.
func fill(c *chooser, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(c.string())
	case reflect.Bool:
		v.SetBool(c.intn(2) == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		switch c.intn(4) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(-int64(c.byte()))
		case 2:
			v.SetInt(int64(c.byte()) << (c.intn(7) * 8))
		default:
			v.SetInt(int64(c.byte()))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(c.byte()))
	case reflect.Pointer:
		if c.intn(4) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(c, p.Elem())
		v.Set(p)
	case reflect.Slice:
		n := c.intn(5)
		if n == 0 && c.intn(2) == 0 {
			v.SetZero()
			return
		}
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			fill(c, s.Index(i))
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(c, v.Field(i))
			}
		}
	case reflect.Interface:
		// No command field is an interface today; leave it nil.
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// generated returns a new value of cmd's type filled from data.
func generated(cmd Command, data []byte) Command {
	v := reflect.New(reflect.TypeOf(cmd).Elem())
	fill(&chooser{data: data}, v.Elem())
	return v.Interface().(Command)
}

// checkSameWire fails unless AppendCommand writes exactly what the
// encoding/xml path writes for cmd (or both refuse it), after a prefix, to
// check that AppendCommand appends.
func checkSameWire(t *testing.T, cmd Command) {
	t.Helper()
	want, wantErr := appendCommandXML(nil, cmd)
	prefix := []byte("<prefix/>")
	got, err := AppendCommand(slices.Clip(prefix), cmd)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("%T: AppendCommand error %v, encoding/xml error %v", cmd, err, wantErr)
	}
	if err != nil {
		if string(got) != string(prefix) {
			t.Fatalf("%T: AppendCommand changed dst on error: %q", cmd, got)
		}
		return
	}
	if !bytes.HasPrefix(got, prefix) {
		t.Fatalf("%T: AppendCommand lost dst: %q", cmd, got)
	}
	if got := got[len(prefix):]; !bytes.Equal(got, want) {
		t.Fatalf("%T (%#v):\nAppendCommand %s\nencoding/xml  %s", cmd, cmd, got, want)
	}
	for i, c := range want {
		if c >= utf8.RuneSelf {
			t.Fatalf("%T: byte %d of the wire is not ASCII: %q", cmd, i, want)
		}
	}
	// What is written must parse back.
	d := xml.NewDecoder(bytes.NewReader(want))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("%T: the wire does not parse: %v\n%s", cmd, err, want)
			}
			break
		}
	}
}

func TestAppendCommandMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2026))
	data := make([]byte, 2048)
	for _, proto := range codecCommands() {
		t.Run(reflect.TypeOf(proto).Elem().Name(), func(t *testing.T) {
			checkSameWire(t, proto) // the zero value
			for range 800 {
				for i := range data {
					data[i] = byte(rng.Uint32())
				}
				checkSameWire(t, generated(proto, data))
			}
		})
	}
}

// TestAppendCommandBuiltRequests checks the requests the package builds
// from the model: adds and modifies of every shape the tests use, clears
// included.
func TestAppendCommandBuiltRequests(t *testing.T) {
	add, err := NewAddRequest(modeltest.Premium())
	if err != nil {
		t.Fatal(err)
	}
	checkSameWire(t, add)
	minimal := callcenter.CallCenter{
		ServiceProviderID: "sp", GroupID: "g", ServiceUserID: "b@example.com",
		Profile: callcenter.Profile{Name: "B", CallingLineIDLastName: "L", CallingLineIDFirstName: "F", Password: "p"},
		Type:    callcenter.Basic, Policy: callcenter.Circular,
	}
	add, err = NewAddRequest(minimal)
	if err != nil {
		t.Fatal(err)
	}
	checkSameWire(t, add)
	mod, err := NewModifyRequest(modeltest.Premium())
	if err != nil {
		t.Fatal(err)
	}
	checkSameWire(t, mod)
	clearOnly := callcenter.CallCenter{ServiceUserID: "x@example.com"}
	mod, err = NewModifyRequest(clearOnly, ClearPhoneNumber, ClearExtension, ClearAliases, ClearPublicUserIdentity,
		ClearCallingLineIDPhoneNumber, ClearWrapUpSeconds, ClearForceDeliveryWaitTime, ClearAgentUnavailableCode)
	if err != nil {
		t.Fatal(err)
	}
	checkSameWire(t, mod)
	if !bytes.Contains(mustAppend(t, mod), []byte(`<sipAliasList xsi:nil="true"></sipAliasList>`)) {
		t.Errorf("cleared alias list missing: %s", mustAppend(t, mod))
	}
	// Nillable values set to their zero value are sent, not dropped.
	checkSameWire(t, &GroupCallCenterModifyInstanceRequest22{
		ServiceUserID:          "z",
		ServiceInstanceProfile: &ServiceInstanceModifyProfile{PhoneNumber: Set(""), SIPAliasList: Set(ReplacementSIPAliasList{})},
		WrapUpSeconds:          Set(0),
		AgentUnavailableCode:   Set(""),
	})
	checkSameWire(t, &GroupCallCenterAddInstanceRequest22{
		ServiceInstanceProfile: ServiceInstanceAddProfileCallCenter{Aliases: []string{"", "a", ""}},
	})
	// Departments, group and enterprise, set and cleared.
	for _, k := range []*DepartmentKey{GroupDepartmentKey("sp&1", "g<1>", "Sales \"A\""), EnterpriseDepartmentKey("sp", "Ventes é"), {Name: "bare"}} {
		add.ServiceInstanceProfile.Department = k
		checkSameWire(t, add)
		checkSameWire(t, &GroupCallCenterModifyInstanceRequest22{ServiceUserID: "d",
			ServiceInstanceProfile: &ServiceInstanceModifyProfile{Department: Set(*k)}})
	}
	checkSameWire(t, &GroupCallCenterModifyInstanceRequest22{ServiceUserID: "d",
		ServiceInstanceProfile: &ServiceInstanceModifyProfile{Department: Clear[DepartmentKey]()}})
	checkSameWire(t, &GroupCallCenterModifyInstanceRequest22{ServiceUserID: "d",
		ServiceInstanceProfile: &ServiceInstanceModifyProfile{Department: &Nillable[DepartmentKey]{Nil: true, Value: DepartmentKey{XSIType: "GroupDepartmentKey"}}}})
}

func mustAppend(t *testing.T, c Command) []byte {
	t.Helper()
	b, err := AppendCommand(nil, c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAppendCommandExact pins the bytes of a small request, so the two
// encoders cannot drift together.
func TestAppendCommandExact(t *testing.T) {
	got := mustAppend(t, &GroupCallCenterGetInstanceListRequest{ServiceProviderID: `S&P "1"`, GroupID: "G<é>\ufffd"})
	want := `<command xsi:type="GroupCallCenterGetInstanceListRequest" xmlns=""><serviceProviderId>S&amp;P &#34;1&#34;</serviceProviderId>` +
		`<groupId>G&lt;&#233;&gt;&#65533;</groupId></command>`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	got = mustAppend(t, &GroupCallCenterModifyInstanceRequest22{ServiceUserID: "u", WrapUpSeconds: Clear[int]()})
	want = `<command xsi:type="GroupCallCenterModifyInstanceRequest22" xmlns=""><serviceUserId>u</serviceUserId>` +
		`<wrapUpSeconds xsi:nil="true"></wrapUpSeconds></command>`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// userCommand is a request type of a user of the package.
type userCommand struct {
	XMLName xml.Name `xml:"ignored"`
	A       string   `xml:"a"`
	B       []int    `xml:"b>c"`
}

func (*userCommand) OCIType() string { return "UserGetRequest" }

type badTypeCommand struct{}

func (*badTypeCommand) OCIType() string { return "Bad Type" }

func TestAppendCommandUserDefined(t *testing.T) {
	checkSameWire(t, &userCommand{A: "x&é", B: []int{1, 2}})
	got := mustAppend(t, &userCommand{A: "x&é", B: []int{1, 2}})
	want := `<command xsi:type="UserGetRequest" xmlns=""><a>x&amp;&#233;</a><b><c>1</c><c>2</c></b></command>`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	dst := []byte("keep")
	for _, c := range []Command{nil, &badTypeCommand{}, (*userCommand)(nil), (*GroupCallCenterAddInstanceRequest22)(nil), (*LogoutRequest)(nil)} {
		out, err := AppendCommand(dst, c)
		if err == nil {
			t.Errorf("%T: no error", c)
		}
		if string(out) != "keep" {
			t.Errorf("%T: dst became %q", c, out)
		}
	}
}

// TestAppendEscapedEveryRune compares the escaping with encoding/xml's
// followed by asciiOnly for every code point and every single byte.
func TestAppendEscapedEveryRune(t *testing.T) {
	check := func(s string) {
		t.Helper()
		var b bytes.Buffer
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			t.Fatal(err)
		}
		want := asciiOnly(b.Bytes())
		if got := appendEscaped(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendEscaped(%q) = %q, want %q", s, got, want)
		}
	}
	// What XML 1.0 cannot carry is never replaced (encoding/xml would write
	// U+FFFD): it is marked, for AppendCommand to refuse.
	marked := func(s string, code int) {
		t.Helper()
		want := fmt.Sprintf("x\x00%d\x00y", code)
		if got := appendEscaped(nil, "x"+s+"y"); string(got) != want {
			t.Fatalf("appendEscaped(%q) = %q, want %q", "x"+s+"y", got, want)
		}
	}
	var sb strings.Builder
	for r := rune(0); r <= utf8.MaxRune; r++ {
		switch {
		case !utf8.ValidRune(r):
			marked("\xed\xa0\x80"[:1], -1) // a surrogate, as WTF-8: invalid UTF-8
		case !xmlchar.IsChar(r):
			marked(string(r), int(r))
		default:
			sb.WriteRune(r)
		}
		if r%4096 == 4095 {
			check(sb.String())
			sb.Reset()
		}
	}
	check(sb.String())
	for c := range 256 {
		s := string([]byte{byte(c)})
		if c >= utf8.RuneSelf {
			marked(s, -1)
			continue
		}
		if !xmlchar.IsChar(rune(c)) {
			marked(s, c)
			continue
		}
		check(s)
		check("x" + s + "y")
	}
}

// FuzzAppendCommand builds every request type from the fuzzer's bytes and
// compares AppendCommand with the encoding/xml path.
func FuzzAppendCommand(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x07\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16"))
	f.Add(bytes.Repeat([]byte{0xff, 0x01, 0x2a, 0x13}, 200))
	f.Add(bytes.Repeat([]byte("é<&\x00"), 100))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, proto := range codecCommands() {
			checkSameWire(t, generated(proto, data))
		}
	})
}

// TestAppendCommandRefusesUnsendable: a value holding a character XML 1.0
// cannot carry, or invalid UTF-8, is never replaced (it used to be sent as
// U+FFFD, so the platform stored another password than the sheet's): both
// encoders refuse it with a *ValidationError naming the element, and dst
// is left as it was.
func TestAppendCommandRefusesUnsendable(t *testing.T) {
	for _, tc := range []struct {
		name, value, want string
	}{
		{"U+FFFE", "Pass\ufffeword", "has U+FFFE"},
		{"U+FFFF", "\uffffPassword", "has U+FFFF"},
		{"control", "Pass\x01word", "control character U+0001"},
		{"NUL", "Pass\x00word", "control character U+0000"},
		{"invalid UTF-8", "Pass\xffword", "not valid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			add := addRequest(modeltest.Premium())
			add.ServiceInstanceProfile.Password = Password(tc.value)
			mod := &GroupCallCenterModifyInstanceRequest22{ServiceUserID: "u@example.com",
				ServiceInstanceProfile: &ServiceInstanceModifyProfile{Department: Set(*GroupDepartmentKey("sp", "g", tc.value))}}
			for _, c := range []struct {
				cmd  Command
				elem string
			}{{add, "password"}, {mod, "name"}, {&GroupCallCenterGetInstanceRequest22{ServiceUserID: tc.value}, "serviceUserId"}} {
				for name, enc := range map[string]func([]byte, Command) ([]byte, error){"AppendCommand": AppendCommand, "encoding/xml": appendCommandXML} {
					dst := []byte("<kept/>")
					out, err := enc(dst, c.cmd)
					var ve *callcenter.ValidationError
					if !errors.As(err, &ve) || !ve.Has(c.elem) || !strings.Contains(err.Error(), tc.want) || string(out) != "<kept/>" {
						t.Errorf("%s(%T): %q, %v; want a ValidationError on %s saying %q", name, c.cmd, out, err, c.elem, tc.want)
					}
				}
			}
		})
	}
	// A cleared value is not written, so what it holds does not matter.
	cleared := &GroupCallCenterModifyInstanceRequest22{ServiceUserID: "u", AgentUnavailableCode: &Nillable[string]{Nil: true, Value: "\ufffe"}}
	checkSameWire(t, cleared)
	if _, err := AppendCommand(nil, cleared); err != nil {
		t.Errorf("cleared value: %v", err)
	}
	// A command of the caller's own is checked too, field by field.
	if _, err := AppendCommand(nil, customCommand{Name: "x\uffff"}); err == nil || !strings.Contains(err.Error(), "name: has U+FFFF") {
		t.Errorf("custom command: %v", err)
	}
	if _, err := AppendCommand(nil, customCommand{Name: "x", Skipped: "\uffff"}); err != nil {
		t.Errorf("a field encoding/xml skips is not checked: %v", err)
	}
}

type customCommand struct {
	Name    string `xml:"name"`
	Skipped string `xml:"-"`
}

func (customCommand) OCIType() string { return "CustomRequest" }

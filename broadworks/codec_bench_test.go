package broadworks

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// The codec benchmarks run the old path (encoding/xml) and the new one on
// the same inputs:
//
//	go test -run '^$' -bench 'Encode|Decode' -benchmem ./broadworks
//
// Encode: "xml" is appendCommandXML (the encoder before AppendCommand),
// "append" AppendCommand into a new slice (what the client does per
// command), "append-reuse" AppendCommand into a reused buffer. Decode:
// "xml" is decodeSessionDocumentXML, "fast" the client's decoder.

// benchCommands are the requests of the encode benchmarks.
func benchCommands(b *testing.B) []struct {
	name string
	cmd  Command
} {
	add, err := NewAddRequest(fullPremium())
	if err != nil {
		b.Fatal(err)
	}
	// A row as a sheet gives it: ASCII, every option set.
	plain := fullPremium()
	plain.ServiceProviderID, plain.GroupID = "MyServiceProvider", "SalesGroup"
	plain.Profile.Name, plain.Profile.Password = "Premium Call Center", "Passw0rd!x9"
	plain.Profile.HiraganaLastName, plain.Profile.HiraganaFirstName = "", ""
	plain.Profile.Department = callcenter.Department{Name: "Sales", Level: callcenter.GroupDepartment}
	addASCII, err := NewAddRequest(plain)
	if err != nil {
		b.Fatal(err)
	}
	mod, err := NewModifyRequest(fullPremium())
	if err != nil {
		b.Fatal(err)
	}
	return []struct {
		name string
		cmd  Command
	}{
		{"add", add},
		{"add-ascii", addASCII},
		{"get", &GroupCallCenterGetInstanceRequest22{ServiceUserID: "premium-center@company.com"}},
		{"modify", mod},
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, bc := range benchCommands(b) {
		want, err := appendCommandXML(nil, bc.cmd)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.name+"/xml", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(want)))
			for b.Loop() {
				if _, err := appendCommandXML(nil, bc.cmd); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(want)), "wire-B/cmd")
		})
		b.Run(bc.name+"/append", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(want)))
			var out []byte
			for b.Loop() {
				out, err = AppendCommand(nil, bc.cmd)
				if err != nil {
					b.Fatal(err)
				}
			}
			if string(out) != string(want) {
				b.Fatalf("AppendCommand and encoding/xml differ:\n%s\n%s", out, want)
			}
			b.ReportMetric(float64(len(out)), "wire-B/cmd")
		})
		b.Run(bc.name+"/append-reuse", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(want)))
			buf := make([]byte, 0, 4096)
			for b.Loop() {
				buf, err = AppendCommand(buf[:0], bc.cmd)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(buf)), "wire-B/cmd")
		})
	}
}

// BenchmarkBuildAndEncodeAdd measures what a dry run does per row: build
// the add from the model (defaults, validation) and write its wire bytes.
func BenchmarkBuildAndEncodeAdd(b *testing.B) {
	cc := fullPremium()
	for _, path := range []string{"xml", "append"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			var buf []byte
			for b.Loop() {
				req, err := NewAddRequest(cc)
				if err != nil {
					b.Fatal(err)
				}
				if path == "xml" {
					buf, err = appendCommandXML(buf[:0], req)
				} else {
					buf, err = AppendCommand(buf[:0], req)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// successDoc is the answer to n commands that all worked, as BroadWorks
// writes it.
func successDoc(n int) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
		`<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">0f6c1b2e-aaaa-4bbb-8ccc-123456789abc</sessionId>`)
	for range n {
		b.WriteString(`<command echo="" xsi:type="c:SuccessResponse" xmlns:c="C" xmlns=""/>`)
	}
	b.WriteString("</BroadsoftDocument>\n")
	return []byte(b.String())
}

// listDoc is a list answer of n rows.
func listDoc(n int) []byte {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
		`<BroadsoftDocument protocol="OCI" xmlns="C" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sessionId xmlns="">0f6c1b2e-aaaa-4bbb-8ccc-123456789abc</sessionId>` +
		`<command echo="" xsi:type="GroupCallCenterGetInstanceListResponse" xmlns=""><callCenterTable>`)
	for _, h := range []string{"Service User Id", "Name", "Video", "Phone Number", "Extension", "Department", "Is Active", "Policy", "Type"} {
		b.WriteString("<colHeading>" + h + "</colHeading>")
	}
	for i := range n {
		b.WriteString("<row><col>cc-" + strconv.Itoa(i) + "@example.com</col><col>Call Center " + strconv.Itoa(i) +
			"</col><col>false</col><col>+3312345" + strconv.Itoa(i) + "</col><col>" + strconv.Itoa(1000+i) +
			"</col><col>Sales (Group)</col><col>true</col><col>Circular</col><col>Premium</col></row>")
	}
	b.WriteString("</callCenterTable></command></BroadsoftDocument>\n")
	return []byte(b.String())
}

func BenchmarkDecode(b *testing.B) {
	add := []Command{&GroupCallCenterAddInstanceRequest22{}}
	get := []Command{&GroupCallCenterGetInstanceRequest22{}}
	mod := []Command{&GroupCallCenterModifyInstanceRequest22{}}
	adds15 := make([]Command, 15)
	for i := range adds15 {
		adds15[i] = add[0]
	}
	for _, bc := range []struct {
		name string
		data []byte
		cmds []Command
	}{
		{"add", successDoc(1), add},
		{"get", []byte(latin1Get), get},
		{"modify", successDoc(1), mod},
		{"add-batch15", successDoc(15), adds15},
		{"list100", listDoc(100), nil},
	} {
		if !checkSameDecode(b, bc.data, false, bc.cmds) {
			b.Fatalf("%s: the fast decoder does not decode the benchmark's answer", bc.name)
		}
		b.Run(bc.name+"/xml", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				if _, _, err := decodeSessionDocumentXML(bc.data, false, bc.cmds); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/fast", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				if _, _, err := decodeSessionDocument(bc.data, false, bc.cmds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

package ocip

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/modeltest"
)

// The codec benchmarks run encoding/xml and the package's own codec on the
// same inputs:
//
//	go test -run '^$' -bench 'Encode|Decode' -benchmem ./broadworks/ocip
//
// Encode: "xml" is appendCommandXML (encoding/xml, the encoder of commands
// the package does not know), "append" AppendCommand into a new slice
// (what the client does per command), "append-reuse" AppendCommand into a
// reused buffer. Decode: "xml" is the encoding/xml reference of the tests
// (the decoder the package had), "fast" DecodeDocument.

// benchCommands are the requests of the encode benchmarks.
func benchCommands(b *testing.B) []struct {
	name string
	cmd  Command
} {
	add, err := NewAddRequest(modeltest.Premium())
	if err != nil {
		b.Fatal(err)
	}
	// A row as a sheet gives it: ASCII, every option set.
	plain := modeltest.Premium()
	plain.ServiceProviderID, plain.GroupID = "MyServiceProvider", "SalesGroup"
	plain.Profile.Name, plain.Profile.Password = "Premium Call Center", "Passw0rd!x9"
	plain.Profile.HiraganaLastName, plain.Profile.HiraganaFirstName = "", ""
	plain.Profile.Department = callcenter.Department{Name: "Sales", Level: callcenter.GroupDepartment}
	addASCII, err := NewAddRequest(plain)
	if err != nil {
		b.Fatal(err)
	}
	mod, err := NewModifyRequest(modeltest.Premium())
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
	cc := modeltest.Premium()
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
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"add", successDoc(1)},
		{"get", []byte(latin1Get)},
		{"modify", successDoc(1)},
		{"add-batch15", successDoc(15)},
		{"list100", listDoc(100)},
	} {
		if !checkSameDecode(b, bc.data, false) {
			b.Fatalf("%s: the decoder does not decode the benchmark's answer", bc.name)
		}
		b.Run(bc.name+"/xml", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				if _, _, err := referenceDecode(bc.data, false); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(bc.name+"/fast", func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.data)))
			for b.Loop() {
				if _, _, err := DecodeDocument(bc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEncodeDecodeAdd measures the client's CPU work for one add: build
// the command from the model, encode the document, decode the answer.
func BenchmarkEncodeDecodeAdd(b *testing.B) {
	cc := modeltest.Premium()
	answer := successDoc(1)
	var buf []byte
	b.ReportAllocs()
	for b.Loop() {
		req, err := NewAddRequest(cc)
		if err != nil {
			b.Fatal(err)
		}
		body, err := AppendCommand(nil, req)
		if err != nil {
			b.Fatal(err)
		}
		buf = AppendDocument(buf[:0], "0f6c1b2e-aaaa-4bbb-8ccc-123456789abc", body)
		_, resps, err := DecodeDocument(answer)
		if err != nil || len(resps) != 1 {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeGetResponse decodes a full ISO-8859-1 get answer.
func BenchmarkDecodeGetResponse(b *testing.B) {
	data := []byte(latin1Get)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := DecodeDocument(data); err != nil {
			b.Fatal(err)
		}
	}
}

package broadworkstest

import (
	"bufio"
	"strings"
	"testing"
	"testing/iotest"
)

// readDoc returns exactly one document at a time, however the bytes
// arrive, and leaves the next one in the reader.
func TestReadDocSplitsTheStream(t *testing.T) {
	docs := []string{
		`<?xml version="1.0"?><BroadsoftDocument protocol="OCI"><sessionId>a</sessionId><command xsi:type="X"><t>BroadsoftDocument&gt;</t></command></BroadsoftDocument>`,
		`<x:BroadsoftDocument xmlns:x="C"><sessionId>b</sessionId></x:BroadsoftDocument>`,
		`<BroadsoftDocument><sessionId>c</sessionId></BroadsoftDocument>`,
	}
	stream := "\r\n  " + docs[0] + "\n" + docs[1] + docs[2]
	for name, br := range map[string]*bufio.Reader{
		"whole":     bufio.NewReader(strings.NewReader(stream)),
		"byte-wise": bufio.NewReaderSize(iotest.OneByteReader(strings.NewReader(stream)), 16),
		"small":     bufio.NewReaderSize(iotest.HalfReader(strings.NewReader(stream)), 16),
	} {
		for i, want := range docs {
			got, err := readDoc(br, 1<<20)
			if err != nil || string(got) != want {
				t.Fatalf("%s: document %d: %q, %v; want %q", name, i, got, err, want)
			}
		}
		if _, err := readDoc(br, 1<<20); err == nil {
			t.Errorf("%s: a document after the last", name)
		}
	}
	// The name in other places is not the end: text after a closing tag
	// (an unescaped > is allowed there), a longer name, CDATA.
	for _, doc := range []string{
		`<BroadsoftDocument><t>x</t>BroadsoftDocument></BroadsoftDocument>`,
		`<BroadsoftDocument><xBroadsoftDocument>1</xBroadsoftDocument></BroadsoftDocument>`,
		`<BroadsoftDocument><t><![CDATA[</a>BroadsoftDocument>]]></t></BroadsoftDocument>`,
		`<BroadsoftDocument><t>a:BroadsoftDocument></t></BroadsoftDocument>`,
		`<BroadsoftDocument></t x:BroadsoftDocument></BroadsoftDocument>`,
	} {
		br := bufio.NewReader(strings.NewReader(doc + doc))
		for i := range 2 {
			if got, err := readDoc(br, 1<<20); err != nil || string(got) != doc {
				t.Errorf("document %d of %q: %q, %v", i, doc, got, err)
			}
		}
	}
	if _, err := readDoc(bufio.NewReader(strings.NewReader(docs[0])), 40); err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("limit: %v", err)
	}
}

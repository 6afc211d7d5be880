package broadworks_test

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
)

// tableRows finds the rows of a call-center table: ${1} and ${3} around them.
var tableRows = regexp.MustCompile(`(?s)(</colHeading>)((?:<row>.*?</row>)*)(</callCenterTable>)`)

// TestListCallCentersBounded: a server that keeps answering full pages of
// new call centers, and one that answers the same page whatever is asked,
// cannot keep ListCallCenters going: the first stops with an error after
// MaxListCallCenters rows, the second at the first row sent twice.
func TestListCallCentersBounded(t *testing.T) {
	srv := newServer(t)
	var pages, next atomic.Int64
	var first atomic.Pointer[[]byte]
	for _, tc := range []struct {
		name    string
		rewrite func(doc []byte) []byte
		want    string
		rows    int
	}{
		{"endless new rows", func(doc []byte) []byte {
			var b bytes.Buffer
			for range broadworks.MaxPageSize {
				fmt.Fprintf(&b, "<row><col>cc%07d@example.com</col><col>N</col><col>false</col><col/><col/><col/><col>true</col><col>Circular</col><col>Basic</col></row>", next.Add(1))
			}
			return tableRows.ReplaceAll(doc, []byte("${1}"+b.String()+"${3}"))
		}, "stopped after 100000 call centers", broadworks.MaxListCallCenters},
		{"the same page again", func(doc []byte) []byte {
			if p := first.Load(); p != nil { // the first page's rows, whatever was asked
				return tableRows.ReplaceAll(doc, []byte("${1}"+string(*p)+"${3}"))
			}
			rows := bytes.Clone(tableRows.FindSubmatch(doc)[2])
			first.Store(&rows)
			return doc
		}, "sent \"cc0@example.com\" twice", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages.Store(0)
			addr := rewritingProxy(t, srv.TCPAddr(), func(_ int, doc []byte) []byte {
				if !bytes.Contains(doc, []byte("GroupCallCenterGetInstancePagedSortedListResponse")) {
					return doc
				}
				pages.Add(1)
				return tc.rewrite(doc)
			})
			size := broadworks.MaxPageSize
			if tc.rows == 2 {
				size = 2
			}
			c := mustClient(t, addr, broadworkstest.DefaultUser, broadworkstest.DefaultPassword,
				broadworks.WithTransport(broadworks.TCP), broadworks.WithPageSize(size))
			ctx := context.Background()
			if tc.rows == 2 {
				for i := range 2 {
					cc := basic(fmt.Sprintf("cc%d@example.com", i))
					cc.ServiceProviderID, cc.GroupID = "sp", "g"
					if err := c.AddCallCenter(ctx, cc); err != nil {
						t.Fatal(err)
					}
				}
			}
			rows := 0
			var last error
			for _, err := range c.ListCallCenters(ctx, "sp", "g") {
				if err != nil {
					last = err
					break
				}
				rows++
			}
			t.Logf("%s: %d rows, %d pages, then: %v", tc.name, rows, pages.Load(), last)
			if last == nil || !strings.Contains(last.Error(), tc.want) || rows != tc.rows {
				t.Errorf("%d rows, err %v; want %d rows and an error saying %q", rows, last, tc.rows, tc.want)
			}
			if max := int64(broadworks.MaxListCallCenters/size + 2); pages.Load() > max {
				t.Errorf("%d pages read, want at most %d", pages.Load(), max)
			}
		})
	}
}

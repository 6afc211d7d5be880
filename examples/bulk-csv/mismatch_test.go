package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
)

// TestProtocolMismatchStopsTheRun: plain OCI-P aimed at an HTTP port, and
// TLS aimed at the plain OCI-P port, stop the run at the first row (exit
// 3, the other rows skipped) instead of failing 295 rows one by one, and
// the hint names the tool's flag, not the library's option.
func TestProtocolMismatchStopsTheRun(t *testing.T) {
	web := httptest.NewServer(http.NotFoundHandler())
	defer web.Close()
	srv := fakeServer(t)
	in := sheet(t, 295, nil)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"plain OCI-P to an HTTP port", []string{"-host", strings.TrimPrefix(web.URL, "http://"), "-transport", "tcp"}, "use -transport soap"},
		{"TLS to the plain OCI-P port", []string{"-host", srv.TCPAddr(), "-transport", "tls"}, "use -transport tcp"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := tool(t, goodPassword, append(tc.args, "-user", broadworkstest.DefaultUser, "-csv", in, "-timeout", "5s")...)
			if o.code != exitSystemic || !strings.Contains(o.stderr, "run stopped at line ") || !strings.Contains(o.stderr, "skipped") ||
				!strings.Contains(o.stderr, tc.want) || strings.Contains(o.stderr, "WithTransport(") {
				t.Errorf("exit %d, want %d, stopping with a hint saying %q\n%s", o.code, exitSystemic, tc.want, o.stderr)
			}
		})
	}
}

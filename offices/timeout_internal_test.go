package offices

import (
	"net/http"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// A client bounds each attempt by 30 s unless told otherwise; WithTimeout
// sets another bound, WithTimeout(0) keeps the default (as in every vendor
// package) and a negative d sets none (transport: -1).
func TestDefaultTimeout(t *testing.T) {
	if DefaultTimeout != 30*time.Second || transport.DefaultTimeout != 30*time.Second {
		t.Fatalf("DefaultTimeout = %v", DefaultTimeout)
	}
	for _, tc := range []struct {
		name string
		opts []Option
		want time.Duration
	}{
		{"default", nil, 30 * time.Second},
		{"given HTTP client", []Option{WithHTTPClient(&http.Client{})}, 30 * time.Second},
		{"WithTimeout", []Option{WithTimeout(200 * time.Millisecond)}, 200 * time.Millisecond},
		{"WithTimeout(0): the default", []Option{WithTimeout(0)}, 30 * time.Second},
		{"WithTimeout(-5s): none", []Option{WithTimeout(-5 * time.Second)}, -5 * time.Second},
	} {
		c, err := NewClient("k", tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if c.timeout != tc.want {
			t.Errorf("%s: timeout %v, want %v", tc.name, c.timeout, tc.want)
		}
	}
}

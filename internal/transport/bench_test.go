package transport_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

type benchCallCenter struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Type        string   `json:"type"`
	Policy      string   `json:"policy"`
	QueueLength int      `json:"queueLength"`
	Agents      []string `json:"agents"`
	Active      bool     `json:"active"`
}

const benchPayload = `{"id":"cc-0001@example.test","name":"Sales","type":"Premium","policy":"Circular",` +
	`"queueLength":25,"agents":["agent1@example.test","agent2@example.test","agent3@example.test"],"active":true}`

// BenchmarkTransport compares one GET decoded from JSON through a plain
// net/http client ("bare") with the same GET through transport.Client.Do
// ("transport"), against one loopback server, in the same run. Both use
// their own clone of http.DefaultTransport.
func BenchmarkTransport(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, benchPayload)
	}))
	defer srv.Close()
	ctx := context.Background()
	check := func(b *testing.B, v *benchCallCenter) {
		if v.QueueLength != 25 || len(v.Agents) != 3 {
			b.Fatalf("decoded %+v", v)
		}
	}

	b.Run("bare", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		defer hc.CloseIdleConnections()
		url := srv.URL + "/callcenters/cc-0001"
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Accept", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			data, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d, %v", resp.StatusCode, err)
			}
			var v benchCallCenter
			if err := json.Unmarshal(data, &v); err != nil {
				b.Fatal(err)
			}
			check(b, &v)
		}
	})

	b.Run("transport", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		defer hc.CloseIdleConnections()
		c, err := transport.New(transport.Config{Vendor: "bench", BaseURL: srv.URL, HTTPClient: hc})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			var v benchCallCenter
			if _, err := c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "callcenters/cc-0001"}, &v); err != nil {
				b.Fatal(err)
			}
			check(b, &v)
		}
	})
}

// BenchmarkRedact: the redactor on an error text of 4 KiB (the Excerpt
// window) with two registered secrets, one with a space, and the request's
// password: plain ASCII text (one layer), and text full of escapes (every
// layer decoded).
func BenchmarkRedact(b *testing.B) {
	var r transport.Redactor
	r.Add("login-Pässwörd", "token with space 123")
	plain := strings.Repeat("error: the value given for field x is refused by the server; ", 70)[:4096]
	escaped := strings.Repeat(`{"m":"v\u00e4lue &amp;#228; %C3%A4 P&#228;ss+w"}`, 90)[:4096]
	for _, tc := range []struct{ name, text string }{{"plain", plain}, {"escaped", escaped}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			b.ReportAllocs()
			for b.Loop() {
				_ = r.RedactWith(tc.text, "CC-Pässwörd-1")
			}
		})
	}
}

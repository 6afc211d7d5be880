package transport_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/jarcoal/httpmock"
)

// captured is what reached the wire.
type captured struct {
	method, url, rawPath, body string
	header                     http.Header
}

// mockClient returns a client on an httpmock transport that answers every
// request with status and body and records it.
func mockClient(t *testing.T, base string, status int, body string, mod func(*transport.Config)) (*transport.Client, *[]captured) {
	t.Helper()
	mock := httpmock.NewMockTransport()
	var got []captured
	mock.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		b := []byte{}
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		got = append(got, captured{r.Method, r.URL.String(), r.URL.EscapedPath(), string(b), r.Header.Clone()})
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("X-Request-Id", "rid-1")
		return resp, nil
	})
	cfg := transport.Config{Vendor: "test", BaseURL: base, HTTPClient: &http.Client{Transport: mock}, UserAgent: "ccsdk-test/1.0", RetryMax: -1}
	if mod != nil {
		mod(&cfg)
	}
	return mustNew(t, cfg), &got
}

func TestEncodeJSON(t *testing.T) {
	c, got := mockClient(t, "https://api.example.test/v1", 200, `{}`, nil)
	type body struct {
		Name  string `json:"name"`
		Queue int    `json:"queueLength,omitempty"`
		Tags  []string
	}
	if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "/tenants/t1/callcenters",
		JSON: body{Name: "Sales & Co", Queue: 5, Tags: []string{"a"}}}, nil); err != nil {
		t.Fatal(err)
	}
	r := (*got)[0]
	if r.method != "POST" || r.url != "https://api.example.test/v1/tenants/t1/callcenters" {
		t.Errorf("request = %s %s", r.method, r.url)
	}
	if want := `{"name":"Sales \u0026 Co","queueLength":5,"Tags":["a"]}`; r.body != want {
		t.Errorf("body = %s, want %s", r.body, want)
	}
	for h, want := range map[string]string{"Content-Type": "application/json", "Accept": "application/json", "User-Agent": "ccsdk-test/1.0", "Authorization": ""} {
		if v := r.header.Get(h); v != want {
			t.Errorf("%s = %q, want %q", h, v, want)
		}
	}
}

func TestEncodeForm(t *testing.T) {
	type form struct {
		User     string   `url:"user"`
		Password string   `url:"password"`
		Agent    bool     `url:"agent,omitempty"`
		Skills   []string `url:"skill"`
		Empty    string   `url:"empty,omitempty"`
	}
	for _, tc := range []struct {
		name string
		form any
		want string
	}{
		{"struct", form{User: "a b", Password: "p&=?", Agent: true, Skills: []string{"x", "y"}}, "agent=true&password=p%26%3D%3F&skill=x&skill=y&user=a+b"},
		{"values", url.Values{"z": {"1"}, "a": {"é"}}, "a=%C3%A9&z=1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, got := mockClient(t, "https://api.example.test", 200, `{}`, nil)
			if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "auth/getUserToken", Form: tc.form}, nil); err != nil {
				t.Fatal(err)
			}
			r := (*got)[0]
			if r.body != tc.want {
				t.Errorf("body = %s, want %s", r.body, tc.want)
			}
			if ct := r.header.Get("Content-Type"); ct != "application/x-www-form-urlencoded; charset=UTF-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if s, err := transport.EncodeForm(tc.form); err != nil || s != tc.want {
				t.Errorf("EncodeForm = %q, %v", s, err)
			}
		})
	}
	if _, err := transport.EncodeForm(42); err == nil {
		t.Error("EncodeForm(42): no error")
	}
}

func TestEncodeQuery(t *testing.T) {
	type q struct {
		Page   int    `url:"page,omitempty"`
		Size   int    `url:"size"`
		Filter string `url:"filter,omitempty"`
		IDs    []int  `url:"id,comma"`
	}
	for _, tc := range []struct {
		name  string
		query any
		want  string
	}{
		{"struct", q{Size: 50, Filter: "name eq 'a/b'", IDs: []int{1, 2}}, "https://api.example.test/v1/items?filter=name+eq+%27a%2Fb%27&id=1%2C2&size=50"},
		{"values", url.Values{"b": {"2"}, "a": {"1", "x y"}}, "https://api.example.test/v1/items?a=1&a=x+y&b=2"},
		{"pointer", &q{Page: 2}, "https://api.example.test/v1/items?page=2&size=0"},
		{"none", nil, "https://api.example.test/v1/items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, got := mockClient(t, "https://api.example.test/v1/", 200, `{}`, nil)
			if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "items", Query: tc.query}, nil); err != nil {
				t.Fatal(err)
			}
			r := (*got)[0]
			if r.url != tc.want {
				t.Errorf("url = %s, want %s", r.url, tc.want)
			}
			if r.body != "" || r.header.Get("Content-Type") != "" {
				t.Errorf("GET sent body %q with Content-Type %q", r.body, r.header.Get("Content-Type"))
			}
		})
	}
}

func TestEncodeRawBodyAndHeaders(t *testing.T) {
	c, got := mockClient(t, "https://api.example.test/", 200, `<ok/>`, nil)
	var out string
	h := http.Header{"Soapaction": {`""`}, "Accept": {"text/xml"}}
	if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "webservice/services/ProvisioningService",
		Body: []byte("<x>1</x>"), ContentType: "text/xml; charset=utf-8", Header: h}, &out); err != nil {
		t.Fatal(err)
	}
	r := (*got)[0]
	if r.body != "<x>1</x>" || r.header.Get("Content-Type") != "text/xml; charset=utf-8" || r.header.Get("SOAPAction") != `""` || r.header.Get("Accept") != "text/xml" {
		t.Errorf("request = %+v", r)
	}
	if out != "<ok/>" {
		t.Errorf("out = %q", out)
	}
}

func TestEncodePaths(t *testing.T) {
	for _, tc := range []struct{ base, path, wantURL, wantRaw string }{
		{"https://h.test", "x", "https://h.test/x", "/x"},
		{"https://h.test/", "/x", "https://h.test/x", "/x"},
		{"https://h.test/api/v1", "users/" + url.PathEscape("a/b c@d"), "https://h.test/api/v1/users/a%2Fb%20c@d", "/api/v1/users/a%2Fb%20c@d"},
		{"https://h.test/api/v1/", "/items/a%40b/", "https://h.test/api/v1/items/a%40b/", "/api/v1/items/a%40b/"},
		{"https://h.test/p%20q", "r", "https://h.test/p%20q/r", "/p%20q/r"},
	} {
		c, got := mockClient(t, tc.base, 200, `{}`, nil)
		if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodDelete, Path: tc.path}, nil); err != nil {
			t.Fatalf("%s + %s: %v", tc.base, tc.path, err)
		}
		if r := (*got)[0]; r.url != tc.wantURL || r.rawPath != tc.wantRaw {
			t.Errorf("%s + %s: url %s (path %s), want %s (%s)", tc.base, tc.path, r.url, r.rawPath, tc.wantURL, tc.wantRaw)
		}
	}
}

// A query string written into Path is silently dropped today; it should be
// kept or refused.
func TestPathWithQuery(t *testing.T) {
	c, got := mockClient(t, "https://h.test", 200, `{}`, nil)
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "items?page=2"}, nil)
	if err == nil && (*got)[0].url != "https://h.test/items?page=2" {
		t.Fatalf("url = %s: the query was dropped without an error", (*got)[0].url)
	}
}

func TestNewInvalidBaseURL(t *testing.T) {
	for _, base := range []string{"", "api.example.test", "/v1", "http://", "://x", "http://h/%zz"} {
		if _, err := transport.New(transport.Config{Vendor: "test", BaseURL: base}); err == nil || !strings.Contains(err.Error(), "test: invalid base URL") {
			t.Errorf("New(%q): err = %v", base, err)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	c, got := mockClient(t, "https://h.test", 200, `{}`, nil)
	for _, r := range []*transport.Request{
		{Method: http.MethodPost, Path: "x", JSON: make(chan int)},
		{Method: http.MethodPost, Path: "x", Form: 42},
		{Method: http.MethodGet, Path: "x", Query: "a=b"},
		{Method: "BAD METHOD", Path: "x"},
		{Method: http.MethodGet, Path: "%zz"},
	} {
		if _, err := c.Do(context.Background(), r, nil); err == nil {
			t.Errorf("%+v: no error", r)
		} else if !strings.HasPrefix(err.Error(), "test: ") {
			t.Errorf("%+v: err = %v, want it to name the vendor", r, err)
		}
	}
	if len(*got) != 0 {
		t.Fatalf("%d requests sent", len(*got))
	}
}

func TestDecodeOut(t *testing.T) {
	const body = `{"id":"cc1","queueLength":7}`
	type cc struct {
		ID    string `json:"id"`
		Queue int    `json:"queueLength"`
	}
	c, _ := mockClient(t, "https://h.test", 200, body, nil)
	do := func(out any) (*transport.Response, error) {
		return c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, out)
	}

	var s cc
	res, err := do(&s)
	if err != nil || s != (cc{"cc1", 7}) {
		t.Fatalf("struct: %+v, %v", s, err)
	}
	if res.StatusCode != 200 || string(res.Body) != body || res.Header.Get("X-Request-Id") != "rid-1" {
		t.Errorf("Response = %+v", res)
	}
	var m map[string]any
	if _, err := do(&m); err != nil || m["id"] != "cc1" {
		t.Errorf("map: %v, %v", m, err)
	}
	var raw []byte
	if _, err := do(&raw); err != nil || string(raw) != body {
		t.Errorf("*[]byte: %q, %v", raw, err)
	}
	var str string
	if _, err := do(&str); err != nil || str != body {
		t.Errorf("*string: %q, %v", str, err)
	}
	if res, err := do(nil); err != nil || string(res.Body) != body {
		t.Errorf("nil out: %v", err)
	}
	// A struct value (not a pointer) is refused, with the Response.
	res, err = do(cc{})
	var reqErr *transport.RequestError
	if !errors.As(err, &reqErr) || res == nil || res.StatusCode != 200 || !strings.Contains(err.Error(), "non-nil pointer") {
		t.Errorf("non-pointer out: res=%v err=%v", res, err)
	}
	var nilPtr *cc
	if _, err := do(nilPtr); err == nil {
		t.Error("nil *T out: no error")
	}
}

func TestDecodeOutEdgeBodies(t *testing.T) {
	type v struct{ A int }
	for _, tc := range []struct {
		status  int
		body    string
		method  string
		wantErr bool
	}{
		{204, "", http.MethodDelete, false},
		{200, "  \n", http.MethodGet, false},
		{200, `{"A":"not a number"}`, http.MethodGet, true},
		{201, `<html>`, http.MethodPost, true},
	} {
		c, _ := mockClient(t, "https://h.test", tc.status, tc.body, nil)
		var out v
		res, err := c.Do(context.Background(), &transport.Request{Method: tc.method, Path: "x"}, &out)
		if (err != nil) != tc.wantErr {
			t.Errorf("%d %q: err = %v", tc.status, tc.body, err)
			continue
		}
		if res == nil || res.StatusCode != tc.status {
			t.Errorf("%d %q: Response = %+v", tc.status, tc.body, res)
		}
		if err != nil {
			// The server answered with success but its answer is unreadable:
			// a POST did something the caller cannot see, which is an
			// unknown outcome (bulk settles it by a lookup); a GET is not.
			var reqErr *transport.RequestError
			unknown := tc.method == http.MethodPost
			if !errors.As(err, &reqErr) || errors.Is(err, transport.ErrOutcomeUnknown) != unknown || !strings.Contains(err.Error(), "decoding response") {
				t.Errorf("%d %q: err = %#v", tc.status, tc.body, err)
			}
		}
	}
}

func TestMaxBody(t *testing.T) {
	const limit = 1024
	for _, tc := range []struct {
		status int
		size   int
		ok     bool
	}{
		{200, limit, true},
		{200, limit + 1, false},
		{200, 10 * limit, false},
		{500, 10 * limit, false},
	} {
		body := strings.Repeat("a", tc.size)
		c, got := mockClient(t, "https://h.test", tc.status, body, func(cfg *transport.Config) { cfg.MaxBody = limit })
		var out []byte
		_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, &out)
		if tc.ok {
			if err != nil || len(out) != tc.size {
				t.Errorf("%d bytes: len(out)=%d err=%v", tc.size, len(out), err)
			}
			continue
		}
		var reqErr *transport.RequestError
		if !errors.As(err, &reqErr) || !strings.Contains(err.Error(), fmt.Sprintf("larger than %d bytes", limit)) {
			t.Errorf("%d bytes (status %d): err = %v", tc.size, tc.status, err)
		}
		if len(*got) != 1 {
			t.Errorf("%d requests, want 1 (a body too large is not retried)", len(*got))
		}
	}
	// The default limit is used when MaxBody is zero.
	c, _ := mockClient(t, "https://h.test", 200, strings.Repeat("x", 1<<20), nil)
	var out []byte
	if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodGet, Path: "x"}, &out); err != nil || len(out) != 1<<20 {
		t.Errorf("1 MiB under the default limit: %d bytes, %v", len(out), err)
	}
}

func TestDecodeErrorHook(t *testing.T) {
	var gotStatus int
	var gotBody string
	c, _ := mockClient(t, "https://h.test/api", 409, `{"errorCode":"CC-4200","summary":"Call center already exists"}`, func(cfg *transport.Config) {
		cfg.DecodeError = func(status int, body []byte) (string, string) {
			gotStatus, gotBody = status, string(body)
			code, _, _ := strings.Cut(strings.TrimPrefix(string(body), `{"errorCode":"`), `"`)
			_, msg, _ := strings.Cut(string(body), `"summary":"`)
			return code, strings.TrimSuffix(msg, `"}`)
		}
	})
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "callcenters", JSON: map[string]string{"name": "a"}}, nil)
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if gotStatus != 409 || !strings.Contains(gotBody, "CC-4200") {
		t.Errorf("DecodeError got %d %q", gotStatus, gotBody)
	}
	if apiErr.Code != "CC-4200" || apiErr.Message != "Call center already exists" || apiErr.Method != "POST" || apiErr.Path != "/api/callcenters" {
		t.Errorf("APIError = %+v", apiErr)
	}
	if want := "test: POST /api/callcenters: 409 Conflict: Call center already exists (code CC-4200)"; err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err.Error(), want)
	}
}

func TestAPIErrorBodyExcerpt(t *testing.T) {
	long := strings.Repeat("é", 400) // 800 bytes: the cut lands inside a rune
	c, _ := mockClient(t, "https://h.test", 500, "  "+long+"  ", nil)
	_, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "x"}, nil)
	var apiErr *transport.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if apiErr.Code != "" || apiErr.Message != "" {
		t.Errorf("Code/Message without DecodeError: %q %q", apiErr.Code, apiErr.Message)
	}
	if !strings.HasSuffix(apiErr.Body, "...") || len(apiErr.Body) > 512+3 || !strings.HasPrefix(apiErr.Body, "éé") || !utf8Valid(apiErr.Body) {
		t.Errorf("Body excerpt = %q (%d bytes)", apiErr.Body, len(apiErr.Body))
	}
	if want := "test: POST /x: 500 Internal Server Error: " + apiErr.Body + " (outcome unknown: not retried)"; err.Error() != want {
		t.Errorf("Error() = %q", err.Error())
	}
}

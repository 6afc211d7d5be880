package transport_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/jarcoal/httpmock"
)

// TestRequestShape checks method, escaped path, headers and form body as
// they reach the wire.
func TestRequestShape(t *testing.T) {
	mock := httpmock.NewMockTransport()
	type form struct {
		User string `url:"user"`
		N    int    `url:"n,omitempty"`
	}
	mock.RegisterMatcherResponder(http.MethodPost, "https://api.example.test/v1/items/a%40b/",
		httpmock.BodyContainsString("user=x%26y").
			And(httpmock.HeaderIs("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")).
			And(httpmock.HeaderIs("Authorization", "Bearer tok-123")),
		httpmock.NewStringResponder(200, `{"ok":true}`))
	c, err := transport.New(transport.Config{
		Vendor: "test", BaseURL: "https://api.example.test/v1",
		HTTPClient: &http.Client{Transport: mock}, Auth: transport.Bearer("tok-123"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ OK bool }
	if _, err := c.Do(context.Background(), &transport.Request{Method: http.MethodPost, Path: "items/a%40b/", Form: form{User: "x&y"}}, &out); err != nil {
		t.Fatal(err)
	}
	if !out.OK || mock.GetTotalCallCount() != 1 {
		t.Fatalf("out=%+v calls=%d", out, mock.GetTotalCallCount())
	}
}

package transport_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// A vendor package describes its API in a Config once, then sends typed
// requests with Do. Here the API is an httptest server on 127.0.0.1 that
// wants a bearer token and answers errors as {"error": "..."}.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Header.Get("Authorization") != "Bearer s3cret-token":
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"error": "bad token"}`)
		case r.URL.Path == "/v1/offices/42":
			fmt.Fprint(w, `{"id": 42, "name": "Lisbon"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error": "no such office"}`)
		}
	}))
	defer srv.Close()

	c, err := transport.New(transport.Config{
		Vendor:       "example",
		BaseURL:      srv.URL + "/v1",
		Auth:         transport.Bearer("s3cret-token"),
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 10 * time.Millisecond,
		DecodeError: func(_ int, body []byte) (code, message string) {
			var e struct{ Error string }
			_ = json.Unmarshal(body, &e)
			return "", e.Error
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	var office struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	if _, err := c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/offices/42"}, &office); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(office.ID, office.Name)

	_, err = c.Do(ctx, &transport.Request{Method: http.MethodGet, Path: "/offices/7"}, &office)
	fmt.Println(err)
	fmt.Println("not found:", errors.Is(err, transport.ErrNotFound))
	// Output:
	// 42 Lisbon
	// example: GET /v1/offices/7: 404 Not Found: no such office
	// not found: true
}

// A Redactor scrubs registered secrets and well-known secret fields.
func ExampleRedactor() {
	var r transport.Redactor
	r.Add("hunter2-password")
	fmt.Println(r.Redact(`login failed for hunter2-password`))
	fmt.Println(r.Redact(`{"user": "admin", "password": "other"}`))
	fmt.Println(r.Redact(`Authorization: Bearer abc.def`))
	// Output:
	// login failed for [REDACTED]
	// {"user": "admin", "password": "[REDACTED]"}
	// Authorization: Bearer [REDACTED]
}

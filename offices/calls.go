package offices

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// officePath returns "offices/{id}" plus the suffix ("" or "/e911" ...).
func officePath(id ID, suffix string) string {
	return "offices/" + url.PathEscape(id.String()) + suffix
}

// checkID reports a non-positive office id as a *ValidationError of the
// request named subject.
func checkID(subject, field string, id ID) error {
	if id > 0 {
		return nil
	}
	v := problems{subject: subject}
	v.add(field, "must be a positive office id, not %d", id)
	return v.err()
}

// Create validates req and creates a secondary office (POST
// /api/v2/offices). An invalid request returns a *ValidationError and sends
// nothing. A 429 answer is retried; a create whose outcome is unknown (the
// connection broke after the request was sent, a 5xx came back, or a 2xx
// whose body cannot be read) is not, and its error matches
// ErrOutcomeUnknown. The returned office carries the plan Dialpad sent with
// it.
func (c *Client) Create(ctx context.Context, req *CreateOfficeRequest) (*Office, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if err := req.Validate(); err != nil {
		return nil, err
	}
	var raw []byte
	resp, err := c.do(ctx, &transport.Request{Method: http.MethodPost, Path: "offices", JSON: req}, &raw)
	if err != nil {
		return nil, err
	}
	office, err := decodeCreated(raw)
	if err != nil {
		return nil, fmt.Errorf("offices: POST offices: the office was created (HTTP %d) but the answer could not be read (%w): %s",
			resp.StatusCode, ErrOutcomeUnknown, c.tc.Redactor().Excerpt(err.Error(), 512))
	}
	return office, nil
}

// decodeCreated reads Dialpad's {"office": {...}, "plan": {...}} answer
// (OfficeUpdateResponse), or a bare office.
func decodeCreated(raw []byte) (*Office, error) {
	var env struct {
		Office *Office `json:"office"`
		Plan   *Plan   `json:"plan"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return nil, err
	}
	if env.Office != nil {
		env.Office.Plan = env.Plan
		return env.Office, nil
	}
	var o Office
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	if o.ID == 0 {
		return nil, errors.New("no office in the answer")
	}
	return &o, nil
}

// Get returns the office with the given id (GET /api/v2/offices/{id}). An
// unknown id gives an error matching ErrNotFound; a non-positive one a
// *ValidationError.
func (c *Client) Get(ctx context.Context, id ID) (*Office, error) {
	if err := checkID("get office request", "id", id); err != nil {
		return nil, err
	}
	var o Office
	path := officePath(id, "")
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: path}, &o); err != nil {
		return nil, err
	}
	if o.ID == 0 {
		return nil, fmt.Errorf("offices: GET /%s: no office in the answer", path)
	}
	return &o, nil
}

// ListOptions filter and page GET /api/v2/offices.
type ListOptions struct {
	// ActiveOnly returns only active offices (active_only).
	ActiveOnly bool `url:"active_only,omitempty"`
	// Cursor is the Cursor of the previous page (empty: first page).
	Cursor string `url:"cursor,omitempty"`
	// Limit is the page size (0: the server's default). Dialpad's OpenAPI
	// spec does not list it for this operation; a server may ignore it.
	Limit int `url:"limit,omitempty"`
}

// ListOfficesPage returns one page of the offices the API key can see
// (GET /api/v2/offices). Pass the page's Cursor in opts to get the next
// page; it is empty on the last one.
func (c *Client) ListOfficesPage(ctx context.Context, opts *ListOptions) (*OfficePage, error) {
	if err := c.ready(); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &ListOptions{}
	}
	if opts.Limit < 0 {
		v := problems{subject: "list offices request"}
		v.add("limit", "must not be negative, not %d", opts.Limit)
		return nil, v.err()
	}
	var p OfficePage
	if _, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: "offices", Query: opts}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListOffices returns every office the API key can see, fetching pages
// lazily as the loop advances (opts.Cursor, if set, is where it starts). An
// error ends the sequence after being yielded once; so does a server that
// hands back the same cursor twice.
func (c *Client) ListOffices(ctx context.Context, opts *ListOptions) iter.Seq2[*Office, error] {
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	return pages("ListOffices", o.Cursor, func(cursor string) ([]*Office, string, error) {
		o.Cursor = cursor
		p, err := c.ListOfficesPage(ctx, &o)
		if err != nil {
			return nil, "", err
		}
		return p.Items, p.Cursor, nil
	})
}

// pages walks a cursor-paged collection lazily, starting at cursor: page
// fetches one page and returns its items and the next cursor ("" on the
// last page). An error is yielded once and ends the sequence; so does a
// cursor the server hands back twice. Nil items are skipped.
func pages[T any](name, cursor string, page func(cursor string) ([]*T, string, error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		seen := map[string]bool{}
		for {
			items, next, err := page(cursor)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, it := range items {
				if it == nil {
					continue
				}
				if !yield(it, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			if seen[next] {
				yield(nil, fmt.Errorf("offices: %s: the server returned cursor %q twice; stopping", name, next))
				return
			}
			seen[next] = true
			cursor = next
		}
	}
}

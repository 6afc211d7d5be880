// Package rest is the scaffolding the module's REST clients (apio, livevox,
// ucontact, offices) share, written once: the options every client has,
// building the transport, Close, the logic behind the vendors' Error types
// and listing with caps. A vendor package keeps what is its own: its API,
// its docs and its exported types (Option, Error, the sentinels, which are
// package platform's values), which it declares itself so that its
// documentation shows no internal package.
package rest

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Options are the options every REST client has. Each vendor package
// embeds them in its own option carrier, named options in every package,
// whose Option is func(*options).
type Options struct {
	transport.Config
	// TLS is the TLS configuration of WithTLSConfig (nil: the default).
	TLS *tls.Config

	ownHTTP *http.Client // the HTTP client made here, which Close may tidy
}

// SetTimeout is WithTimeout: d bounds each attempt of a request; 0
// restores the default ([transport.DefaultTimeout], 30 s) and a negative d
// leaves only the context's bound.
func (o *Options) SetTimeout(d time.Duration) {
	if d == 0 {
		d = transport.DefaultTimeout
	}
	o.Timeout = d
}

// BaseURLProblem returns what is wrong with a base URL given to a vendor
// client ("" when nothing is), worded for a FieldError's Message: it must
// be http or https with a host, and carry no query, fragment or user
// information (credentials go in options, not in URLs that end up in
// logs). example is a good URL of the vendor's, shown in the message.
func BaseURLProblem(raw, example string) string {
	if strings.TrimSpace(raw) == "" {
		return "is required (e.g. " + example + ")"
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		if strings.Contains(raw, "@") { // may hold a password: not shown
			return "is not an http or https URL with a host, such as " + example
		}
		return fmt.Sprintf("%q is not an http or https URL with a host, such as %s", raw, example)
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return "must not carry a query, a fragment or user information"
	}
	return ""
}

// Apply calls each non-nil option on o.
func Apply[T any, O ~func(*T)](o *T, opts []O) {
	for _, opt := range opts {
		if opt != nil {
			opt(o)
		}
	}
}

// PrepareHTTP settles the HTTP client of o: with TLS set, a copy of
// o.HTTPClient (or of a pooled client) whose transport, cloned, uses it;
// without an HTTP client, a pooled one. A client made here belongs to the
// vendor client, whose Close releases its idle connections; one the caller
// gave is left alone. The error says why TLS cannot apply (the caller's
// transport is not an *http.Transport).
func (o *Options) PrepareHTTP() error {
	if o.TLS != nil {
		hc := &http.Client{}
		if o.HTTPClient != nil {
			*hc = *o.HTTPClient
		}
		var tr *http.Transport
		switch rt := hc.Transport.(type) {
		case nil:
			tr = http.DefaultTransport.(*http.Transport).Clone()
		case *http.Transport:
			tr = rt.Clone()
		default:
			return fmt.Errorf("the HTTP client's transport is a %T, not an *http.Transport: set its TLS configuration there", rt)
		}
		tr.TLSClientConfig = o.TLS.Clone()
		hc.Transport = tr
		o.HTTPClient, o.ownHTTP = hc, hc
	}
	if o.HTTPClient == nil {
		o.ownHTTP = retryablehttp.NewClient().HTTPClient // pooled, with sane timeouts
		o.HTTPClient = o.ownHTTP
	}
	return nil
}

package contract_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/ucontact"
)

// tlsCall makes one call of a REST client at base with the given TLS
// configuration (nil: none given) and HTTP client (nil: none given); a
// NewClient error is returned as it is.
type tlsCall func(base string, cfg *tls.Config, hc *http.Client) error

var tlsCalls = map[string]tlsCall{
	"apio": func(base string, cfg *tls.Config, hc *http.Client) error {
		opts := []apio.Option{apio.WithToken("tls-token-123456"), apio.WithRetry(-1, 0, 0)}
		if cfg != nil {
			opts = append(opts, apio.WithTLSConfig(cfg))
		}
		if hc != nil {
			opts = append(opts, apio.WithHTTPClient(hc))
		}
		c, err := apio.NewClient(base, opts...)
		if err != nil {
			return err
		}
		defer c.Close()
		_, err = c.GetCallCenter(context.Background(), "Sp", "G1", "cc@example.com")
		return err
	},
	"livevox": func(base string, cfg *tls.Config, hc *http.Client) error {
		opts := []livevox.Option{livevox.WithBaseURL(base), livevox.WithRetry(-1, 0, 0), livevox.WithRateLimit(rate.Inf, 0)}
		if cfg != nil {
			opts = append(opts, livevox.WithTLSConfig(cfg))
		}
		if hc != nil {
			opts = append(opts, livevox.WithHTTPClient(hc))
		}
		c, err := livevox.NewClient(livevox.Credentials{AccessToken: "a", ClientName: "c", UserName: "u", Password: callcenter.Secret("p")}, opts...)
		if err != nil {
			return err
		}
		defer c.Close()
		_, err = c.Login(context.Background())
		return err
	},
	"ucontact": func(base string, cfg *tls.Config, hc *http.Client) error {
		opts := []ucontact.Option{ucontact.WithAPIToken("tls-token-123456"), ucontact.WithRetry(-1, 0, 0), ucontact.WithRateLimit(rate.Inf, 0)}
		if cfg != nil {
			opts = append(opts, ucontact.WithTLSConfig(cfg))
		}
		if hc != nil {
			opts = append(opts, ucontact.WithHTTPClient(hc))
		}
		c, err := ucontact.NewClient(base, opts...)
		if err != nil {
			return err
		}
		defer c.Close()
		_, err = c.QueueSummary(context.Background())
		return err
	},
	"offices": func(base string, cfg *tls.Config, hc *http.Client) error {
		opts := []offices.Option{offices.WithBaseURL(base), offices.WithRetry(-1, 0, 0), offices.WithRateLimit(0, 0)}
		if cfg != nil {
			opts = append(opts, offices.WithTLSConfig(cfg))
		}
		if hc != nil {
			opts = append(opts, offices.WithHTTPClient(hc))
		}
		c, err := offices.NewClient("tls-key-123456", opts...)
		if err != nil {
			return err
		}
		defer c.Close()
		_, err = c.ListOfficesPage(context.Background(), nil)
		return err
	},
}

// roundTripper is an http.RoundTripper that is not an *http.Transport.
type roundTripper struct{}

func (roundTripper) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("unused")
}

// TestTLSConfig: every REST client takes WithTLSConfig. Against a server
// with a private certificate, a client that trusts it (RootCAs) reaches the
// server; one without fails to connect (untrusted certificate) and sends
// nothing. With an HTTP client whose transport cannot take a TLS
// configuration, NewClient says so, naming WithTLSConfig.
func TestTLSConfig(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		http.Error(w, `{"error": "no such thing"}`, http.StatusNotFound)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	srv.StartTLS()
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	trust := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}

	for name, call := range tlsCalls {
		requests.Store(0)
		err := call(srv.URL, trust, nil)
		if requests.Load() == 0 || errors.Is(err, transport.ErrCannotConnect) {
			t.Errorf("%s with WithTLSConfig trusting the server: %v, %d requests", name, err, requests.Load())
		}
		requests.Store(0)
		if err := call(srv.URL, nil, nil); !errors.Is(err, transport.ErrCannotConnect) || requests.Load() != 0 {
			t.Errorf("%s without WithTLSConfig: %v, %d requests; want ErrCannotConnect (untrusted certificate)", name, err, requests.Load())
		}
		// The caller's HTTP client is cloned, not changed.
		tr := &http.Transport{}
		requests.Store(0)
		err = call(srv.URL, trust, &http.Client{Transport: tr})
		if requests.Load() == 0 || tr.TLSClientConfig != nil && tr.TLSClientConfig.RootCAs != nil {
			t.Errorf("%s with WithTLSConfig and an HTTP client: %v, %d requests, the caller's transport got RootCAs: %v", name, err, requests.Load(), tr.TLSClientConfig != nil)
		}
		var ve *callcenter.ValidationError
		if err := call(srv.URL, trust, &http.Client{Transport: roundTripper{}}); !errors.As(err, &ve) || !ve.Has("WithTLSConfig") {
			t.Errorf("%s with WithTLSConfig and a transport it cannot configure: %v, want a ValidationError naming WithTLSConfig", name, err)
		}
	}
}

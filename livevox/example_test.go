package livevox_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
)

// Example creates a call center with a service, reads it, lists the
// client's call centers and shows that a call center holding services
// cannot be deleted. It runs against the in-process fake.
func Example() {
	ctx := context.Background()
	srv := livevoxtest.NewServer()
	defer srv.Close()
	service := srv.AddService(srv.ClientID(livevoxtest.DefaultClientName))

	c, err := livevox.NewClient(livevox.Credentials{AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword}, livevox.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{
		Name: "Doors", ManagerName: "Mr. Manager", ServiceIDs: []int64{service},
	})
	if err != nil {
		log.Fatal(err)
	}
	cc, err := c.GetCallCenter(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("created %d: %s (manager %s, open %t)\n", cc.ID, cc.Name, cc.ManagerName, cc.Open)

	for s, err := range c.ListCallCenters(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("listed %d: %s (client %d)\n", s.ID, s.Name, s.ClientID)
	}

	err = c.DeleteCallCenter(ctx, id)
	fmt.Println("delete refused:", errors.Is(err, livevox.ErrHasServices))
	// Output:
	// created 3619: Doors (manager Mr. Manager, open true)
	// listed 3619: Doors (client 4199)
	// delete refused: true
}

// printPaths is an http.RoundTripper that prints each request's method and
// path before passing it on.
type printPaths struct{ next http.RoundTripper }

func (p printPaths) RoundTrip(r *http.Request) (*http.Response, error) {
	fmt.Println(r.Method, r.URL.Path)
	return p.next.RoundTrip(r)
}

// ExampleWithAPIVersion talks to a LiveVox deployment whose paths carry a
// version (/configuration/v6.0/...). The fake accepts versioned paths; the
// transport here prints each path sent.
func ExampleWithAPIVersion() {
	ctx := context.Background()
	srv := livevoxtest.NewServer()
	defer srv.Close()
	acme := srv.ClientID(livevoxtest.DefaultClientName)
	if _, err := srv.AddCallCenter(acme, "Los Angeles", srv.AddService(acme)); err != nil {
		log.Fatal(err)
	}

	c, err := livevox.NewClient(livevox.Credentials{
		AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword,
	},
		livevox.WithBaseURL(srv.URL), // in production: livevox.WithRegion(livevox.NA4)
		livevox.WithAPIVersion("v6.0"),
		livevox.WithHTTPClient(&http.Client{Transport: printPaths{http.DefaultTransport}}))
	if err != nil {
		log.Fatal(err)
	}
	for cc, err := range c.ListCallCenters(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("listed:", cc.Name)
	}
	if err := c.Close(); err != nil {
		log.Fatal(err)
	}
	// Output:
	// POST /session/v6.0/login
	// GET /configuration/v6.0/callCenters
	// listed: Los Angeles
	// POST /session/v6.0/logout
}

// ExampleClient_ListCallCenters iterates over the call-center list. The
// iterator fetches pages of Count entries as the loop needs them; leaving
// the loop early fetches no further page.
func ExampleClient_ListCallCenters() {
	ctx := context.Background()
	srv := livevoxtest.NewServer()
	defer srv.Close()
	acme := srv.ClientID(livevoxtest.DefaultClientName)
	for _, name := range []string{"Atlanta", "Boston", "Chicago", "Denver", "El Paso"} {
		if _, err := srv.AddCallCenter(acme, name, srv.AddService(acme)); err != nil {
			log.Fatal(err)
		}
	}
	c, err := livevox.NewClient(livevox.Credentials{
		AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword,
	}, livevox.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	for cc, err := range c.ListCallCenters(ctx, &livevox.ListCallCentersRequest{Count: 2}) {
		if err != nil {
			log.Fatal(err) // the iteration ends after an error
		}
		fmt.Println(cc.ID, cc.Name)
		if cc.Name == "Denver" {
			break
		}
	}
	fmt.Println("requests:", srv.Requests()) // login + 2 pages
	// Output:
	// 3619 Atlanta
	// 3620 Boston
	// 3621 Chicago
	// 3622 Denver
	// requests: 3
}

// ExampleClient_CreateCallCenter_outcomeUnknown handles a create whose
// answer was lost: the call center may exist, so look before creating
// again. Here the fake creates it, then drops the connection.
func ExampleClient_CreateCallCenter_outcomeUnknown() {
	ctx := context.Background()
	srv := livevoxtest.NewServer()
	defer srv.Close()
	acme := srv.ClientID(livevoxtest.DefaultClientName)
	service := srv.AddService(acme)
	c, err := livevox.NewClient(livevox.Credentials{
		AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
		UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword,
	}, livevox.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	srv.Inject(fault.Fault{Method: http.MethodPost, Path: "/configuration/callCenters", Drop: true, AfterHandling: true})
	req := &livevox.CreateCallCenterRequest{Name: "Doors", ServiceIDs: []int64{service}}
	id, err := c.CreateCallCenter(ctx, req)
	if errors.Is(err, livevox.ErrOutcomeUnknown) {
		fmt.Println("outcome unknown: looking before retrying")
		id = 0
		for cc, err := range c.ListCallCenters(ctx, nil) {
			if err != nil {
				log.Fatal(err)
			}
			if cc.Name == req.Name {
				id = cc.ID
				break
			}
		}
		if id == 0 { // not there: creating again is safe
			id, err = c.CreateCallCenter(ctx, req)
		} else {
			err = nil
		}
	}
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("call center", id, "exists once:", len(srv.CallCenters()) == 1)
	// Output:
	// outcome unknown: looking before retrying
	// call center 3619 exists once: true
}

// ExampleNewClient shows the credentials a client takes, and that every
// missing one is named at once.
func ExampleNewClient() {
	_, err := livevox.NewClient(livevox.Credentials{AccessToken: "token", ClientName: "ACME"})
	var ve *livevox.ValidationError
	if errors.As(err, &ve) {
		for _, fe := range ve.Errors {
			fmt.Println(fe)
		}
	}
	creds := livevox.Credentials{AccessToken: "token", ClientName: "ACME", UserName: "apiuser", Password: "s3cret"}
	fmt.Println(creds) // no secret printed
	// Output:
	// Credentials.UserName: must not be empty
	// Credentials.Password: must not be empty
	// livevox.Credentials{AccessToken:[REDACTED] ClientName:ACME UserName:apiuser Password:[REDACTED]}
}

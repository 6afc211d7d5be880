// Command broadworks creates the three call centers of the reference
// document (Basic, Standard, Premium) over OCI-P, reads one back and lists
// each group.
//
// With no server configured it starts the in-process test server
// (broadworks/broadworkstest) and runs against it:
//
//	go run ./examples/broadworks
//
// Against a real server (the password comes from the environment only):
//
//	BROADWORKS_PASSWORD=... go run ./examples/broadworks -host as.example.com -user admin@example.com
//	BROADWORKS_PASSWORD=... go run ./examples/broadworks -host as.example.com -user admin -transport soap
//
// -debug, or CALLCENTER_DEBUG=1, logs the OCI-P traffic to stderr (secrets
// redacted); -h prints the usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/examples/internal/cli"
)

const about = `Broadworks creates the three call centers of the reference document
(Basic, Standard, Premium) over OCI-P, reads one back, sets two inactive
and lists each group. Without -host it runs against an in-process test
server. The password comes from the environment only: BROADWORKS_PASSWORD.`

func main() { cli.Main("broadworks", about, run) }

func run(ctx context.Context, cmd *cli.Program) error {
	host := cmd.Host(os.Getenv("BROADWORKS_HOST"), "OCI-P server, `host[:port]` (default $BROADWORKS_HOST; empty: the in-process test server)")
	user := cmd.String("user", os.Getenv("BROADWORKS_USER"), "OCI-P login (default $BROADWORKS_USER)")
	mode := cmd.String("transport", "tls", "tls, tcp or soap")
	sessions := cmd.Int("sessions", 1, "parallel OCI-P sessions")
	cmd.Parse(os.Args[1:])
	password := os.Getenv("BROADWORKS_PASSWORD")

	var opts []broadworks.Option
	if cmd.Debug() {
		opts = append(opts, broadworks.WithLogger(cmd.Logger()))
	}
	switch *mode {
	case "tls":
	case "tcp":
		opts = append(opts, broadworks.WithTransport(broadworks.TCP))
	case "soap":
		opts = append(opts, broadworks.WithTransport(broadworks.SOAP))
	default:
		cmd.Fail("unknown transport %q: want tls, tcp or soap", *mode)
	}
	if *host == "" {
		srv := broadworkstest.NewServer()
		defer srv.Close()
		*user, password = broadworkstest.DefaultUser, broadworkstest.DefaultPassword
		switch *mode {
		case "tls":
			*host = srv.TLSAddr()
			opts = append(opts, broadworks.WithTLSConfig(srv.ClientTLSConfig()))
		case "tcp":
			*host = srv.TCPAddr()
		case "soap":
			opts = append(opts, broadworks.WithSOAPURL(srv.SOAPTLSURL()), broadworks.WithTLSConfig(srv.ClientTLSConfig()))
		}
		fmt.Println("using the in-process test server")
	}
	if *user == "" || password == "" {
		cmd.Fail("set -user (or BROADWORKS_USER) and BROADWORKS_PASSWORD")
	}
	client, err := broadworks.NewClient(*host, *user, password, append(opts, broadworks.WithSessions(*sessions))...)
	if err != nil {
		return err
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	centers := []callcenter.CallCenter{
		{
			ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup", ServiceUserID: "sales-center@company.com",
			Profile: callcenter.Profile{Name: "Sales Call Center", CallingLineIDLastName: "Sales", CallingLineIDFirstName: "Center",
				Password: "password123", HiraganaLastName: "セールス", HiraganaFirstName: "センター"},
			Type: callcenter.Basic, Policy: callcenter.Circular,
		},
		{
			ServiceProviderID: "MyServiceProvider", GroupID: "SupportGroup", ServiceUserID: "support-center@company.com",
			Profile: callcenter.Profile{Name: "Support Call Center", CallingLineIDLastName: "Support", CallingLineIDFirstName: "Center", Password: "password456",
				Department: callcenter.Department{Name: "Support"}},
			Type: callcenter.Standard, Policy: callcenter.Circular,
			EnableReporting: new(true), WrapUpSeconds: new(30), AllowCallsToAgentsInWrapUp: new(true),
		},
		{
			ServiceProviderID: "MyServiceProvider", GroupID: "PremiumGroup", ServiceUserID: "premium-center@company.com",
			Profile: callcenter.Profile{Name: "Premium Call Center", CallingLineIDLastName: "Premium", CallingLineIDFirstName: "Center", Password: "password789"},
			Type:    callcenter.Premium, Policy: callcenter.Circular, RoutingType: callcenter.PriorityBased,
			EnableReporting: new(true), WrapUpSeconds: new(30), ForceDeliveryOfCalls: new(false), ForceDeliveryWaitTimeSeconds: new(9),
		},
	}
	for _, cc := range centers {
		err := client.AddCallCenter(ctx, cc)
		var e *broadworks.Error
		switch {
		case err == nil:
			fmt.Printf("created %s (%s)\n", cc.ServiceUserID, cc.Type)
		case errors.Is(err, broadworks.ErrOutcomeUnknown):
			fmt.Printf("%s: outcome unknown, look it up before retrying: %v\n", cc.ServiceUserID, err)
		case errors.As(err, &e):
			fmt.Printf("%s: refused: %s\n", cc.ServiceUserID, e.Message())
		default:
			return fmt.Errorf("%s: %w", cc.ServiceUserID, err)
		}
	}
	got, err := client.GetCallCenter(ctx, "sales-center@company.com")
	if err != nil {
		return err
	}
	fmt.Printf("read back: %s / %s %s, queue length %d\n", got.Profile.Name, got.Profile.HiraganaLastName, got.Profile.HiraganaFirstName, *got.QueueLength)
	// Deactivate two call centers in one request, then list each group
	// (lazily, a page at a time).
	if err := client.SetActive(ctx, false, "support-center@company.com", "premium-center@company.com"); err != nil {
		return err
	}
	for _, group := range []string{"SalesGroup", "SupportGroup", "PremiumGroup"} {
		for s, err := range client.ListCallCenters(ctx, "MyServiceProvider", group) {
			if err != nil {
				return err
			}
			fmt.Printf("%s: %s %s %s active=%t department=%q\n", group, s.ServiceUserID, s.Type, s.Policy, s.IsActive, s.Department)
		}
	}
	return nil
}

// Command livevox shows the livevox package: it logs in, prints the
// call-center list info and the call centers (with their services and
// agents) of a LiveVox client, and logs out.
//
// Without LIVEVOX_ACCESS_TOKEN it runs against the in-process fake
// (livevoxtest), seeded with a few call centers, and also walks through
// create, update, add service and delete.
//
// Real use (secrets from the environment, never from flags):
//
//	LIVEVOX_ACCESS_TOKEN=... LIVEVOX_CLIENT=ACME LIVEVOX_USER=apiuser LIVEVOX_PASSWORD=... \
//		go run ./examples/livevox -region NA4
//
// Flags: -region (NA3..NA6), -base-url (overrides -region), -api-version
// (e.g. v6.0), -client (a LiveVox client id to list), -page-size, -create NAME
// (also create a call center on a real server), -debug (debug log, redacted;
// also switched on by CALLCENTER_DEBUG=1); -h prints the usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/examples/internal/cli"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
)

func main() { cli.Main("livevox", about, run) }

const about = `Livevox logs in to the LiveVox Configuration API, prints the call-center
list info and the call centers (with their services and agents) of a
client, and logs out. Without LIVEVOX_ACCESS_TOKEN it runs against an
in-process fake and also walks through create, update, add service and
delete. Credentials come from the environment only: LIVEVOX_ACCESS_TOKEN,
LIVEVOX_CLIENT, LIVEVOX_USER and LIVEVOX_PASSWORD.`

func run(ctx context.Context, cmd *cli.Program) error {
	region := cmd.String("region", string(livevox.DefaultRegion), "LiveVox region: NA3, NA4, NA5 or NA6")
	baseURL := cmd.BaseURL("", "API base `URL` (overrides -region)")
	version := cmd.String("api-version", "", "version path segment, e.g. v6.0 (default: none, as reference 002)")
	clientID := cmd.Int64("client", 0, "LiveVox client id to list (0: the user's client)")
	pageSize := cmd.Int("page-size", 100, "call centers per list request (1..1000)")
	create := cmd.String("create", "", "create a call center with this name (real server only)")
	cmd.Parse(os.Args[1:])
	if *baseURL != "" && os.Getenv("LIVEVOX_ACCESS_TOKEN") == "" {
		cmd.Fail("-base-url needs LIVEVOX_ACCESS_TOKEN and the other credentials (without them the program runs against its in-process fake)")
	}

	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	creds := livevox.Credentials{
		AccessToken: os.Getenv("LIVEVOX_ACCESS_TOKEN"),
		ClientName:  os.Getenv("LIVEVOX_CLIENT"),
		UserName:    os.Getenv("LIVEVOX_USER"),
		Password:    callcenter.Secret(os.Getenv("LIVEVOX_PASSWORD")),
	}
	opts := []livevox.Option{livevox.WithRegion(livevox.Region(*region)), livevox.WithAPIVersion(*version)}
	if *baseURL != "" {
		opts = append(opts, livevox.WithBaseURL(*baseURL))
	}
	if cmd.Debug() {
		opts = append(opts, livevox.WithLogger(cmd.Logger()))
	}

	var fake *livevoxtest.Server
	if creds.AccessToken == "" {
		fake = livevoxtest.NewServer()
		defer fake.Close()
		creds = livevox.Credentials{
			AccessToken: livevoxtest.DefaultAccessToken, ClientName: livevoxtest.DefaultClientName,
			UserName: livevoxtest.DefaultUser, Password: livevoxtest.DefaultPassword,
		}
		opts = append(opts, livevox.WithBaseURL(fake.URL))
		if err := seed(fake); err != nil {
			return err
		}
		fmt.Println("no LIVEVOX_ACCESS_TOKEN: using the in-process fake at", fake.URL)
	}

	c, err := livevox.NewClient(creds, opts...)
	if err != nil {
		return err
	}
	defer func() {
		if err := c.Close(); err != nil { // bounded: at most 5 s
			fmt.Fprintln(os.Stderr, "logout:", err)
		}
	}()

	info, err := c.Login(ctx)
	if errors.Is(err, livevox.ErrLoginRefused) {
		// Remembered: later calls fail at once instead of logging in again.
		return fmt.Errorf("%w\n(check LIVEVOX_ACCESS_TOKEN, LIVEVOX_CLIENT, LIVEVOX_USER and LIVEVOX_PASSWORD)", err)
	}
	if err != nil {
		return err // names the login request
	}
	fmt.Printf("logged in: user %d of client %d\n", info.UserID, info.ClientID)
	if info.DaysUntilPasswordExpires != nil {
		fmt.Printf("password expires in %d days\n", *info.DaysUntilPasswordExpires)
	}

	if fake != nil {
		if err := demo(ctx, c, fake, info.ClientID); err != nil {
			return err
		}
	} else if *create != "" {
		id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{ClientID: *clientID, Name: *create})
		if errors.Is(err, livevox.ErrOutcomeUnknown) {
			return fmt.Errorf("%w\n(the call center %q may exist: list before retrying)", err, *create)
		}
		if err != nil {
			return err
		}
		fmt.Printf("created call center %d (it is listed once it holds a service)\n", id)
	}
	if err := list(ctx, c, *clientID, *pageSize); err != nil {
		return err
	}
	if fake != nil {
		fmt.Printf("fake: %d logins, %d requests\n", fake.Logins(), fake.Requests())
	}
	return nil
}

// list prints the list info and every listed call center with its services
// and agents.
func list(ctx context.Context, c *livevox.Client, clientID int64, pageSize int) error {
	li, err := c.GetCallCenterListInfo(ctx, clientID)
	if err != nil {
		return err
	}
	modified := "unknown"
	if !li.LastModified.IsZero() {
		modified = li.LastModified.Format(time.RFC3339)
	}
	fmt.Printf("%d call centers (list last modified %s)\n", li.Size, modified)
	for cc, err := range c.ListCallCenters(ctx, &livevox.ListCallCentersRequest{ClientID: clientID, Count: pageSize}) {
		if err != nil {
			return err
		}
		rel, err := c.GetCallCenterRelated(ctx, cc.ID)
		if err != nil {
			return err
		}
		fmt.Printf("  %-6d %-28s services %v agents %v\n", cc.ID, cc.Name, rel.ServiceIDs, rel.AgentIDs)
	}
	return nil
}

// seed fills the fake with a few call centers, services and agents.
func seed(fake *livevoxtest.Server) error {
	client := fake.ClientID(livevoxtest.DefaultClientName)
	for _, name := range []string{"Los Angeles", "New York - Medical", "Atlanta - First Party"} {
		id, err := fake.AddCallCenter(client, name, fake.AddService(client))
		if err != nil {
			return err
		}
		if _, err := fake.AddAgent(id); err != nil {
			return err
		}
	}
	return nil
}

// demo walks through the write methods against the fake.
func demo(ctx context.Context, c *livevox.Client, fake *livevoxtest.Server, clientID int64) error {
	service := fake.AddService(clientID)
	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Doors", ManagerName: "Mr. Manager"})
	if err != nil {
		return err
	}
	fmt.Printf("created call center %d\n", id)
	if err := c.UpdateCallCenter(ctx, id, &livevox.UpdateCallCenterRequest{Name: new("Documentation"), BillingSystem: new("Super")}); err != nil {
		return err
	}
	if err := c.AddCallCenterService(ctx, id, service); err != nil {
		return err
	}
	cc, err := c.GetCallCenter(ctx, id)
	if err != nil {
		return err
	}
	fmt.Printf("call center %d: %q manager %q billing %q open %t\n", cc.ID, cc.Name, cc.ManagerName, cc.BillingSystem, cc.Open)

	err = c.DeleteCallCenter(ctx, id)
	if errors.Is(err, livevox.ErrHasServices) {
		fmt.Println("delete refused while the call center holds a service:", err)
	} else if err != nil {
		return err
	}

	// Session expiry is handled transparently: the next call logs in again
	// once and goes on.
	fake.ExpireSessions()
	fmt.Println("fake: all sessions expired")
	return nil
}

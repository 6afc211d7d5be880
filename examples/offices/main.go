// Command offices creates Dialpad offices and lists them.
//
// Without DIALPAD_API_KEY it runs against the in-process fake
// (offices/officestest), so it works anywhere:
//
//	go run ./examples/offices -n 3
//
// With DIALPAD_API_KEY set it talks to Dialpad (add -sandbox for
// sandbox.dialpad.com, or -base-url for a proxy) and creates real offices:
//
//	DIALPAD_API_KEY=... go run ./examples/offices -sandbox -name "Lisbon" -n 1
//
// -debug, or CALLCENTER_DEBUG=1, logs every HTTP attempt to stderr (the API
// key redacted); -h prints the usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/ccsdk/callcenter-go/examples/internal/cli"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/offices/officestest"
)

func main() { cli.Main("offices", about, run) }

const about = `Offices creates Dialpad offices, several at once over one client and its
rate limit, and lists them. Without DIALPAD_API_KEY in the environment it
runs against an in-process fake; with it, it creates real offices.`

func run(ctx context.Context, cmd *cli.Program) error {
	name := cmd.String("name", "Branch", "office name (a number is appended when -n > 1)")
	n := cmd.Int("n", 3, "offices to create")
	workers := cmd.Int("workers", 4, "concurrent creates sharing one client and its rate limit")
	sandbox := cmd.Bool("sandbox", false, "use sandbox.dialpad.com (with DIALPAD_API_KEY)")
	baseURL := cmd.BaseURL("", "API base `URL` up to /api/v2 (with DIALPAD_API_KEY; default "+offices.DefaultBaseURL+")")
	dryRun := cmd.Bool("dry-run", false, "validate the requests and print them; send nothing")
	cmd.Parse(os.Args[1:])
	if *n < 0 || *workers < 1 {
		cmd.Fail("-n must be >= 0 and -workers >= 1")
	}
	key := os.Getenv("DIALPAD_API_KEY")
	if key == "" && (*baseURL != "" || *sandbox) {
		cmd.Fail("-base-url and -sandbox need DIALPAD_API_KEY (without it the program runs against its in-process fake)")
	}

	reqs := make([]*offices.CreateOfficeRequest, *n)
	for i := range reqs {
		nm := *name
		if *n > 1 {
			nm = fmt.Sprintf("%s %d", *name, i+1)
		}
		reqs[i] = request(nm)
		if err := reqs[i].Validate(); err != nil {
			return err
		}
	}
	if *dryRun {
		for _, r := range reqs {
			fmt.Printf("would create %q in %s (%s, %s)\n", r.Name, r.Country, r.Currency, r.PlanPeriod)
		}
		return nil
	}

	var opts []offices.Option
	if cmd.Debug() {
		opts = append(opts, offices.WithLogger(cmd.Logger()))
	}
	if key == "" {
		srv := officestest.NewServer()
		defer srv.Close()
		fmt.Println("DIALPAD_API_KEY is not set: using the in-process fake at", srv.URL)
		key = officestest.DefaultAPIKey
		opts = append(opts, offices.WithBaseURL(srv.URL))
	} else {
		if *sandbox {
			opts = append(opts, offices.WithSandbox())
		}
		if *baseURL != "" {
			opts = append(opts, offices.WithBaseURL(*baseURL))
		}
	}
	c, err := offices.NewClient(key, opts...)
	if err != nil {
		return err
	}
	defer c.Close()

	start := time.Now()
	results := make([]error, len(reqs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range *workers {
		wg.Go(func() {
			for i := range jobs {
				o, err := c.Create(ctx, reqs[i])
				if err == nil {
					fmt.Printf("created %q id=%s state=%s\n", o.Name, o.ID, o.State)
				}
				results[i] = err
			}
		})
	}
	for i := range reqs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	failed := 0
	for i, err := range results {
		if err == nil {
			continue
		}
		failed++
		switch {
		case errors.Is(err, offices.ErrOutcomeUnknown):
			fmt.Printf("%q: %v\n  (may exist: check the list below before retrying)\n", reqs[i].Name, err)
		default:
			fmt.Printf("%q: %v\n", reqs[i].Name, err)
		}
	}
	fmt.Printf("%d created, %d failed in %v\n", len(reqs)-failed, failed, time.Since(start).Round(time.Millisecond))

	fmt.Println("offices:")
	for o, err := range c.ListOffices(ctx, nil) {
		if err != nil {
			return err
		}
		fmt.Printf("  %s  %-20q %s %s\n", o.ID, o.Name, o.Country, o.State)
	}
	if failed > 0 {
		return fmt.Errorf("%d creates failed", failed)
	}
	return nil
}

// request builds an office in Portugal open on weekdays 9–13 and 14–18,
// ringing operators while open and voicemail while closed.
func request(name string) *offices.CreateOfficeRequest {
	weekday := offices.Hours{{"09:00", "13:00"}, {"14:00", "18:00"}}
	return &offices.CreateOfficeRequest{
		Name:       name,
		Country:    offices.CountryPT,
		Currency:   offices.CurrencyEUR,
		PlanPeriod: offices.PlanMonthly,
		BillingAddress: offices.BillingAddress{
			AddressLine1: "Rua Augusta 1", City: "Lisboa", Region: "Lisboa",
			PostalCode: "1100-048", Country: offices.CountryPT,
		},
		UnifiedBilling:             new(true),
		Invoiced:                   new(false),
		AnnualCommitMonthlyBilling: new(false),
		Timezone:                   "Europe/Lisbon",
		HoursOn:                    new(true),
		MondayHours:                weekday,
		TuesdayHours:               weekday,
		WednesdayHours:             weekday,
		ThursdayHours:              weekday,
		FridayHours:                weekday,
		SaturdayHours:              offices.ClosedAllDay(),
		SundayHours:                offices.ClosedAllDay(),
		RingSeconds:                new(25),
		FirstAction:                offices.FirstActionOperators,
		RoutingOptions: &offices.RoutingOptions{
			Open: offices.RoutingOption{
				Action: offices.ActionVoicemail, TryDialOperators: new(true), OperatorRouting: offices.RoutingLongestIdle,
			},
			Closed: offices.RoutingOption{Action: offices.ActionVoicemail, TryDialOperators: new(false)},
		},
	}
}

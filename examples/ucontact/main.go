// Command ucontact shows the uContact client: it reads the campaign
// summary and status, lists recent recordings and, when asked, queues a
// dialer call.
//
// With no server configured it runs against the in-process fake
// (ucontacttest), so it works out of the box:
//
//	go run ./examples/ucontact
//
// Against a real server, set the URL and credentials in the environment
// (secrets never go on the command line):
//
//	export UCONTACT_URL=https://acme.ucontactcloud.com   # or -base-url
//	export UCONTACT_USER=apiuser UCONTACT_PASSWORD=...   # or UCONTACT_TOKEN=...
//	go run ./examples/ucontact -recordings 5
//	go run ./examples/ucontact -campaign 'Sales<-' -dial 098344484   # places a real call!
//
// -debug, or CALLCENTER_DEBUG=1, logs every HTTP attempt to stderr (secrets
// redacted); -h prints the usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ccsdk/callcenter-go/examples/internal/cli"
	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

func main() { cli.Main("ucontact", about, run) }

const about = `Ucontact reads the campaign summary and status of a uContact (Integra)
server, lists recent recordings and finds their files, and queues a dialer
call when asked (-dial; always against the fake). Without -base-url it runs
against an in-process fake. Credentials come from the environment only:
UCONTACT_USER and UCONTACT_PASSWORD, or UCONTACT_TOKEN.`

func run(ctx context.Context, cmd *cli.Program) error {
	baseURL := cmd.BaseURL(os.Getenv("UCONTACT_URL"), "uContact server `URL`, e.g. https://acme.ucontactcloud.com (default $UCONTACT_URL; empty: the in-process fake)")
	campaign := cmd.String("campaign", "Power<-", "campaign for the dialer call")
	dial := cmd.String("dial", "", "number to queue with a dialer task (always done against the fake)")
	nrec := cmd.Int("recordings", 3, "list up to this many recordings of the last 30 days")
	cmd.Parse(os.Args[1:])

	opts := []ucontact.Option{ucontact.WithUserAgent("callcenter-go-example/1")}
	if cmd.Debug() {
		opts = append(opts, ucontact.WithLogger(cmd.Logger()))
	}
	if *baseURL == "" {
		srv := fakeServer()
		defer srv.Close()
		*baseURL = srv.URL
		if *dial == "" {
			*dial = "098344484"
		}
		fmt.Println("no -base-url or UCONTACT_URL: using the in-process fake at", srv.URL)
		opts = append(opts, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword))
	} else if tok := os.Getenv("UCONTACT_TOKEN"); tok != "" {
		opts = append(opts, ucontact.WithAPIToken(tok))
	} else {
		opts = append(opts, ucontact.WithLogin(os.Getenv("UCONTACT_USER"), os.Getenv("UCONTACT_PASSWORD")))
	}

	c, err := ucontact.NewClient(*baseURL, opts...)
	if err != nil {
		return err
	}
	defer func() {
		// Close ends the session, waiting at most a few seconds.
		if err := c.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "ending the session:", err)
		}
	}()

	summary, err := c.QueueSummary(ctx)
	switch {
	case errors.Is(err, ucontact.ErrLoginRefused):
		// Tried once; the client will not try the same password again for
		// a while (a real server may lock the account).
		return fmt.Errorf("%w\n(check UCONTACT_USER and UCONTACT_PASSWORD)", err)
	case errors.Is(err, ucontact.ErrCannotConnect):
		return fmt.Errorf("%w\n(check -base-url or UCONTACT_URL)", err)
	case err != nil:
		return err // names the request
	}
	fmt.Println("campaigns:")
	for _, q := range summary {
		fmt.Printf("  %-12s logged in %3d  available %3d  waiting %3d  longest hold %4ds\n",
			q.Queue, q.LoggedIn, q.Available, q.Callers, q.LongestHoldTime)
	}

	status, err := c.CampaignStatus(ctx, "")
	if err != nil {
		return err
	}
	for _, name := range status.CampaignNames() {
		s := status.Campaigns[name]
		fmt.Printf("  %-12s strategy %-12s calls %d  abandoned %d  service level %s\n", name, s.Strategy, s.TotalCalls, s.Abandoned, s.ServiceLevel)
	}

	if *nrec > 0 {
		now := time.Now()
		search := &ucontact.RecordingSearch{Limit: min(*nrec, 50), Filter: ucontact.RecordingFilter{From: now.AddDate(0, 0, -30), To: now}}
		fmt.Println("recordings:")
		n := 0
		for rec, err := range c.ListRecordings(ctx, search) {
			if err != nil {
				return err
			}
			where, err := c.FindRecording(ctx, rec.GUID, rec.Folder())
			switch {
			case errors.Is(err, ucontact.ErrRecordingNotFound):
				where = "(file not found)"
			case err != nil:
				where = "(" + err.Error() + ")"
			}
			fmt.Printf("  %s  %s  %-10s %4ds  %s\n", rec.CallDate, rec.GUID, rec.Campaign, rec.Duration, where)
			if n++; n == *nrec {
				break
			}
		}
	}

	if *dial != "" {
		err := c.AddDialerTask(ctx, &ucontact.DialerTask{
			Campaign:    *campaign,
			Destination: *dial,
			Data:        ucontact.Vars{{Name: "source", Value: "example"}},
			Source:      "callcenter-go",
			Automatic:   true,
		})
		switch {
		case errors.Is(err, ucontact.ErrOutcomeUnknown):
			return fmt.Errorf("%w\n(the server may have queued the call: check before retrying)", err)
		case err != nil:
			return err
		}
		fmt.Printf("queued %s in %s\n", *dial, *campaign)
	}
	return nil
}

// fakeServer starts the in-process fake with a few recordings.
func fakeServer() *ucontacttest.Server {
	day := time.Now().AddDate(0, 0, -1)
	var recs []ucontacttest.Record
	for i := range 4 {
		at := day.Add(time.Duration(i) * time.Hour)
		recs = append(recs, ucontacttest.Record{
			GUID:     fmt.Sprintf("7e4e7db9-f080-494e-b04b-%012d", i),
			CallDate: at.Format(ucontact.DateTimeLayout),
			Campaign: "Power<-", Agent: "agent1", Source: "1001", Destination: fmt.Sprintf("09834448%d", i), Duration: 30 + 7*i,
		})
	}
	srv := ucontacttest.NewServer(ucontacttest.WithRecords(recs...))
	srv.PutRecordingFile(ucontact.Folder(day) + "/" + recs[0].GUID + ".mp3")
	return srv
}

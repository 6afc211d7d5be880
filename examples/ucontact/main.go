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
//	export UCONTACT_URL=https://acme.ucontactcloud.com
//	export UCONTACT_USER=apiuser UCONTACT_PASSWORD=...   # or UCONTACT_TOKEN=...
//	go run ./examples/ucontact -recordings 5
//	go run ./examples/ucontact -campaign 'Sales<-' -dial 098344484   # places a real call!
//
// -debug, or CALLCENTER_DEBUG=1, logs every HTTP attempt to stderr (secrets
// redacted).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"time"

	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ucontact:", err)
		os.Exit(1)
	}
}

func run() error {
	baseURL := flag.String("url", os.Getenv("UCONTACT_URL"), "uContact server, e.g. https://acme.ucontactcloud.com (env UCONTACT_URL; empty: in-process fake)")
	campaign := flag.String("campaign", "Power<-", "campaign for the dialer call")
	dial := flag.String("dial", "", "number to queue with a dialer task (always done against the fake)")
	nrec := flag.Int("recordings", 3, "list up to this many recordings of the last 30 days")
	debug := flag.Bool("debug", os.Getenv("CALLCENTER_DEBUG") == "1", "log every HTTP attempt (redacted; default on with CALLCENTER_DEBUG=1)")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	opts := []ucontact.Option{ucontact.WithUserAgent("callcenter-go-example/1")}
	if *debug {
		opts = append(opts, ucontact.WithLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	if *baseURL == "" {
		srv := fakeServer()
		defer srv.Close()
		*baseURL = srv.URL
		if *dial == "" {
			*dial = "098344484"
		}
		fmt.Println("no UCONTACT_URL: using the in-process fake at", srv.URL)
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
		return fmt.Errorf("check UCONTACT_USER and UCONTACT_PASSWORD: %w", err)
	case errors.Is(err, ucontact.ErrCannotConnect):
		return fmt.Errorf("check UCONTACT_URL: %w", err)
	case err != nil:
		return fmt.Errorf("queue summary: %w", err)
	}
	fmt.Println("campaigns:")
	for _, q := range summary {
		fmt.Printf("  %-12s logged in %3d  available %3d  waiting %3d  longest hold %4ds\n",
			q.Queue, q.LoggedIn, q.Available, q.Callers, q.LongestHoldTime)
	}

	status, err := c.CampaignStatus(ctx, "")
	if err != nil {
		return fmt.Errorf("campaign status: %w", err)
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
				return fmt.Errorf("recordings: %w", err)
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
			return fmt.Errorf("dialer task: the server may have queued the call, check before retrying: %w", err)
		case err != nil:
			return fmt.Errorf("dialer task: %w", err)
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

package ucontact_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

// Example logs in, queues a dialer call, blacklists a number, reads the
// campaign summary and ends the session, against the in-process fake.
func Example() {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	c, err := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()

	err = c.AddDialerTask(ctx, &ucontact.DialerTask{
		Campaign:    "Power<-",
		Destination: "098344484",
		Data:        ucontact.Vars{{Name: "idcustomer", Value: "7"}},
		Automatic:   true,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("queued in Power<-:", len(srv.Contacts("Power<-")))

	err = c.AddBlacklist(ctx, &ucontact.BlacklistEntry{Phone: "099111111", Campaign: ucontact.AllCampaigns})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("blacklisted:", srv.Blacklisted("Power<-", "099111111"))

	// A hang-up of an idle phone: uContact answers 0.
	if err := c.HangUp(ctx, "1009"); errors.Is(err, ucontact.ErrFailed) {
		fmt.Println("hang-up:", err)
	}

	summary, err := c.QueueSummary(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range summary {
		fmt.Printf("%s: %d logged in, %d available, %d waiting\n", q.Queue, q.LoggedIn, q.Available, q.Callers)
	}
	// Output:
	// queued in Power<-: 1
	// blacklisted: true
	// hang-up: ucontact: Agents/HungupPhone: uContact reported failure (result "0")
	// Power<-: 10 logged in, 5 available, 3 waiting
	// test->: 0 logged in, 0 available, 0 waiting
}

// ExampleClient_ListRecordings pages through the recordings of a campaign
// lazily (the loop may stop early with break) and locates each file.
func ExampleClient_ListRecordings() {
	srv := ucontacttest.NewServer(ucontacttest.WithRecords(
		ucontacttest.Record{GUID: "7e4e7db9-f080-494e-b04b-7c8e47711558", CallDate: "2016-01-18 10:20:30", Campaign: "Sales->", Duration: 42},
		ucontacttest.Record{GUID: "9a1b2c3d-0000-4000-8000-000000000001", CallDate: "2016-01-19 11:00:00", Campaign: "Support<-", Duration: 7},
	))
	defer srv.Close()
	srv.PutRecordingFile("20160118/7e4e7db9-f080-494e-b04b-7c8e47711558.mp3")
	ctx := context.Background()

	c, err := ucontact.NewClient(srv.URL, ucontact.WithAPIToken(ucontacttest.DefaultAPIToken))
	if err != nil {
		log.Fatal(err)
	}
	search := &ucontact.RecordingSearch{Filter: ucontact.RecordingFilter{
		From:     time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC),
		To:       time.Date(2016, 1, 31, 23, 59, 59, 0, time.UTC),
		Campaign: "Sales->",
	}}
	for rec, err := range c.ListRecordings(ctx, search) {
		if err != nil {
			log.Fatal(err)
		}
		url, err := c.FindRecording(ctx, rec.GUID, rec.Folder())
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(rec.GUID, rec.Duration, "s, folder", rec.Folder(), "found:", url == srv.URL+"/records/20160118/"+rec.GUID+".mp3")
	}
	// Output:
	// 7e4e7db9-f080-494e-b04b-7c8e47711558 42 s, folder 20160118 found: true
}

// ExampleClient_AddDialerTask_outcomeUnknown shows what to do when an
// action's answer is lost: uContact may have acted, so the call is not
// repeated blindly.
func ExampleClient_AddDialerTask_outcomeUnknown() {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	// The fake queues the call, then drops the connection before answering.
	srv.Inject(fault.Fault{Path: "/Integra/resources/Dialers/DialerTask", Drop: true, AfterHandling: true})
	ctx := context.Background()

	c, err := ucontact.NewClient(srv.URL, ucontact.WithAPIToken(ucontacttest.DefaultAPIToken))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	err = c.AddDialerTask(ctx, &ucontact.DialerTask{Campaign: "Power<-", Destination: "098344484", Automatic: true})
	switch {
	case errors.Is(err, ucontact.ErrOutcomeUnknown):
		fmt.Println("the call may be queued: check the dialer before queueing it again")
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println("queued at the server:", len(srv.Contacts("Power<-")))
	// Output:
	// the call may be queued: check the dialer before queueing it again
	// queued at the server: 1
}

// Example_errors shows the error kinds: bad input refused before
// sending, uContact's documented failure answer, and a refused login that
// is not tried again.
func Example_errors() {
	srv := ucontacttest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	c, err := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, ucontacttest.DefaultPassword))
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	var invalid *ucontact.ValidationError
	if err := c.AddDialerTask(ctx, &ucontact.DialerTask{Destination: "098344484"}); errors.As(err, &invalid) {
		fmt.Println(invalid.Subject, "-", invalid.Errors[0].Field, invalid.Errors[0].Message)
	}
	if err := c.HangUp(ctx, "1009"); errors.Is(err, ucontact.ErrFailed) {
		fmt.Println("nothing to hang up")
	}

	wrong, err := ucontact.NewClient(srv.URL, ucontact.WithLogin(ucontacttest.DefaultUser, "not-the-password"))
	if err != nil {
		log.Fatal(err)
	}
	for range 3 {
		_, err = wrong.QueueSummary(ctx)
	}
	fmt.Println("refused:", errors.Is(err, ucontact.ErrLoginRefused), "systemic:", errors.Is(err, ucontact.ErrSystemic))
	fmt.Println("login attempts:", srv.Requests("auth/getUserToken")-1) // one was c's
	// Output:
	// ucontact: Dialers/DialerTask request - call.campaign is required
	// nothing to hang up
	// refused: true systemic: true
	// login attempts: 1
}

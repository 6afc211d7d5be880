// Command apio creates a call center through a Netaxis APIO gateway (in a
// department, with -department), sets it inactive, lists the group, reads
// it back and deletes it, then logs out.
//
// With no gateway configured it runs against the in-process fake
// (package apiotest):
//
//	go run ./examples/apio
//
// Against a real gateway, give its URL and the credentials in the
// environment (never on the command line):
//
//	APIO_USERNAME=me APIO_PASSWORD=... APIO_CC_PASSWORD=... \
//	  go run ./examples/apio -base-url https://apio.example.com -tenant MySp -group MyGroup -id sales-cc@sip.example.com
//
// APIO_TOKEN (a machine token) may replace APIO_USERNAME and APIO_PASSWORD.
// When APIO asks for a two-factor code, the program reads it from standard
// input. -keep leaves the call center in place.
//
// Then it creates a whole bulk sheet over the same gateway with package bulk
// (an *apio.Client is a bulk.Target, like a *broadworks.Client): the
// embedded sheet.csv, or the file given with -csv.
//
// -debug, or CALLCENTER_DEBUG=1, logs every HTTP attempt to stderr (secrets
// redacted); -h prints the usage.
package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/examples/internal/cli"
)

//go:embed sheet.csv
var sampleSheet []byte

const about = `Apio creates a call center through a Netaxis APIO gateway, sets it
inactive, lists its group, reads it back and deletes it, then creates a
bulk sheet over the same gateway. Without -base-url it runs against an
in-process fake. Credentials come from the environment only: APIO_USERNAME
and APIO_PASSWORD (or APIO_TOKEN), and APIO_CC_PASSWORD for the new call
center.`

func main() {
	cli.Main("apio", about, func(ctx context.Context, cmd *cli.Program) error {
		baseURL := cmd.BaseURL(os.Getenv("APIO_URL"), "APIO base `URL`, e.g. https://apio.example.com (default $APIO_URL; empty: the in-process fake)")
		tenant := cmd.String("tenant", "ApioSpTest", "tenant (service provider) id")
		group := cmd.String("group", "ApioGrpTest", "group id")
		id := cmd.String("id", "example-cc@sip.example.com", "service user id of the call center to create")
		keep := cmd.Bool("keep", false, "do not delete the call center at the end")
		dept := cmd.String("department", "", "group department to put the call center in (optional; the fake accepts any name)")
		sheet := cmd.String("csv", "", "bulk sheet to create over APIO (default: the embedded sample sheet)")
		cmd.Parse(os.Args[1:])

		ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		return run(ctx, cmd.Logger(), *baseURL, *tenant, *group, *id, *dept, *keep, *sheet)
	})
}

func run(ctx context.Context, debug *slog.Logger, baseURL, tenant, group, id, dept string, keep bool, sheet string) (err error) {
	var creds apio.Option
	ccPassword := os.Getenv("APIO_CC_PASSWORD")
	switch {
	case baseURL == "":
		srv := apiotest.NewServer()
		defer srv.Close()
		baseURL = srv.URL
		creds = apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword)
		if ccPassword == "" {
			ccPassword = "Example-Pa55word"
		}
		fmt.Println("no -base-url given: using the in-process fake APIO at", baseURL)
	case os.Getenv("APIO_TOKEN") != "":
		creds = apio.WithToken(os.Getenv("APIO_TOKEN"))
	default:
		creds = apio.WithLogin(os.Getenv("APIO_USERNAME"), os.Getenv("APIO_PASSWORD"))
	}
	if ccPassword == "" {
		return errors.New("set APIO_CC_PASSWORD to the password of the new call center")
	}

	opts := []apio.Option{creds, apio.WithTwoFactor(askCode)}
	if debug != nil {
		opts = append(opts, apio.WithLogger(debug))
	}
	c, err := apio.NewClient(baseURL, opts...)
	if err != nil {
		return err
	}
	defer func() { // log out, bounded; report a failed logout only if all else went well
		if cerr := c.Close(); cerr != nil && err == nil {
			err = cerr // names the logout request
		}
	}()

	cc := callcenter.CallCenter{
		ServiceProviderID: tenant,
		GroupID:           group,
		ServiceUserID:     id,
		Profile: callcenter.Profile{
			Name:       "Example call center",
			Password:   callcenter.Secret(ccPassword),
			Department: callcenter.Department{Name: dept}, // none when dept is ""
		},
		Type:          callcenter.Standard,
		Policy:        callcenter.Uniform,
		WrapUpSeconds: new(20),
	}
	cc.ApplyDefaults()
	req := &apio.CreateCallCenterRequest{CallCenter: cc}
	fmt.Printf("creating %s (password %v)\n", id, req.CallCenter.Profile.Password)
	if _, err := c.CreateCallCenter(ctx, req); err != nil {
		if errors.Is(err, apio.ErrOutcomeUnknown) {
			return fmt.Errorf("%w\n(the call center may exist: check before running again)", err)
		}
		return err
	}

	if err := c.SetActive(ctx, tenant, group, false, id); err != nil {
		return err
	}
	fmt.Printf("call centers of %s/%s:\n", tenant, group)
	for s, err := range c.ListCallCenters(ctx, tenant, group) {
		if err != nil {
			return err
		}
		department := "-"
		if s.Department != nil {
			department = s.Department.Name
		}
		fmt.Printf("  %-40s %-8s %-12s active=%-5v department=%s\n", s.ServiceUserID, s.Type, s.Policy, s.Active, department)
	}

	in, err := c.GetCallCenter(ctx, tenant, group, id)
	if err != nil {
		return err
	}
	back := in.CallCenter()
	fmt.Printf("read back: type %s, policy %s, queue length %d, wrap-up %ds, department %q\n",
		back.Type, back.Policy, deref(back.QueueLength), deref(back.WrapUpSeconds), back.Profile.Department.Name)

	if !keep {
		if err := c.DeleteCallCenter(ctx, tenant, group, id); err != nil {
			return err
		}
		fmt.Println("deleted", id)
	}
	return createSheet(ctx, c, sheet)
}

// createSheet creates the call centers of a bulk sheet over APIO.
func createSheet(ctx context.Context, c *apio.Client, path string) error {
	var src io.Reader = bytes.NewReader(sampleSheet)
	if path != "" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		src = f
	}
	fmt.Println("bulk sheet over APIO:")
	results, err := bulk.CreateFromCSV(ctx, c, src, bulk.Concurrency(4))
	if err != nil {
		return err
	}
	for _, r := range results {
		mark, why := "✓", string(r.Status)
		if !r.Success {
			mark, why = "✗", r.Err.Error()
		}
		d := r.Data()
		fmt.Printf("  row %d  %-32s %-8s %s %s\n", r.Index, d.ServiceUserID, d.Type, mark, why)
	}
	return nil
}

// askCode reads a two-factor code from standard input.
func askCode(ctx context.Context) (string, error) {
	how := "code"
	switch apio.TwoFactorMethod(ctx) {
	case apio.TwoFactorTOTP:
		how = "code from your authenticator app"
	case apio.TwoFactorEmail:
		how = "code APIO sent by e-mail"
	}
	fmt.Fprintf(os.Stderr, "two-factor %s: ", how)
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimSpace(line), nil
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

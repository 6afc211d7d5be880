package apio_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
)

// *apio.Client is a bulk target, apply target and export source.
var (
	_ bulk.Target = (*apio.Client)(nil)
)

const ccPassword = "Cc-Pa55word-XYZ"

// fakeClient starts a fake and a client logged in with its default user.
func fakeClient(t *testing.T, srvOpts []apiotest.Option, opts ...apio.Option) (*apio.Client, *apiotest.Server) {
	t.Helper()
	srv := apiotest.NewServer(srvOpts...)
	t.Cleanup(srv.Close)
	opts = append([]apio.Option{
		apio.WithLogin(apiotest.DefaultUser, apiotest.DefaultPassword),
		apio.WithHTTPClient(srv.Client()),
		apio.WithRetry(3, time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := apio.NewClient(srv.URL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// premium returns a Premium call center with every kind of field set.
func premium(id string) callcenter.CallCenter {
	cc := callcenter.CallCenter{
		ServiceProviderID: "Sp One",
		GroupID:           "Grp/1",
		ServiceUserID:     id,
		Profile: callcenter.Profile{
			Name:                   "Sales",
			CallingLineIDFirstName: "Sales",
			CallingLineIDLastName:  "Center",
			Password:               ccPassword,
			HiraganaFirstName:      "さーる",
			Extension:              "1234",
			Language:               "English",
			TimeZone:               "Europe/Brussels",
			Aliases:                []string{"sales-a@sip.example.com", "sales-b@sip.example.com"},
		},
		Type:                         callcenter.Premium,
		Policy:                       callcenter.Weighted,
		RoutingType:                  callcenter.SkillBased,
		WrapUpSeconds:                new(45),
		EnableReporting:              new(true),
		ForceDeliveryOfCalls:         new(true),
		ForceDeliveryWaitTimeSeconds: new(3),
		AgentStateAfterCall:          callcenter.WrapUp,
		AgentUnavailableCode:         "LUNCH",
		NetworkClassOfService:        "ncos-1",
	}
	cc.ApplyDefaults()
	return cc
}

func TestFakeLifecycle(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	cc := premium("sales-cc@sip.example.com")
	cc.Profile.Department = callcenter.Department{Name: "Sales dept"} // a group department

	in, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc, TemplateName: "premium"})
	if err != nil {
		t.Fatal(err)
	}
	if in == nil || in.ServiceUserID != cc.ServiceUserID || in.TenantID != "Sp One" || in.GroupID != "Grp/1" {
		t.Fatalf("created = %+v", in)
	}

	// The wire carried the clear password; nothing else shows it.
	stored := srv.CallCenters()
	if len(stored) != 1 || stored[0].Password != ccPassword || stored[0].TenantID != "Sp One" || stored[0].GroupID != "Grp/1" {
		t.Fatalf("stored = %+v", stored)
	}
	if _, ok := stored[0].Instance["serviceInstanceProfile"].(map[string]any)["password"]; ok {
		t.Error("the fake's instance shows the password")
	}
	if d := stored[0].Department; d == nil || *d != (apiotest.Department{TenantID: "Sp One", GroupID: "Grp/1", Name: "Sales dept"}) {
		t.Errorf("stored department = %+v", d)
	}

	// Read back: the model round-trips (but for the password, which APIO
	// never returns).
	got, err := c.GetCallCenter(ctx, "Sp One", "Grp/1", cc.ServiceUserID)
	if err != nil {
		t.Fatal(err)
	}
	want := cc.Clone()
	want.Profile.Password = ""
	want.Profile.Department.Level = callcenter.GroupDepartment // read back explicit
	if back := got.CallCenter(); !reflect.DeepEqual(back, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back, want)
	}
	if got.Profile.Department == nil || got.Profile.Department.Name != "Sales dept" {
		t.Errorf("department = %+v", got.Profile.Department)
	}

	// Listed, active; then inactive.
	list, err := collect(c.ListCallCenters(ctx, "Sp One", "Grp/1"))
	if err != nil || len(list) != 1 || !list[0].Active || list[0].Name != "Sales" || list[0].Type != callcenter.Premium ||
		list[0].Department == nil || list[0].Department.Name != "Sales dept" {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if err := c.SetActive(ctx, "Sp One", "Grp/1", false, cc.ServiceUserID); err != nil {
		t.Fatal(err)
	}
	if list, err = collect(c.ListCallCenters(ctx, "Sp One", "Grp/1")); err != nil || len(list) != 1 || list[0].Active {
		t.Fatalf("list after SetActive(false) = %+v, %v", list, err)
	}
	if other, err := collect(c.ListCallCenters(ctx, "Sp One", "Other")); err != nil || len(other) != 0 {
		t.Errorf("other group lists %+v, %v", other, err)
	}

	// Update two fields and the password.
	up, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: callcenter.CallCenter{
		ServiceProviderID: "Sp One", GroupID: "Grp/1", ServiceUserID: cc.ServiceUserID,
		Profile:     callcenter.Profile{Language: "French", Password: "New-Pa55word-1"},
		QueueLength: new(10),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if up.Profile.Language != "French" || *up.QueueLength != 10 || up.Profile.Name != "Sales" {
		t.Errorf("updated = %+v", up)
	}
	if pw := srv.CallCenters()[0].Password; pw != "New-Pa55word-1" {
		t.Errorf("stored password after update = %q", pw)
	}

	// Delete; then it is gone.
	if err := c.DeleteCallCenter(ctx, "Sp One", "Grp/1", cc.ServiceUserID); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCallCenter(ctx, "Sp One", "Grp/1", cc.ServiceUserID)
	var ae *apio.Error
	if !errors.Is(err, apio.ErrNotFound) || !errors.As(err, &ae) || !strings.Contains(ae.Message, "not found") {
		t.Errorf("get after delete: %v", err)
	}
	if err := c.DeleteCallCenter(ctx, "Sp One", "Grp/1", cc.ServiceUserID); !errors.Is(err, apio.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if st := srv.Stats(); st.Creates != 1 || st.Updates != 1 || st.Deletes != 1 || st.Logins != 1 || st.ActiveUpdates != 1 {
		t.Errorf("stats = %+v", st)
	}
}

// collect gathers what a list iterator yields, stopping at its error.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func TestFakeDuplicate(t *testing.T) {
	for _, status := range []int{0, http.StatusBadRequest} {
		var opts []apiotest.Option
		want := http.StatusConflict
		if status != 0 {
			opts, want = []apiotest.Option{apiotest.WithDuplicateStatus(status)}, status
		}
		c, srv := fakeClient(t, opts)
		req := &apio.CreateCallCenterRequest{CallCenter: premium("dup@sip.example.com")}
		if _, err := c.CreateCallCenter(context.Background(), req); err != nil {
			t.Fatal(err)
		}
		_, err := c.CreateCallCenter(context.Background(), req)
		var ae *apio.Error
		if !errors.As(err, &ae) || ae.StatusCode != want || !strings.Contains(ae.Message, "already exists") {
			t.Errorf("duplicate create: %v", err)
		}
		if errors.Is(err, apio.ErrOutcomeUnknown) {
			t.Error("a refused duplicate is not outcome-unknown")
		}
		if !errors.Is(err, apio.ErrAlreadyExists) || !errors.Is(err, bulk.ErrAlreadyExists) {
			t.Errorf("status %d: duplicate create %v does not match ErrAlreadyExists", want, err)
		}
		if n := len(srv.CallCenters()); n != 1 {
			t.Errorf("stored %d call centers", n)
		}
	}
}

// TestFakeTypeRules sends an update the client does not check: the fake
// refuses a Standard option on a Basic call center, by the model's table.
func TestFakeTypeRules(t *testing.T) {
	c, _ := fakeClient(t, nil)
	ctx := context.Background()
	cc := premium("basic@sip.example.com")
	cc = callcenter.CallCenter{ServiceProviderID: cc.ServiceProviderID, GroupID: cc.GroupID, ServiceUserID: cc.ServiceUserID,
		Profile: callcenter.Profile{Password: ccPassword}, Type: callcenter.Basic}
	cc.ApplyDefaults()
	if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc}); err != nil {
		t.Fatal(err)
	}
	for field, change := range map[string]callcenter.CallCenter{
		"wrapUpSeconds": {WrapUpSeconds: new(30)},
		"routingType":   {RoutingType: callcenter.PriorityBased},
	} {
		change.ServiceProviderID, change.GroupID, change.ServiceUserID = cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID
		_, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: change})
		var ae *apio.Error
		if !errors.As(err, &ae) || ae.StatusCode != 400 || !strings.Contains(ae.Message, field+" is not available for Basic") {
			t.Errorf("update %s: %v", field, err)
		}
	}
	// Upgrading the type in the same request makes the option acceptable.
	up := callcenter.CallCenter{ServiceProviderID: cc.ServiceProviderID, GroupID: cc.GroupID, ServiceUserID: cc.ServiceUserID,
		Type: callcenter.Standard, WrapUpSeconds: new(30)}
	if _, err := c.UpdateCallCenter(ctx, &apio.UpdateCallCenterRequest{CallCenter: up}); err != nil {
		t.Errorf("upgrade to Standard with wrapUpSeconds: %v", err)
	}
}

// run calls f from n goroutines at once and returns the errors.
func run(n int, f func() error) []error {
	errs := make([]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			errs[i] = f()
		})
	}
	close(start)
	wg.Wait()
	return errs
}

func TestFakeExpiryConcurrentRefresh(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	cc := premium("refresh@sip.example.com")
	if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc}); err != nil {
		t.Fatal(err)
	}
	srv.ExpireAccessTokens() // mid-run
	errs := run(20, func() error {
		_, err := c.GetCallCenter(ctx, cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID)
		return err
	})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	st := srv.Stats()
	t.Logf("stats: %+v", st)
	if st.Refreshes != 1 || st.Logins != 1 || st.RefusedRefreshes != 0 || st.Unauthorized < 1 {
		t.Errorf("stats = %+v, want exactly one refresh and one login", st)
	}
}

func TestFakeRefusedRefreshOneLogin(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	if _, err := collect(c.ListCallCenters(ctx, "t", "g")); err != nil {
		t.Fatal(err)
	}
	srv.ExpireAccessTokens()
	srv.RevokeRefreshTokens()
	errs := run(20, func() error { _, err := collect(c.ListCallCenters(ctx, "t", "g")); return err })
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	st := srv.Stats()
	t.Logf("stats: %+v", st)
	if st.Logins != 2 || st.RefusedRefreshes != 1 || st.Refreshes != 0 {
		t.Errorf("stats = %+v, want one refused refresh and one fresh login", st)
	}
	// The fresh login's refresh token works.
	srv.ExpireAccessTokens()
	if _, err := collect(c.ListCallCenters(ctx, "t", "g")); err != nil {
		t.Fatal(err)
	}
	if st := srv.Stats(); st.Refreshes != 1 || st.Logins != 2 {
		t.Errorf("stats = %+v", st)
	}
}

func TestFakeTwoFactor(t *testing.T) {
	for _, method := range []string{"", apio.TwoFactorEmail, apio.TwoFactorTOTP} {
		calls := 0
		c, srv := fakeClient(t, []apiotest.Option{apiotest.WithTwoFactor("654321", method)},
			apio.WithTwoFactor(func(ctx context.Context) (string, error) {
				calls++
				if apio.TwoFactorMethod(ctx) != method {
					return "", fmt.Errorf("method %q", apio.TwoFactorMethod(ctx))
				}
				return "654321", nil
			}))
		if _, err := collect(c.ListCallCenters(context.Background(), "t", "g")); err != nil {
			t.Fatalf("method %q: %v", method, err)
		}
		if st := srv.Stats(); calls != 1 || st.Logins != 1 || st.TwoFactorLogins != 1 {
			t.Errorf("method %q: callback calls = %d, stats = %+v", method, calls, st)
		}
	}

	c, _ := fakeClient(t, []apiotest.Option{apiotest.WithTwoFactor("654321", "")},
		apio.WithTwoFactor(func(context.Context) (string, error) { return "000000", nil }))
	if _, err := collect(c.ListCallCenters(context.Background(), "t", "g")); !errors.Is(err, apio.ErrUnauthorized) {
		t.Errorf("wrong code: %v", err)
	}
	c, _ = fakeClient(t, []apiotest.Option{apiotest.WithTwoFactor("654321", "")},
		apio.WithTwoFactor(func(context.Context) (string, error) { return "", errors.New("no code today") }))
	if _, err := collect(c.ListCallCenters(context.Background(), "t", "g")); err == nil || !strings.Contains(err.Error(), "no code today") {
		t.Errorf("failing callback: %v", err)
	}
}

func TestFakeMachineToken(t *testing.T) {
	const m2m = "m2m-0123456789abcdef"
	srv := apiotest.NewServer(apiotest.WithMachineToken(m2m))
	defer srv.Close()
	c, err := apio.NewClient(srv.URL, apio.WithToken(m2m), apio.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	srv.ExpireAccessTokens() // machine tokens do not expire
	if _, err := collect(c.ListCallCenters(context.Background(), "t", "g")); err != nil {
		t.Fatal(err)
	}
	if st := srv.Stats(); st.Logins != 0 || st.Refreshes != 0 {
		t.Errorf("stats = %+v", st)
	}

	bad, _ := apio.NewClient(srv.URL, apio.WithToken("not-the-token"), apio.WithHTTPClient(srv.Client()))
	_, err = collect(bad.ListCallCenters(context.Background(), "t", "g"))
	if !errors.Is(err, apio.ErrUnauthorized) || strings.Contains(err.Error(), "not-the-token") {
		t.Errorf("bad token: %v", err)
	}
}

func TestFakeBadLogin(t *testing.T) {
	srv := apiotest.NewServer()
	defer srv.Close()
	c, err := apio.NewClient(srv.URL, apio.WithLogin(apiotest.DefaultUser, "Wrong-Password-77"), apio.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = collect(c.ListCallCenters(context.Background(), "t", "g"))
	var ae *apio.Error
	if !errors.Is(err, apio.ErrUnauthorized) || !errors.As(err, &ae) || ae.Message != "invalid credentials" {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "Wrong-Password-77") {
		t.Errorf("error shows the password: %v", err)
	}
	if st := srv.Stats(); st.FailedLogins != 1 || srv.FaultStats().Requests != 1 {
		t.Errorf("stats = %+v, requests %d", st, srv.FaultStats().Requests)
	}
}

func TestTarget(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	cc := premium("bulk@sip.example.com")

	ops := applier(c)

	// bulk validates before BuildCreate (platform.Ops documents it), so
	// BuildCreate does not validate again; CreateCallCenter, for callers
	// that skip bulk, does.
	bad := cc.Clone()
	bad.Type = callcenter.Basic
	if _, err := ops.BuildCreate(bad); err != nil {
		t.Errorf("BuildCreate validated again: %v", err)
	}
	if _, err := c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: bad}); err == nil {
		t.Fatal("CreateCallCenter accepted Premium options on a Basic call center")
	} else if ve := (*apio.ValidationError)(nil); !errors.As(err, &ve) || !ve.Has("routingType") || ve.Subject != "apio: create call center request" {
		t.Errorf("CreateCallCenter error = %v", err)
	}

	cmd, err := ops.BuildCreate(cc)
	if err != nil {
		t.Fatal(err)
	}
	req, ok := cmd.(*apio.CreateCallCenterRequest)
	if !ok || req.CallCenter.ServiceUserID != cc.ServiceUserID {
		t.Fatalf("cmd = %T %v", cmd, cmd)
	}
	if srv.FaultStats().Requests != 0 {
		t.Fatal("BuildCreate did I/O")
	}

	stored, found, err := ops.LookupCallCenter(ctx, cc)
	if err != nil || found || stored != nil {
		t.Fatalf("lookup before create = %v, %v, %v", stored, found, err)
	}

	resp, err := ops.SendCreate(ctx, cmd)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(resp, `"serviceUserId":"bulk@sip.example.com"`) || strings.Contains(resp, ccPassword) {
		t.Errorf("response = %s", resp)
	}

	stored, found, err = ops.LookupCallCenter(ctx, cc)
	if err != nil || !found {
		t.Fatalf("lookup after create = %v, %v", found, err)
	}
	want := cc.Clone()
	want.Profile.Password = ""
	if !reflect.DeepEqual(*stored, want) {
		t.Errorf("stored =\n%+v\nwant\n%+v", *stored, want)
	}

	if _, err := ops.SendCreate(ctx, "not a command"); err == nil || !strings.Contains(err.Error(), "string") {
		t.Errorf("SendCreate(string) = %v", err)
	}
}

// TestOutcomeUnknown: a create whose answer is lost is reported as
// outcome-unknown and never repeated; lookup tells what happened.
func TestOutcomeUnknown(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	if _, err := collect(c.ListCallCenters(ctx, "Sp One", "Grp/1")); err != nil { // log in first
		t.Fatal(err)
	}
	ops := c.BulkOps()

	// Handled, then the connection drops.
	cc := premium("lost-answer@sip.example.com")
	cmd, _ := ops.BuildCreate(cc)
	srv.Inject(fault.Fault{Method: http.MethodPost, Path: "/call_centers/", Drop: true, AfterHandling: true})
	before := srv.FaultStats().Requests
	_, err := ops.SendCreate(ctx, cmd)
	if !errors.Is(err, apio.ErrOutcomeUnknown) || !errors.Is(err, bulk.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want outcome unknown", err)
	}
	if st, n := srv.Stats(), srv.FaultStats().Requests-before; st.Creates != 1 || n != 1 {
		t.Errorf("stats = %+v (requests sent: %d), want one create, not retried", st, n)
	}
	if _, found, err := ops.LookupCallCenter(ctx, cc); err != nil || !found {
		t.Errorf("lookup = %v, %v; want found", found, err)
	}

	// A 5xx to a POST: outcome unknown, not retried.
	cc2 := premium("gateway-error@sip.example.com")
	cmd2, _ := ops.BuildCreate(cc2)
	srv.Inject(fault.Fault{Method: http.MethodPost, Status: http.StatusBadGateway, Times: 5})
	before = srv.FaultStats().Requests
	_, err = ops.SendCreate(ctx, cmd2)
	if !errors.Is(err, apio.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want outcome unknown", err)
	}
	if n := srv.FaultStats().Requests - before; n != 1 {
		t.Errorf("POST sent %d times after a 502", n)
	}
	srv.ClearFaults()

	// A 429 burst on a POST is retried: the server did not act.
	srv.FailNext(2, http.StatusTooManyRequests)
	if _, err := ops.SendCreate(ctx, cmd2); err != nil {
		t.Fatalf("create after a 429 burst: %v", err)
	}
	if st := srv.Stats(); st.Creates != 2 {
		t.Errorf("creates = %d", st.Creates)
	}
}

func TestFakeRetriesReads(t *testing.T) {
	c, srv := fakeClient(t, nil)
	ctx := context.Background()
	if _, err := collect(c.ListCallCenters(ctx, "t", "g")); err != nil {
		t.Fatal(err)
	}
	srv.FailNext(2, http.StatusServiceUnavailable)
	if _, err := collect(c.ListCallCenters(ctx, "t", "g")); err != nil {
		t.Errorf("list after two 503s: %v", err)
	}
	srv.DropNext(1)
	if _, err := collect(c.ListCallCenters(ctx, "t", "g")); err != nil {
		t.Errorf("list after a dropped connection: %v", err)
	}
	if fs := srv.FaultStats(); fs.Faults != 3 || fs.Dropped != 1 {
		t.Errorf("fault stats = %+v", fs)
	}
}

// TestSecrets: the create request never shows the call center's password in
// fmt, log/slog or JSON, yet the wire carries it; the client's debug log
// shows neither the login password nor tokens.
func TestSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, srv := fakeClient(t, nil, apio.WithLogger(logger))
	ctx := context.Background()
	cc := premium("secret@sip.example.com")
	ops := c.BulkOps()
	cmd, err := ops.BuildCreate(cc)
	if err != nil {
		t.Fatal(err)
	}
	req := cmd.(*apio.CreateCallCenterRequest)

	var shown []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		shown = append(shown, fmt.Sprintf(verb, req), fmt.Sprintf(verb, *req))
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	shown = append(shown, string(b))
	if !strings.Contains(string(b), `"password":"[REDACTED]"`) || !strings.Contains(string(b), `"serviceUserId":"secret@sip.example.com"`) {
		t.Errorf("JSON = %s", b)
	}
	var upd bytes.Buffer
	if err := json.NewEncoder(&upd).Encode(apio.UpdateCallCenterRequest{CallCenter: cc}); err != nil {
		t.Fatal(err)
	}
	shown = append(shown, upd.String(), fmt.Sprintf("%+v", apio.UpdateCallCenterRequest{CallCenter: cc}))
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(w *bytes.Buffer) slog.Handler { return slog.NewTextHandler(w, nil) },
		func(w *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(w, nil) },
	} {
		var out bytes.Buffer
		slog.New(h(&out)).Info("create", "cmd", req, "value", *req)
		shown = append(shown, out.String())
	}
	for _, s := range shown {
		if strings.Contains(s, ccPassword) {
			t.Errorf("password shown: %s", s)
		}
	}

	if _, err := ops.SendCreate(ctx, cmd); err != nil {
		t.Fatal(err)
	}
	srv.ExpireAccessTokens()
	if _, _, err := ops.LookupCallCenter(ctx, cc); err != nil {
		t.Fatal(err)
	}
	if got := srv.CallCenters()[0].Password; got != ccPassword {
		t.Errorf("the wire carried password %q, want the clear value", got)
	}
	if logs.Len() == 0 {
		t.Fatal("no debug log")
	}
	for _, secret := range []string{apiotest.DefaultPassword, ccPassword, "apio-access-", "apio-refresh-"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("debug log shows %q:\n%s", secret, logs.String())
		}
	}
}

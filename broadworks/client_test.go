package broadworks_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/broadworks/ocip"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/hostiletest"
)

const addType = "GroupCallCenterAddInstanceRequest22"

// expected returns what a get should give back for cc once added: defaults
// applied, enums normalised, no password, no service provider or group.
func expected(cc callcenter.CallCenter) callcenter.CallCenter {
	cc = cc.Clone()
	cc.ApplyDefaults()
	cc.ServiceProviderID, cc.GroupID, cc.Profile.Password = "", "", ""
	return cc
}

func equalCallCenters(t *testing.T, got, want callcenter.CallCenter) {
	t.Helper()
	g, w := describe(got), describe(want)
	if g != w {
		t.Errorf("call center\n got %s\nwant %s", g, w)
	}
}

// describe prints a call center with pointers followed.
func describe(cc callcenter.CallCenter) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%+v|%s|%s|%s|%s|%s|%s|%s|%s|%s|", cc.ServiceProviderID, cc.GroupID, cc.ServiceUserID, cc.Profile,
		cc.Type, cc.Policy, cc.RoutingType, cc.EscapeDigit, cc.AgentStateAfterCall, cc.AgentUnavailableCode,
		cc.ExternalPreferredAudioCodec, cc.InternalPreferredAudioCodec, cc.NetworkClassOfService)
	for _, p := range []*bool{cc.EnableVideo, cc.AllowCallerToDialEscapeDigit, cc.ResetCallStatisticsUponEntryInQueue, cc.AllowAgentLogoff,
		cc.AllowCallWaitingForAgents, cc.PlayRingingWhenOfferingCall, cc.EnableReporting, cc.AllowCallsToAgentsInWrapUp,
		cc.OverrideAgentWrapUpTime, cc.EnableAutomaticStateChangeForAgents, cc.ForceDeliveryOfCalls} {
		if p == nil {
			b.WriteString("nil,")
		} else {
			fmt.Fprintf(&b, "%t,", *p)
		}
	}
	for _, p := range []*int{cc.QueueLength, cc.WrapUpSeconds, cc.ForceDeliveryWaitTimeSeconds} {
		if p == nil {
			b.WriteString("nil,")
		} else {
			fmt.Fprintf(&b, "%d,", *p)
		}
	}
	return b.String()
}

func TestCallCenterLifecycle(t *testing.T) {
	srv := newServer(t)
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			c := clientFor(t, srv, mode)
			id := "premium-" + strings.ToLower(mode) + "@example.com"
			in := premium(id)
			if err := c.AddCallCenter(ctx, in); err != nil {
				t.Fatal(err)
			}
			// The fake holds what was sent, with the real password.
			stored, ok := srv.CallCenter(id)
			if !ok {
				t.Fatal("not stored")
			}
			if string(stored.Profile.Password) != string(in.Profile.Password) {
				t.Errorf("stored password differs from the one sent")
			}
			if stored.Policy != callcenter.Simultaneous || stored.Profile.HiraganaLastName != "セールス" || stored.GroupID != "PremiumGroup" {
				t.Errorf("stored %+v", stored)
			}

			got, err := c.GetCallCenter(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			equalCallCenters(t, *got, expected(in))

			b := basic("basic-" + strings.ToLower(mode) + "@example.com")
			b.GroupID = "PremiumGroup"
			if err := c.AddCallCenter(ctx, b); err != nil {
				t.Fatal(err)
			}
			list, err := listAll(c, ctx, "MyServiceProvider", "PremiumGroup")
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, s := range list {
				if s.ServiceUserID == id && (s.Name != "Premium Call Center" || !s.Video || s.Type != callcenter.Premium || s.Policy != callcenter.Simultaneous || s.Extension != "5000") {
					t.Errorf("summary %+v", s)
				}
				ids = append(ids, s.ServiceUserID)
			}
			if !slices.Contains(ids, id) || !slices.Contains(ids, b.ServiceUserID) {
				t.Errorf("list %v lacks %s or %s", ids, id, b.ServiceUserID)
			}

			// Modify: new name, Standard, wrap-up cleared, aliases replaced.
			mod := callcenter.CallCenter{
				ServiceUserID: id,
				Profile:       callcenter.Profile{Name: "Renamed ½ センター", Aliases: []string{"new@example.com"}},
				Type:          callcenter.Standard,
				QueueLength:   new(0),
			}
			if err := c.ModifyCallCenter(ctx, mod, ocip.ClearWrapUpSeconds, ocip.ClearPhoneNumber); err != nil {
				t.Fatal(err)
			}
			got, err = c.GetCallCenter(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want := expected(in)
			want.Profile.Name, want.Profile.Aliases, want.Profile.PhoneNumber = "Renamed ½ センター", []string{"new@example.com"}, ""
			want.Type, want.QueueLength, want.WrapUpSeconds = callcenter.Standard, new(0), nil
			want.RoutingType, want.ForceDeliveryOfCalls, want.ForceDeliveryWaitTimeSeconds = "", nil, nil
			equalCallCenters(t, *got, want)

			if err := c.DeleteCallCenter(ctx, id); err != nil {
				t.Fatal(err)
			}
			_, err = c.GetCallCenter(ctx, id)
			var e *broadworks.Error
			if !errors.Is(err, broadworks.ErrNotFound) || !errors.As(err, &e) || e.Code != broadworks.CodeUserNotFound {
				t.Errorf("get after delete: %v", err)
			}
			if err := c.DeleteCallCenter(ctx, id); !errors.Is(err, broadworks.ErrNotFound) {
				t.Errorf("second delete: %v", err)
			}
		})
	}
}

func TestLoginKind(t *testing.T) {
	for _, tc := range []struct {
		mode   string
		secure bool
	}{{"TLS", true}, {"TCP", false}, {"SOAP-HTTP", false}, {"SOAP-HTTPS", true}} {
		t.Run(tc.mode, func(t *testing.T) {
			srv := newServer(t)
			c := clientFor(t, srv, tc.mode)
			if _, err := listAll(c, context.Background(), "sp", "g"); err != nil {
				t.Fatal(err)
			}
			want22, want14 := 0, 1
			if tc.secure {
				want22, want14 = 1, 0
			}
			if got := srv.CommandCount("LoginRequest22V5"); got != want22 {
				t.Errorf("LoginRequest22V5 sent %d times, want %d", got, want22)
			}
			if got := srv.CommandCount("LoginRequest14sp4"); got != want14 {
				t.Errorf("LoginRequest14sp4 sent %d times, want %d", got, want14)
			}
			if got := srv.CommandCount("AuthenticationRequest"); got != want14 {
				t.Errorf("AuthenticationRequest sent %d times, want %d", got, want14)
			}
			c.Close()
			if s := srv.Stats(); s.Logins != 1 || s.Logouts != 1 {
				t.Errorf("stats %+v", s)
			}
		})
	}
}

// recordingProxy forwards TCP connections to target and records what the
// client sends.
type recordingProxy struct {
	ln  net.Listener
	mu  sync.Mutex
	out bytes.Buffer
	wg  sync.WaitGroup
}

func newProxy(t *testing.T, target string) *recordingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &recordingProxy{ln: ln}
	p.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				return
			}
			p.wg.Go(func() {
				defer s.Close()
				buf := make([]byte, 4096)
				for {
					n, err := c.Read(buf)
					p.mu.Lock()
					p.out.Write(buf[:n])
					p.mu.Unlock()
					if _, werr := s.Write(buf[:n]); err != nil || werr != nil {
						return
					}
				}
			})
			p.wg.Go(func() { defer c.Close(); _, _ = io.Copy(c, s) })
		}
	})
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func TestPasswordNeverOnPlainTCP(t *testing.T) {
	const password = "Plain-Link-Secret"
	srv := newServer(t, broadworkstest.WithUser("tcpuser", password))
	proxy := newProxy(t, srv.TCPAddr())
	c := mustClient(t, proxy.ln.Addr().String(), "tcpuser", password, broadworks.WithTransport(broadworks.TCP))
	if err := c.AddCallCenter(context.Background(), basic("plain@example.com")); err != nil {
		t.Fatal(err)
	}
	c.Close()
	proxy.mu.Lock()
	sent := proxy.out.String()
	proxy.mu.Unlock()
	if !strings.Contains(sent, "LoginRequest14sp4") || !strings.Contains(sent, "<signedPassword>") {
		t.Errorf("no nonce login on the wire: %s", sent)
	}
	if strings.Contains(sent, password) {
		t.Error("the login password crossed the plain link")
	}
}

func TestLoginFailure(t *testing.T) {
	srv := newServer(t)
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			c := newClient(t, srv, mode, broadworkstest.DefaultUser, "wrong-password")
			defer c.Close()
			err := c.AddCallCenter(context.Background(), basic("x-"+strings.ToLower(mode)+"@example.com"))
			var e *broadworks.Error
			if !errors.As(err, &e) || e.Code != broadworks.CodeInvalidPassword {
				t.Fatalf("err = %v, want [Error 4962]", err)
			}
			if !errors.Is(err, broadworks.ErrLoginRefused) || !errors.Is(err, broadworks.ErrSystemic) || !errors.Is(err, broadworks.ErrUnauthorized) {
				t.Errorf("err = %v, want a login refusal", err)
			}
			if strings.Contains(err.Error(), "wrong-password") {
				t.Error("error shows the password")
			}
		})
	}
	if s := srv.Stats(); s.Logins != 0 || s.Adds != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestServerErrors(t *testing.T) {
	srv := newServer(t, broadworkstest.WithGroup("MyServiceProvider", "SalesGroup"))
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			c := clientFor(t, srv, mode)
			id := "dup-" + strings.ToLower(mode) + "@example.com"
			if err := c.AddCallCenter(ctx, basic(id)); err != nil {
				t.Fatal(err)
			}
			code := func(err error) int {
				var e *broadworks.Error
				if !errors.As(err, &e) {
					t.Fatalf("err = %v, want *broadworks.Error", err)
				}
				return e.Code
			}
			if got := code(c.AddCallCenter(ctx, basic(id))); got != broadworks.CodeUserExists {
				t.Errorf("duplicate: code %d", got)
			}
			other := basic("other-" + id)
			other.GroupID = "NoSuchGroup"
			if got := code(c.AddCallCenter(ctx, other)); got != broadworks.CodeGroupNotFound {
				t.Errorf("unknown group: code %d", got)
			}
			if _, err := listAll(c, ctx, "MyServiceProvider", "NoSuchGroup"); code(err) != broadworks.CodeGroupNotFound {
				t.Errorf("list of unknown group: %v", err)
			}
			// A command built by hand, past validation: the server refuses
			// the Standard option on a Basic call center.
			req, err := ocip.NewAddRequest(basic("typed-" + id))
			if err != nil {
				t.Fatal(err)
			}
			req.EnableReporting = new(true)
			resps, err := c.Do(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			if e, ok := resps[0].(*broadworks.Error); !ok || e.Code != broadworkstest.CodeTypeOption || !strings.Contains(e.Summary, "enableReporting") {
				t.Errorf("type option: %#v", resps[0])
			}
		})
	}
	if _, ok := srv.CallCenter("typed-dup-tls@example.com"); ok {
		t.Error("the refused call center was stored")
	}
}

// badOrder is a hand-made command whose elements break the schema order.
type badOrder struct {
	GroupID           string `xml:"groupId"`
	ServiceProviderID string `xml:"serviceProviderId"`
}

func (*badOrder) OCIType() string { return "GroupCallCenterGetInstanceListRequest" }

func TestDoBatch(t *testing.T) {
	srv := newServer(t)
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			ctx := context.Background()
			c := clientFor(t, srv, mode)
			var cmds []broadworks.Command
			for i := range 14 {
				req, err := ocip.NewAddRequest(basic(fmt.Sprintf("batch%02d-%s@example.com", i, strings.ToLower(mode))))
				if err != nil {
					t.Fatal(err)
				}
				cmds = append(cmds, req)
			}
			cmds = append(cmds, cmds[3]) // a duplicate: its own ErrorResponse
			resps, err := c.Do(ctx, cmds...)
			if err != nil {
				t.Fatal(err)
			}
			if len(resps) != 15 {
				t.Fatalf("%d responses", len(resps))
			}
			for i, r := range resps[:14] {
				if _, ok := r.(*ocip.SuccessResponse); !ok {
					t.Errorf("response %d: %#v", i, r)
				}
			}
			if e, ok := resps[14].(*broadworks.Error); !ok || e.Code != broadworks.CodeUserExists || e.Command != addType {
				t.Errorf("response 14: %#v", resps[14])
			}
			// Mixed types in one document.
			resps, err = c.Do(ctx,
				&ocip.GroupCallCenterGetInstanceRequest22{ServiceUserID: "batch00-" + strings.ToLower(mode) + "@example.com"},
				&ocip.GroupCallCenterGetInstanceRequest22{ServiceUserID: "missing@example.com"},
				&ocip.GroupCallCenterDeleteInstanceRequest{ServiceUserID: "batch01-" + strings.ToLower(mode) + "@example.com"},
				&badOrder{GroupID: "g", ServiceProviderID: "sp"},
			)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := resps[0].(*ocip.GroupCallCenterGetInstanceResponse22); !ok {
				t.Errorf("get: %#v", resps[0])
			}
			if !errors.Is(resps[1].(error), broadworks.ErrNotFound) {
				t.Errorf("missing: %#v", resps[1])
			}
			if _, ok := resps[2].(*ocip.SuccessResponse); !ok {
				t.Errorf("delete: %#v", resps[2])
			}
			if e, ok := resps[3].(*broadworks.Error); !ok || e.Code != broadworkstest.CodeSchema {
				t.Errorf("bad order: %#v", resps[3])
			}
		})
	}
	c := clientFor(t, srv, "TCP")
	if _, err := c.Do(context.Background()); err == nil {
		t.Error("Do without commands: no error")
	}
	many := make([]broadworks.Command, 16)
	for i := range many {
		many[i] = &ocip.GroupCallCenterGetInstanceRequest22{ServiceUserID: "a@b.c"}
	}
	if _, err := c.Do(context.Background(), many...); err == nil {
		t.Error("Do with 16 commands: no error")
	}
	if _, err := c.Do(context.Background(), nil); err == nil {
		t.Error("Do with a nil command: no error")
	}
}

func TestReloginAfterConnectionDrop(t *testing.T) {
	for _, mode := range []string{"TLS", "TCP"} {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			c := clientFor(t, srv, mode)
			ctx := context.Background()
			if _, err := listAll(c, ctx, "sp", "g"); err != nil {
				t.Fatal(err)
			}
			srv.DropConnections() // the server restarts or times the session out
			if err := c.AddCallCenter(ctx, basic("after-drop@example.com")); err != nil {
				t.Fatalf("add after a dropped connection: %v", err)
			}
			if s := srv.Stats(); s.Logins != 2 || s.Adds != 1 || s.Connections != 2 {
				t.Errorf("stats %+v", s)
			}
			if n := srv.CommandCount(addType); n != 1 {
				t.Errorf("add sent %d times", n)
			}
		})
	}
}

func TestReloginAfterSessionExpired(t *testing.T) {
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			c := clientFor(t, srv, mode)
			ctx := context.Background()
			if _, err := listAll(c, ctx, "sp", "g"); err != nil {
				t.Fatal(err)
			}
			srv.ExpireSessions()
			// The server refuses the add without carrying it out
			// ([Error 5404]): it is safe to send again after a new login.
			if err := c.AddCallCenter(ctx, basic("after-expiry@example.com")); err != nil {
				t.Fatalf("add after expiry: %v", err)
			}
			if s := srv.Stats(); s.Logins != 2 || s.Adds != 1 {
				t.Errorf("stats %+v", s)
			}
			if n := srv.CommandCount(addType); n != 2 {
				t.Errorf("add sent %d times, want 2 (refused, then accepted)", n)
			}
		})
	}
}

func TestOutcomeUnknownNeverResent(t *testing.T) {
	for _, mode := range transports {
		for _, applied := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/applied=%t", mode, applied), func(t *testing.T) {
				srv := newServer(t)
				c := clientFor(t, srv, mode)
				ctx := context.Background()
				id := "lost@example.com"
				srv.Inject(fault.Fault{ServiceUserID: id, Path: addType, Drop: true, AfterHandling: applied, Times: 1})
				cmd, err := c.BulkOps().BuildCreate(basic(id))
				if err != nil {
					t.Fatal(err)
				}
				resp, err := c.BulkOps().SendCreate(ctx, cmd)
				if !errors.Is(err, broadworks.ErrOutcomeUnknown) {
					t.Fatalf("SendCreate = %q, %v; want ErrOutcomeUnknown", resp, err)
				}
				if n := srv.CommandCount(addType); n != 1 {
					t.Errorf("add sent %d times", n)
				}
				// The client goes on, and a lookup tells what happened.
				stored, found, err := c.BulkOps().LookupCallCenter(ctx, basic(id))
				if err != nil || found != applied {
					t.Fatalf("lookup: found=%t err=%v, want found=%t", found, err, applied)
				}
				if found && (stored.ServiceUserID != id || stored.GroupID != "SalesGroup" || stored.Profile.Name != "Sales Call Center") {
					t.Errorf("stored %+v", stored)
				}
			})
		}
	}
}

func TestIdempotentCommandRetried(t *testing.T) {
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t)
			c := clientFor(t, srv, mode, broadworks.WithRetry(2, time.Millisecond, 5*time.Millisecond))
			ctx := context.Background()
			if err := c.AddCallCenter(ctx, basic("kept@example.com")); err != nil {
				t.Fatal(err)
			}
			srv.Inject(fault.Fault{Path: "GroupCallCenterGetInstanceRequest22", Drop: true, Times: 1})
			got, err := c.GetCallCenter(ctx, "kept@example.com")
			if err != nil || got.Profile.Name != "Sales Call Center" {
				t.Fatalf("get: %+v, %v", got, err)
			}
			if n := srv.CommandCount("GroupCallCenterGetInstanceRequest22"); n != 2 {
				t.Errorf("get sent %d times, want 2", n)
			}
		})
	}
}

func TestInjectedErrorResponse(t *testing.T) {
	srv := newServer(t)
	srv.Inject(fault.Fault{ServiceUserID: "bad@example.com", Status: 4000, Times: fault.Always})
	c := clientFor(t, srv, "TLS")
	resp, err := c.BulkOps().SendCreate(context.Background(), mustBuild(t, c, basic("bad@example.com")))
	var e *broadworks.Error
	if !errors.As(err, &e) || e.Code != 4000 || resp != "[Error 4000] Injected failure" {
		t.Fatalf("SendCreate = %q, %v", resp, err)
	}
	resp, err = c.BulkOps().SendCreate(context.Background(), mustBuild(t, c, basic("good@example.com")))
	if err != nil || resp != "SuccessResponse" {
		t.Fatalf("SendCreate = %q, %v", resp, err)
	}
}

func mustBuild(t *testing.T, c *broadworks.Client, cc callcenter.CallCenter) any {
	t.Helper()
	cmd, err := c.BulkOps().BuildCreate(cc)
	if err != nil {
		t.Fatal(err)
	}
	return cmd
}

func TestBulkTargetMethods(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS")
	cc := basic("target@example.com")
	cc.ApplyDefaults()
	cmd, err := c.BulkOps().BuildCreate(cc)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cmd.(*ocip.GroupCallCenterAddInstanceRequest22); !ok {
		t.Fatalf("BuildCreate gave %T", cmd)
	}
	bad := cc
	bad.WrapUpSeconds = new(30)
	var ve *callcenter.ValidationError
	// BuildCreate trusts bulk's validation (the bulk.Target contract);
	// NewAddRequest, the way in for everyone else, refuses.
	if _, err := ocip.NewAddRequest(bad); !errors.As(err, &ve) || !ve.Has("wrapUpSeconds") {
		t.Errorf("NewAddRequest of a Basic with wrapUpSeconds: %v", err)
	}
	if s := srv.Stats(); s.Connections != 0 || s.Documents != 0 {
		t.Errorf("BuildCreate touched the network: %+v", s)
	}
	if _, found, err := c.BulkOps().LookupCallCenter(context.Background(), cc); found || err != nil {
		t.Errorf("lookup before create: %t %v", found, err)
	}
	if resp, err := c.BulkOps().SendCreate(context.Background(), cmd); resp != "SuccessResponse" || err != nil {
		t.Errorf("SendCreate = %q, %v", resp, err)
	}
	resp, err := c.BulkOps().SendCreate(context.Background(), cmd)
	if !strings.HasPrefix(resp, "[Error 4200]") || err == nil {
		t.Errorf("second SendCreate = %q, %v", resp, err)
	}
	if _, err := c.BulkOps().SendCreate(context.Background(), "not a command"); err == nil {
		t.Error("SendCreate of a string: no error")
	}
}

func TestDryRunNeverConnects(t *testing.T) {
	srv := newServer(t)
	for _, mode := range transports {
		c := newClient(t, srv, mode, "u", "p")
		if _, err := c.BulkOps().BuildCreate(basic("dry@example.com")); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	c := mustClient(t, "127.0.0.1:1", "u", "p") // nothing listens there
	if _, err := c.BulkOps().BuildCreate(basic("dry@example.com")); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if s := srv.Stats(); s != (broadworkstest.Stats{}) {
		t.Errorf("stats %+v", s)
	}
}

func TestClose(t *testing.T) {
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t, broadworkstest.WithLatency(time.Millisecond))
			c := newClient(t, srv, mode, broadworkstest.DefaultUser, broadworkstest.DefaultPassword, broadworks.WithSessions(3))
			var wg sync.WaitGroup
			for range 6 {
				wg.Go(func() { _, _ = listAll(c, context.Background(), "sp", "g") })
			}
			wg.Wait()
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			// Every session that logged in has logged out.
			if s := srv.Stats(); s.Logins == 0 || s.Logins != s.Logouts {
				t.Errorf("stats %+v", s)
			}
			if _, err := listAll(c, context.Background(), "sp", "g"); !errors.Is(err, broadworks.ErrClosed) {
				t.Errorf("after Close: %v", err)
			}
		})
	}
}

func TestConcurrentSessions(t *testing.T) {
	for _, mode := range transports {
		t.Run(mode, func(t *testing.T) {
			srv := newServer(t, broadworkstest.WithLatency(time.Millisecond))
			c := clientFor(t, srv, mode, broadworks.WithSessions(4))
			var wg sync.WaitGroup
			errs := make(chan error, 40)
			for i := range 40 {
				wg.Go(func() {
					errs <- c.AddCallCenter(context.Background(), basic(fmt.Sprintf("conc%02d@example.com", i)))
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
			s := srv.Stats()
			if s.Adds != 40 || s.Logins > 4 || s.Logins < 1 {
				t.Errorf("stats %+v", s)
			}
			if len(srv.CallCenters()) != 40 {
				t.Errorf("%d stored", len(srv.CallCenters()))
			}
		})
	}
}

func TestContextCancelledMidExchange(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TCP")
	if _, err := listAll(c, context.Background(), "sp", "g"); err != nil {
		t.Fatal(err)
	}
	srv.SetLatency(time.Minute) // Close interrupts it
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	err := c.AddCallCenter(ctx, basic("slow@example.com"))
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, broadworks.ErrOutcomeUnknown) {
		t.Errorf("err = %v, want a deadline and an unknown outcome", err)
	}
	srv.SetLatency(0)
	if err := c.AddCallCenter(context.Background(), basic("fast@example.com")); err != nil {
		t.Errorf("next add: %v", err)
	}
}

func TestUTF8Responses(t *testing.T) {
	srv := newServer(t, broadworkstest.WithResponseEncoding("UTF-8"))
	c := clientFor(t, srv, "TCP")
	in := premium("utf8@example.com")
	in.Profile.Name = "Café ß センター"
	if err := c.AddCallCenter(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	got, err := c.GetCallCenter(context.Background(), "utf8@example.com")
	if err != nil || got.Profile.Name != "Café ß センター" || got.Profile.HiraganaFirstName != "センター" {
		t.Fatalf("got %+v, %v", got, err)
	}
}

func TestValidationBeforeSending(t *testing.T) {
	srv := newServer(t)
	c := clientFor(t, srv, "TLS")
	cc := basic("v@example.com")
	cc.RoutingType = callcenter.SkillBased
	var ve *callcenter.ValidationError
	if err := c.AddCallCenter(context.Background(), cc); !errors.As(err, &ve) || !ve.Has("routingType") {
		t.Errorf("add: %v", err)
	}
	if err := c.ModifyCallCenter(context.Background(), callcenter.CallCenter{ServiceUserID: "v@example.com", Type: callcenter.Standard, ForceDeliveryOfCalls: new(true)}); !errors.As(err, &ve) || !ve.Has("forceDeliveryOfCalls") {
		t.Errorf("modify: %v", err)
	}
	if _, err := c.GetCallCenter(context.Background(), ""); err == nil {
		t.Error("get without id: no error")
	}
	if s := srv.Stats(); s.Documents != 0 {
		t.Errorf("something was sent: %+v", s)
	}
}

func TestBadHost(t *testing.T) {
	for _, tc := range []struct {
		host, user, password string
		opts                 []broadworks.Option
		fields               []string
	}{
		{"", "u", "p", nil, []string{"host"}},
		{"host:notaport", "u", "p", nil, []string{"host"}},
		{"host:0", "u", "p", nil, []string{"host"}},
		{"host:65536", "u", "p", nil, []string{"host"}},
		{"host", "", "p", nil, []string{"username"}},
		{"host", "u\x00", "p", nil, []string{"username"}},
		{"host", "u", "", nil, []string{"password"}},
		{"", "", "", nil, []string{"username", "password", "host"}},
		{"host", "u", "p", []broadworks.Option{broadworks.WithSOAPURL("ftp://host/x")}, []string{"WithSOAPURL"}},
		{"host", "u", "p", []broadworks.Option{broadworks.WithSOAPURL("https://host:99999/x")}, []string{"WithSOAPURL"}},
		{"host", "u", "p", []broadworks.Option{broadworks.WithSessions(0)}, []string{"WithSessions"}},
		{"host", "u", "p", []broadworks.Option{broadworks.WithPageSize(2001)}, []string{"WithPageSize"}},
	} {
		c, err := broadworks.NewClient(tc.host, tc.user, tc.password, tc.opts...)
		var ve *broadworks.ValidationError
		if c != nil || !errors.As(err, &ve) || len(ve.Errors) != len(tc.fields) || ve.Subject == "" {
			t.Errorf("NewClient(%q, %q, %q) = %v, %v; want problems with %v", tc.host, tc.user, tc.password, c, err, tc.fields)
			continue
		}
		for _, f := range tc.fields {
			if !ve.Has(f) {
				t.Errorf("NewClient(%q, %q, %q): %v lacks %s", tc.host, tc.user, tc.password, err, f)
			}
		}
	}
	// Nothing listens: a dial error, not an unknown outcome.
	c := mustClient(t, "127.0.0.1:1", "u", "p", broadworks.WithTransport(broadworks.TCP), broadworks.WithTimeout(time.Second))
	defer c.Close()
	err := c.AddCallCenter(context.Background(), basic("a@b.c"))
	var ce *broadworks.ConnError
	if !errors.As(err, &ce) || ce.Op != "dial" || errors.Is(err, broadworks.ErrOutcomeUnknown) ||
		!errors.Is(err, broadworks.ErrCannotConnect) || !errors.Is(err, broadworks.ErrSystemic) {
		t.Errorf("err = %v", err)
	}
}

func TestLoggerRedacts(t *testing.T) {
	srv := newServer(t)
	var logs bytes.Buffer
	var mu sync.Mutex
	h := slog.NewTextHandler(&lockedWriter{w: &logs, mu: &mu}, &slog.HandlerOptions{Level: slog.LevelDebug})
	for _, mode := range transports {
		c := clientFor(t, srv, mode, broadworks.WithLogger(slog.New(h)))
		if err := c.AddCallCenter(context.Background(), premium("log-"+strings.ToLower(mode)+"@example.com")); err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	mu.Lock()
	defer mu.Unlock()
	out := logs.String()
	if !strings.Contains(out, "logged in") || !strings.Contains(out, addType) {
		t.Errorf("logs lack the expected records:\n%s", out)
	}
	if strings.Contains(out, broadworkstest.DefaultPassword) || strings.Contains(out, "word'789") {
		t.Errorf("logs show a password:\n%s", out)
	}
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func TestClientNeverPrintsPassword(t *testing.T) {
	c := mustClient(t, "as.example.com", "admin", "Client-Secret-1")
	defer c.Close()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%d", "%x", "%q"} {
		if s := fmt.Sprintf(verb, c); strings.Contains(s, "Client-Secret-1") || !strings.Contains(s, "as.example.com:2209") {
			t.Errorf("%s: %s", verb, s)
		}
	}
}

// TestHostNeverShowsThePassword: a host (or SOAP URL) that holds the
// password by a slip (user:password@host, the password pasted as the host
// or its port) is refused by NewClient without quoting the password, and
// no text of the client (its errors, %v) ever shows it; a host of several
// colons that is no IPv6 address is refused, not dialled as one.
func TestHostNeverShowsThePassword(t *testing.T) {
	const pw = "Lögin-Pässwörd-Q"
	for _, tc := range []struct {
		host  string
		opts  []broadworks.Option
		field string
	}{
		{"admin:" + pw + "@bw.example.com", nil, "host"},
		{"admin:" + pw + "@127.0.0.1:2209", nil, "host"},
		{"admin@127.0.0.1:2209", nil, "host"},
		{"bw.example.com:" + pw, nil, "host"},
		{pw, nil, "host"},
		{pw + ".example.com:2209", nil, "host"},
		{"bw.example.com", []broadworks.Option{broadworks.WithTransport(broadworks.SOAP)}, ""},
		{"admin:" + pw + "@bw.example.com", []broadworks.Option{broadworks.WithTransport(broadworks.SOAP)}, "host"},
		{"bw.example.com", []broadworks.Option{broadworks.WithSOAPURL("https://admin:" + pw + "@bw.example.com/ws")}, "WithSOAPURL"},
		{"bw.example.com", []broadworks.Option{broadworks.WithSOAPURL("https://bw.example.com/ws?password=" + url.QueryEscape(pw))}, "WithSOAPURL"},
		{"bw.example.com", []broadworks.Option{broadworks.WithSOAPURL("https://bw.example.com/" + pw)}, "WithSOAPURL"},
		{"a:b:c", nil, "host"},
		{"x:y@127.0.0.1:2209", nil, "host"},
		{"2001:db8::1", nil, ""},
		{"[2001:db8::1]:2208", nil, ""},
		{"127.0.0.1:2209", nil, ""},
	} {
		c, err := broadworks.NewClient(tc.host, "admin", pw, tc.opts...)
		if tc.field == "" {
			if err != nil {
				t.Errorf("NewClient(%q): %v", tc.host, err)
			} else {
				c.Close()
			}
			continue
		}
		var ve *broadworks.ValidationError
		if c != nil || !errors.As(err, &ve) || !ve.Has(tc.field) {
			t.Errorf("NewClient(%q): %v, want a problem with %s", tc.host, err, tc.field)
			if c != nil {
				_, err := c.ListGroupsPage(context.Background(), "SP", 1, 1)
				t.Errorf("its error: %v; its %%v: %v", err, c)
				c.Close()
			}
			continue
		}
		for _, f := range hostiletest.EncodedForms {
			if hostiletest.Shows(err.Error(), pw, f) {
				t.Errorf("NewClient(%q): the error shows the password (%s): %v", tc.host, f.Name, err)
			}
		}
	}
}

package broadworks_test

import (
	"context"
	"testing"

	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// transports are the ways a client can reach the fake.
var transports = []string{"TLS", "TCP", "SOAP-HTTP", "SOAP-HTTPS"}

// newServer starts a fake closed at the end of the test, after the clients
// (cleanups run last in, first out).
func newServer(t testing.TB, opts ...broadworkstest.Option) *broadworkstest.Server {
	srv := broadworkstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// clientFor returns a client of srv over the named transport, closed at the
// end of the test.
func clientFor(t testing.TB, srv *broadworkstest.Server, mode string, opts ...broadworks.Option) *broadworks.Client {
	t.Helper()
	c := newClient(t, srv, mode, broadworkstest.DefaultUser, broadworkstest.DefaultPassword, opts...)
	t.Cleanup(func() { c.Close() })
	return c
}

// newClient returns a client of srv over the named transport; it fails the
// test if NewClient refuses the arguments.
func newClient(t testing.TB, srv *broadworkstest.Server, mode, user, password string, opts ...broadworks.Option) *broadworks.Client {
	t.Helper()
	var base []broadworks.Option
	host := ""
	switch mode {
	case "TLS":
		host = srv.TLSAddr()
		base = []broadworks.Option{broadworks.WithTLSConfig(srv.ClientTLSConfig())}
	case "TCP":
		host = srv.TCPAddr()
		base = []broadworks.Option{broadworks.WithTransport(broadworks.TCP)}
	case "SOAP-HTTP":
		host = "unused"
		base = []broadworks.Option{broadworks.WithSOAPURL(srv.SOAPURL())}
	case "SOAP-HTTPS":
		host = "unused"
		base = []broadworks.Option{broadworks.WithSOAPURL(srv.SOAPTLSURL()), broadworks.WithTLSConfig(srv.ClientTLSConfig())}
	default:
		panic("unknown transport " + mode)
	}
	c, err := broadworks.NewClient(host, user, password, append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// basic returns a valid Basic call center.
func basic(id string) callcenter.CallCenter {
	return callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "SalesGroup",
		ServiceUserID:     id,
		Profile:           callcenter.Profile{Name: "Sales Call Center", CallingLineIDLastName: "Sales", CallingLineIDFirstName: "Center", Password: "password123"},
		Type:              callcenter.Basic,
		Policy:            callcenter.Circular,
	}
}

// premium returns a Premium call center with every option set.
func premium(id string) callcenter.CallCenter {
	return callcenter.CallCenter{
		ServiceProviderID: "MyServiceProvider",
		GroupID:           "PremiumGroup",
		ServiceUserID:     id,
		Profile: callcenter.Profile{
			Name: "Premium Call Center", CallingLineIDLastName: "Premium", CallingLineIDFirstName: "Center",
			Password: "pa<ss>&\"word'789", HiraganaLastName: "セールス", HiraganaFirstName: "センター",
			PhoneNumber: "+81355555555", Extension: "5000", Language: "Japanese", TimeZone: "Asia/Tokyo",
			Aliases: []string{"sales-cc@example.com", "sales-callcenter@example.com"}, PublicUserIdentity: "sales@example.com",
			CallingLineIDPhoneNumber: "+81355555556",
		},
		Type:                                callcenter.Premium,
		Policy:                              "Similtaneous",
		RoutingType:                         callcenter.SkillBased,
		EnableVideo:                         new(true),
		QueueLength:                         new(25),
		EnableReporting:                     new(true),
		AllowCallerToDialEscapeDigit:        new(true),
		EscapeDigit:                         "#",
		ResetCallStatisticsUponEntryInQueue: new(false),
		AllowAgentLogoff:                    new(false),
		AllowCallWaitingForAgents:           new(false),
		AllowCallsToAgentsInWrapUp:          new(true),
		OverrideAgentWrapUpTime:             new(true),
		WrapUpSeconds:                       new(30),
		ForceDeliveryOfCalls:                new(false),
		ForceDeliveryWaitTimeSeconds:        new(9),
		EnableAutomaticStateChangeForAgents: new(true),
		AgentStateAfterCall:                 callcenter.WrapUp,
		AgentUnavailableCode:                "3",
		ExternalPreferredAudioCodec:         callcenter.CodecG722,
		InternalPreferredAudioCodec:         callcenter.CodecOPUS,
		PlayRingingWhenOfferingCall:         new(false),
		NetworkClassOfService:               "Premium",
	}
}

// mustClient is NewClient that fails the test on an error; the client is
// closed at the end of the test.
func mustClient(t testing.TB, host, user, password string, opts ...broadworks.Option) *broadworks.Client {
	t.Helper()
	c, err := broadworks.NewClient(host, user, password, opts...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// listAll collects every summary of ListCallCenters.
func listAll(c *broadworks.Client, ctx context.Context, serviceProviderID, groupID string) ([]broadworks.CallCenterSummary, error) {
	var out []broadworks.CallCenterSummary
	for s, err := range c.ListCallCenters(ctx, serviceProviderID, groupID) {
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Package apio is a client for the call-center API of the Netaxis APIO REST
// gateway (reference 001): create, read, list, update and delete call-center
// instances of a group, and set them active or inactive.
//
// The shortest use:
//
//	c, err := apio.NewClient("https://apio.example.com", apio.WithLogin(user, password))
//	if err != nil {
//		return err
//	}
//	cc := callcenter.CallCenter{
//		ServiceProviderID: "ApioSpTest", // the APIO tenant
//		GroupID:           "ApioGrpTest",
//		ServiceUserID:     "sales-cc@sip.example.com",
//		Profile:           callcenter.Profile{Password: "s3cret-Pass"},
//	}
//	cc.ApplyDefaults()
//	_, err = c.CreateCallCenter(ctx, &apio.CreateCallCenterRequest{CallCenter: cc})
//
// Authentication: [WithLogin] logs in lazily on the first request
// (POST /api/v01/auth/login), renews the short-lived access token with the
// refresh token when APIO answers 401 (GET /api/v01/auth/access_token), and
// logs in again when the refresh token is refused. Many requests refused at
// once cause one renewal. [WithTwoFactor] answers APIO's optional two-factor
// step. [WithToken] uses a long-lived machine token instead.
//
// The requests reuse [callcenter.CallCenter] (tenant = ServiceProviderID)
// and send its fields under APIO's names (cliFirstName, cliLastName, ...);
// [CallCenterInstance.CallCenter] maps an answer back. *Client satisfies
// bulk.Target, so bulk.CreateFromCSV can create call centers through APIO.
// Secrets never appear in logs, errors, fmt output or the JSON of requests;
// only the request on the wire carries the password.
//
// Package apiotest holds an in-process fake APIO for tests.
package apio

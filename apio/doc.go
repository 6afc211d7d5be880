// Package apio is a client for the call-center API of the Netaxis APIO REST
// gateway (reference 001): create, read, list, update and delete call-center
// instances of a group, in departments, and set them active or inactive.
//
// The shortest use:
//
//	c, err := apio.NewClient("https://apio.example.com", apio.WithLogin(user, password))
//	if err != nil {
//		return err
//	}
//	defer c.Close() // logs out
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
// once cause one renewal. A refused login is remembered for
// [LoginRefusalHold]: meanwhile calls fail at once with an error matching
// [ErrLoginRefused] instead of trying the password again. [WithTwoFactor]
// answers APIO's optional two-factor step. [WithToken] uses a long-lived
// machine token instead. [Client.Close] logs out
// (POST /api/v01/auth/logout).
//
// Listing: [Client.ListCallCenters] is an iterator (APIO answers with the
// whole list at once), each entry with its department and active status.
//
// The requests reuse [callcenter.CallCenter] (tenant = ServiceProviderID)
// and send its fields under APIO's names (cliFirstName, cliLastName, ...);
// the model's department becomes APIO's department key of the call
// center's group (or, at enterprise level, of its tenant);
// [CallCenterInstance.CallCenter] maps an answer back.
//
// Safety: each HTTP attempt is bounded ([DefaultTimeout], [WithTimeout]); no
// redirect to another scheme, host or port is followed, nor any redirect of
// a request with a body ([ErrRedirectRefused]); a create is never sent twice
// by the client, and one that may or may not have taken effect (a lost
// answer, a 5xx, a 2xx whose body cannot be read) matches
// [ErrOutcomeUnknown]. Errors are *[Error] (answers of APIO) or
// *[ValidationError] (bad input, a nil request among it, refused before
// sending); a call after [Client.Close] fails with [ErrClosed]. Secrets (the
// password, the tokens, the call center's password) never appear in logs,
// errors, fmt output or the JSON of requests: only the request on the wire
// carries them.
//
// Bulk: *Client is a bulk.Target ([Client.BulkOps]), so
// bulk.CreateFromCSV(ctx, client, f), bulk.ApplyFromCSV and bulk.ExportCSV
// run over APIO.
//
// Package apiotest holds an in-process fake APIO for tests.
package apio

// Package livevox is a client for the call-center methods of the LiveVox
// Configuration API: create, read, update, delete, list (paged), list info,
// related objects (services and agents) and "add service".
//
// The shortest use:
//
//	c, err := livevox.NewClient(livevox.Credentials{
//		AccessToken: token, ClientName: "ACME", UserName: "apiuser",
//		Password: callcenter.Secret(password),
//	}, livevox.WithRegion(livevox.NA4))
//	if err != nil { ... }
//	defer c.Close()
//	id, err := c.CreateCallCenter(ctx, &livevox.CreateCallCenterRequest{Name: "Doors"})
//	for cc, err := range c.ListCallCenters(ctx, nil) { ... }
//
// # API versions
//
// By default paths carry no version (/session/login,
// /configuration/callCenters), as reference 002 shows. LiveVox deployments
// whose public API is versioned take [WithAPIVersion]:
//
//	c, err := livevox.NewClient(creds, livevox.WithRegion(livevox.NA4),
//		livevox.WithAPIVersion("v6.0"))
//	// POST /session/v6.0/login, GET /configuration/v6.0/callCenters, ...
//
// The fake (package livevoxtest) accepts versioned and unversioned paths
// alike; see the WithAPIVersion example.
//
// # Sessions, limits and errors
//
// The client logs in lazily (POST /session/login with the LV-Access token),
// sends the session id as the LV-Session header on every other request
// (together with LV-Access), logs in again once when a request is refused
// with 401 (a LiveVox session ends after two hours without use or when the
// password changes), and logs out on Close. Concurrent callers share one
// login. A refused login is remembered for [LoginRefusalHold]: meanwhile
// every call fails at once with an error matching [ErrLoginRefused] and
// [ErrSystemic], so a wrong password never becomes one login per call.
//
// Every attempt is bounded by a timeout ([DefaultTimeout], [WithTimeout])
// and by a shared rate limit ([DefaultRateLimit], [WithRateLimit]).
// Redirects to another scheme, host or port, and redirects of a request
// with a body, are refused ([ErrRedirectRefused]): the access token, the
// session id and the password stay with their host. Bad input (a nil
// request among it) is refused before sending with a [*ValidationError]; a
// nil *[ListCallCentersRequest] is the defaults. An error answer is an [*Error];
// both match the module's sentinels with errors.Is. The access token, the
// password and the session id never appear in logs, errors or fmt output.
// After [Client.Close] every call fails with [ErrClosed].
//
// Package livevoxtest provides an in-process fake of the API for tests.
package livevox

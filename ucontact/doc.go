// Package ucontact is a client for the uContact (Integra) telephony API:
// agent calls and hang-ups, dispositions, external workflows, dialer
// respool, schedules, tasks, contacts and base uploads, the blacklist,
// call recordings and campaign status.
//
// The shortest working use:
//
//	c, err := ucontact.NewClient("https://acme.ucontactcloud.com",
//		ucontact.WithLogin("apiuser", os.Getenv("UCONTACT_PASSWORD")))
//	if err != nil {
//		return err
//	}
//	defer c.Close()
//	err = c.AddDialerTask(ctx, &ucontact.DialerTask{
//		Campaign: "Sales<-", Destination: "098344484", Automatic: true,
//	})
//
// Every action is a POST of an application/x-www-form-urlencoded form to
// BASE/Integra/resources/...; object parameters travel as JSON text in one
// form field. uContact answers with text: 1, OK or a call GUID on success,
// 0 on failure (returned as a [*ResultError] matching [ErrFailed]); reads
// answer JSON. [Client.ListRecordings] pages through recordings lazily
// ([Client.ListRecordingsPage] fetches one page).
//
// Authentication is either a user login ([WithLogin]: auth/getUserToken,
// then "Authorization: Basic <key>", renewed once on a 401, ended by
// [Client.Close]) or a portal API token ([WithAPIToken]: "Authorization:
// Bearer <token>"). A refused login is tried once: for five minutes every
// call then fails at once with an error matching [ErrLoginRefused] and
// [ErrSystemic] instead of trying the same password again (a real server
// may lock the account after a few failures).
//
// Errors: bad input (a nil request among it) is refused before sending with
// a [*ValidationError] naming the request and the field; a nil
// *[RecordingSearch] is the defaults. An HTTP error answer is an [*Error];
// a 2xx answer saying the action failed, or that cannot be understood, is a
// [*ResultError]. Conditions are matched with errors.Is: [ErrNotFound],
// [ErrAlreadyExists], [ErrUnauthorized], [ErrRateLimited],
// [ErrOutcomeUnknown], [ErrLoginRefused], [ErrCannotConnect], [ErrSystemic],
// [ErrRedirectRefused], [ErrFailed], [ErrUnexpectedResult], and [ErrClosed]
// for a call after [Client.Close].
//
// Actions that make something happen (a call, a hang-up, a dialer insert)
// are never sent twice: when the connection breaks after sending, a 5xx
// comes back, or a 2xx answer cannot be read or understood, the error
// matches [ErrOutcomeUnknown] and the caller decides. Reads (recording
// search, queue summary, campaign status) are retried on transient
// failures. Every attempt is bounded by [DefaultTimeout] (30 s, see
// [WithTimeout]) and the rate by [DefaultRateLimit]. No redirect is
// followed to another origin, nor for any POST. Passwords, session keys and
// tokens never appear in errors or logs (debug records through
// [WithLogger]).
//
// Package ucontacttest provides an in-process fake server for tests.
package ucontact

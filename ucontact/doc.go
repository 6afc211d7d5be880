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
//	defer c.Close(ctx)
//	err = c.AddDialerTask(ctx, &ucontact.DialerTask{
//		Campaign: "Sales<-", Destination: "098344484", Automatic: true,
//	})
//
// Every action is a POST of an application/x-www-form-urlencoded form to
// BASE/Integra/resources/...; object parameters travel as JSON text in one
// form field. uContact answers with text: 1, OK or a call GUID on success,
// 0 on failure (returned as a [*ResultError] matching [ErrFailed]); reads
// answer JSON.
//
// Authentication is either a user login ([WithLogin]: auth/getUserToken,
// then "Authorization: Basic <key>", renewed once on a 401, ended by
// [Client.Close]) or a portal API token ([WithAPIToken]: "Authorization:
// Bearer <token>").
//
// Actions that make something happen (a call, a hang-up, a dialer insert)
// are never sent twice: when the connection breaks after sending, the error
// matches [ErrOutcomeUnknown] and the caller decides. Reads (recording
// search, queue summary, campaign status) are retried on transient
// failures. Passwords, session keys and tokens never appear in errors or
// logs.
//
// Package ucontacttest provides an in-process fake server for tests.
package ucontact

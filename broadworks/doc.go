// Package broadworks is a client of Cisco BroadWorks OCI-P (the Open Client
// Interface for provisioning) for call centers: add, get, modify, delete and
// list call-center instances from the vendor-neutral [callcenter.CallCenter]
// model (departments included), set the active status of many at once
// ([Client.SetActive]), and send any OCI-P command with [Client.Do].
// [Client.ListCallCenters] pages lazily (R25
// GroupCallCenterGetInstancePagedSortedListRequest).
//
// It staffs call centers too: [Client.ListAgents] (with skill levels, on a
// call center that routes by skill) and [Client.ListSupervisors],
// [Client.AddAgents], [Client.RemoveAgents], [Client.AddSupervisors],
// [Client.RemoveSupervisors], and [Client.SetSkillLevels], which changes
// the levels it names and keeps every other: it never sends the plain
// agent list of GroupCallCenterModifyAgentListRequest, which R25 documents
// to reset every level of a skill-based call center to 1. bulk's agent
// sheets (bulk.ModifyAgentsFromCSV) go through the same messages.
//
// The package holds the connections, sessions, transports, options and
// errors; the messages themselves (their types, their encoding and
// decoding, their mapping to and from the model) are package [ocip]'s, one
// file each. Send one with [Client.Do]: [ocip.NewModifyFieldsRequest], for
// example, changes exactly the named fields, clearing with xsi:nil the
// unset ones the schema lets clear.
//
// The shortest use:
//
//	client, err := broadworks.NewClient("as.example.com", user, password)
//	if err != nil {
//		return err // bad arguments: *broadworks.ValidationError
//	}
//	defer client.Close()
//	err = client.AddCallCenter(ctx, callcenter.CallCenter{
//		ServiceProviderID: "MyServiceProvider",
//		GroupID:           "SalesGroup",
//		ServiceUserID:     "sales-center@company.com",
//		Profile:           callcenter.Profile{Password: "password123"},
//	})
//
// # Transports and login
//
// The client speaks OCI-P over TLS (port 2209) by default; plain TCP (port
// 2208) and SOAP (processOCIMessage over HTTPS) are options
// ([WithTransport], [WithSOAPURL]). It connects and logs in on the first
// command, never before, so building commands for a dry run never touches
// the network. Over TLS and HTTPS it logs in with LoginRequest22V5 and the
// password; over plain TCP or HTTP with the nonce exchange
// (AuthenticationRequest, then LoginRequest14sp4 with
// signedPassword = hex MD5(nonce ":" hex SHA-1(password))), so the password
// never crosses an unencrypted link. [Client.Close] sends LogoutRequest.
//
// A Client is safe for concurrent use. [WithSessions] gives it several
// sessions (each its own connection and login) so that commands run in
// parallel; [Client.Do] puts up to 15 commands in one document. Either
// multiplies the rate of a bulk load over a slow link.
//
// # Failures and retries
//
// A login the server refuses (wrong password) is tried once, not once per
// session, and remembered for 5 minutes: meanwhile every call fails at once
// with an error matching [ErrLoginRefused] and [ErrSystemic], without
// logging in again (which could lock the account). A server that cannot be
// reached (connection refused, DNS, a TLS handshake that fails or gets no
// answer within [DefaultHandshakeTimeout], as from the plain OCI-P port)
// gives an error matching [ErrCannotConnect] and [ErrSystemic]. So does a
// server that takes the connection and answers the login with not one byte
// within the timeout, when it has never answered this client (a port that
// swallows documents) or did not answer the login before either: the
// silence is remembered for one timeout, so the sessions waiting for their
// turn to log in fail at once. One slow login on a server that has
// answered before fails its call only. Each exchange is bounded by
// [WithTimeout] (30 s by default). Every answer must
// carry the session id of its session; the passwords of the login and of
// every command of the document are scrubbed from whatever the server
// sends back before it reaches an error, a log or a response text.
//
// When the server has dropped the session (connection closed, or an
// ErrorResponse "[Error 5404] Unauthorized transaction"), the client logs in
// again once and goes on. It never sends again a command that is not
// idempotent (an add, a delete) once the request may have reached the
// server: the error then matches [ErrOutcomeUnknown], and the caller should
// look the call center up before trying again. A refused command comes back
// as an [*Error] (summary, English summary, detail, error code), which
// matches [ErrNotFound] for "[Error 4008] User not found".
//
// # Wire format
//
// Requests are BroadsoftDocument envelopes ([ocip.AppendDocument]) of
// command elements written in the element order of the OCI-P schema (R25),
// every value escaped ([ocip.AppendCommand]). They are declared ISO-8859-1,
// like those of the common OCI-P clients, and every character outside ASCII
// is sent as a numeric character reference, so that names in hiragana reach
// the server intact whichever encoding it reads. Answers may be declared
// UTF-8 or ISO-8859-1 (real servers use the latter; [ocip.DecodeDocument]
// reads them); their size is bounded ([WithMaxResponseSize]); an answer
// that cannot be decoded is an error, never a panic.
//
// Passwords travel in clear inside the (encrypted) documents, but the
// command types print, marshal to JSON and log with the password redacted.
//
// Package bulk drives a *Client through [Client.BulkOps]: creates, up to
// [MaxCommands] per document, exact modifies, deletes, lists and reads.
//
// Package broadworks/broadworkstest is an in-process OCI-P server for tests.
package broadworks

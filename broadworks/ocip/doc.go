// Package ocip holds the messages of Cisco BroadWorks OCI-P (the Open
// Client Interface for provisioning) that package broadworks sends for
// call centers and their staffing (agents, skill levels, supervisors), one
// file per request and response pair, in the style of
// pgx's pgproto3: each file has the message types, their encoder, their
// decoder and their mapping to and from the vendor-neutral
// [callcenter.CallCenter]. A client (package broadworks) carries them: it
// holds the connections, sessions and logins.
//
// Build a request from the model with [NewAddRequest], [NewModifyRequest]
// or [NewModifyFieldsRequest] (they validate), or fill a request type
// yourself; [AppendCommand] writes a command's element as it goes on the
// wire, and broadworks.Client.Do sends it:
//
//	req, err := ocip.NewAddRequest(cc) // defaults applied, validated
//	if err != nil {
//		return err // a *callcenter.ValidationError naming each field
//	}
//	resps, err := client.Do(ctx, req)
//
// A request type of your own (a struct with xml tags and an OCIType method)
// is a [Command] too: it is encoded with encoding/xml, the only use of
// encoding/xml in the package. Every answer is read by the package's own
// decoder ([DecodeDocument]), into the response types of the package, or
// a [*RawResponse] for a type it does not know.
//
// # Adding a message
//
// A new OCI-P message is one new file: its types (with xml tags, in schema
// order), an OCIType method, for a request an appendTo method writing its
// element (the writers are in encode.go) and an Idempotent method, for a
// response a decode method reading its children (decode.go) and an init
// function registering it. The tests check that every request appends
// itself, every response is registered, and both agree with encoding/xml
// on generated values.
package ocip

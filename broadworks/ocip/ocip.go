package ocip

// Command is one OCI-P request, the content of a <command xsi:type="...">
// element. The request types of this package are Commands and encode
// themselves without reflection (see [AppendCommand]); other requests can be
// sent by defining a struct with xml tags, its fields in the element order
// of the OCI-P schema, and an OCIType method: those are encoded with
// encoding/xml, after their string fields are checked for what XML 1.0
// cannot carry (refused, never replaced).
//
// A Command may also have a method Idempotent() bool. Commands without it are
// taken as not idempotent: a client never sends them twice (see
// broadworks.ErrOutcomeUnknown).
type Command interface {
	// OCIType returns the command's xsi:type, e.g. "GroupCallCenterDeleteInstanceRequest".
	OCIType() string
}

// Response is one OCI-P response: [*SuccessResponse], [*ErrorResponse], a
// typed data response of this package, or [*RawResponse] for a response
// type this package does not know. (broadworks.Client.Do gives an
// ErrorResponse as a *broadworks.Error, which is a Response too.)
type Response interface {
	// OCIType returns the response's xsi:type without namespace prefix, e.g. "SuccessResponse".
	OCIType() string
}

// RawResponse is a response whose type this package does not decode. XML
// holds the content of its command element (UTF-8), as the server wrote it.
type RawResponse struct {
	Type string
	XML  []byte
}

// OCIType returns the response's type.
func (r *RawResponse) OCIType() string { return r.Type }

// secretHolder is a request that carries passwords on the wire.
type secretHolder interface{ secrets() []string }

// SecretsOf lists the passwords the commands carry on the wire (those of
// an add, a modify or a login), so that a transport can scrub them from an
// error answer that quotes the request back.
func SecretsOf(cmds ...Command) []string {
	var out []string
	for _, c := range cmds {
		if h, ok := c.(secretHolder); ok {
			for _, s := range h.secrets() {
				if s != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

package ocip

// AuthenticationRequest starts a login over an unencrypted link: the
// answer, an [*AuthenticationResponse], carries the nonce that
// [NewLoginRequest14sp4] signs the password with.
type AuthenticationRequest struct {
	UserID string `xml:"userId" json:"userId"`
}

// OCIType returns "AuthenticationRequest".
func (*AuthenticationRequest) OCIType() string { return "AuthenticationRequest" }

// Idempotent returns true.
func (*AuthenticationRequest) Idempotent() bool { return true }

func (c *AuthenticationRequest) appendTo(dst []byte) []byte {
	return appendUserIDCommand(dst, "AuthenticationRequest", "userId", c.UserID)
}

// AuthenticationResponse is the answer to an [AuthenticationRequest].
type AuthenticationResponse struct {
	UserID            string `xml:"userId" json:"userId"`
	Nonce             string `xml:"nonce" json:"nonce"`
	PasswordAlgorithm string `xml:"passwordAlgorithm" json:"passwordAlgorithm"`
}

// OCIType returns "AuthenticationResponse".
func (*AuthenticationResponse) OCIType() string { return "AuthenticationResponse" }

func init() {
	register(func() decodable { return new(AuthenticationResponse) })
}

func (r *AuthenticationResponse) decode(d *decoder, name []byte, empty bool) bool {
	return d.children(name, empty, func(n []byte) bool {
		switch string(localPart(n)) {
		case "userId":
			return d.stringField(n, &r.UserID)
		case "nonce":
			return d.stringField(n, &r.Nonce)
		case "passwordAlgorithm":
			return d.stringField(n, &r.PasswordAlgorithm)
		}
		return d.skip(n)
	})
}

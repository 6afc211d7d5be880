package broadworks

// LoginRequest22V5ForTest is the login command sent over TLS and HTTPS,
// which a test cannot capture on the wire (it is encrypted): the schema
// test encodes it directly.
func LoginRequest22V5ForTest(user, password string) Command {
	return &loginRequest22V5{UserID: user, Password: Password(password)}
}

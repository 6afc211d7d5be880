package ocip

import (
	"crypto/md5"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
)

// LoginRequest22V5 logs in with the password itself: only over an
// encrypted link (TLS, HTTPS). The answer is a [*LoginResponse22V5].
type LoginRequest22V5 struct {
	UserID   string   `xml:"userId" json:"userId"`
	Password Password `xml:"password" json:"password"`
}

// OCIType returns "LoginRequest22V5".
func (*LoginRequest22V5) OCIType() string { return "LoginRequest22V5" }

// Idempotent returns true.
func (*LoginRequest22V5) Idempotent() bool { return true }

func (c *LoginRequest22V5) appendTo(dst []byte) []byte {
	dst = slicesGrow(dst, 120+len(c.UserID)+len(c.Password))
	dst = appendCommandStart(dst, "LoginRequest22V5")
	dst = appendElem(dst, "userId", c.UserID)
	dst = appendElem(dst, "password", string(c.Password))
	return appendCommandEnd(dst)
}

func (c *LoginRequest22V5) secrets() []string { return []string{string(c.Password)} }

// Format prints the request with the password redacted, whatever the verb.
func (c LoginRequest22V5) Format(f fmt.State, verb rune) {
	type plain LoginRequest22V5
	c.Password = redacted(c.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(c))
}

// LoginRequest14sp4 logs in with the password signed with the nonce of an
// [AuthenticationResponse], so that the password itself never crosses an
// unencrypted link. Build it with [NewLoginRequest14sp4]. The answer is a
// [*LoginResponse14sp4].
type LoginRequest14sp4 struct {
	UserID         string   `xml:"userId" json:"userId"`
	SignedPassword Password `xml:"signedPassword" json:"signedPassword"`
}

// NewLoginRequest14sp4 returns the login of userID whose signedPassword is
// the lowercase hex MD5 of nonce + ":" + the lowercase hex SHA-1 of
// password.
func NewLoginRequest14sp4(userID, nonce, password string) *LoginRequest14sp4 {
	sh := sha1.Sum([]byte(password))
	m := md5.Sum([]byte(nonce + ":" + hex.EncodeToString(sh[:])))
	return &LoginRequest14sp4{UserID: userID, SignedPassword: Password(hex.EncodeToString(m[:]))}
}

// OCIType returns "LoginRequest14sp4".
func (*LoginRequest14sp4) OCIType() string { return "LoginRequest14sp4" }

// Idempotent returns true.
func (*LoginRequest14sp4) Idempotent() bool { return true }

func (c *LoginRequest14sp4) appendTo(dst []byte) []byte {
	dst = slicesGrow(dst, 120+len(c.UserID)+len(c.SignedPassword))
	dst = appendCommandStart(dst, "LoginRequest14sp4")
	dst = appendElem(dst, "userId", c.UserID)
	dst = appendElem(dst, "signedPassword", string(c.SignedPassword))
	return appendCommandEnd(dst)
}

func (c *LoginRequest14sp4) secrets() []string { return []string{string(c.SignedPassword)} }

// Format prints the request with the signed password redacted, whatever
// the verb.
func (c LoginRequest14sp4) Format(f fmt.State, verb rune) {
	type plain LoginRequest14sp4
	c.SignedPassword = redacted(c.SignedPassword)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(c))
}

// LoginResponse22V5 is the answer to a [LoginRequest22V5]: the session is
// logged in. It holds the elements the package reads of it.
type LoginResponse22V5 struct {
	LoginType  string `xml:"loginType" json:"loginType"`
	Locale     string `xml:"locale" json:"locale"`
	Encoding   string `xml:"encoding" json:"encoding"`
	UserDomain string `xml:"userDomain" json:"userDomain"`
}

// OCIType returns "LoginResponse22V5".
func (*LoginResponse22V5) OCIType() string { return "LoginResponse22V5" }

// LoginResponse14sp4 is the answer to a [LoginRequest14sp4]: the session
// is logged in. It holds what a [LoginResponse22V5] holds.
type LoginResponse14sp4 LoginResponse22V5

// OCIType returns "LoginResponse14sp4".
func (*LoginResponse14sp4) OCIType() string { return "LoginResponse14sp4" }

func init() {
	register(func() decodable { return new(LoginResponse14sp4) })
	register(func() decodable { return new(LoginResponse22V5) })
}

func (r *LoginResponse14sp4) decode(d *decoder, name []byte, empty bool) bool {
	return (*LoginResponse22V5)(r).decode(d, name, empty)
}

func (r *LoginResponse22V5) decode(d *decoder, name []byte, empty bool) bool {
	return d.children(name, empty, func(n []byte) bool {
		switch string(localPart(n)) {
		case "loginType":
			return d.stringField(n, &r.LoginType)
		case "locale":
			return d.stringField(n, &r.Locale)
		case "encoding":
			return d.stringField(n, &r.Encoding)
		case "userDomain":
			return d.stringField(n, &r.UserDomain)
		}
		return d.skip(n)
	})
}

package broadworks

import "fmt"

// The request types that carry a password print a copy of themselves in
// which the password is already replaced by [callcenter.Redacted]: fmt does
// not call a field's Format method while it reports a wrong verb
// ("%!d(...)"), so redacting in the Password type alone is not enough.

func redacted(p Password) Password { return Password(p.shown()) }

// Format prints the request with the password redacted, whatever the verb.
func (r GroupCallCenterAddInstanceRequest22) Format(f fmt.State, verb rune) {
	type plain GroupCallCenterAddInstanceRequest22
	r.ServiceInstanceProfile.Password = redacted(r.ServiceInstanceProfile.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(r))
}

// Format prints the profile with the password redacted, whatever the verb.
func (p ServiceInstanceAddProfileCallCenter) Format(f fmt.State, verb rune) {
	type plain ServiceInstanceAddProfileCallCenter
	p.Password = redacted(p.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(p))
}

// Format prints the request with the password redacted, whatever the verb.
func (r GroupCallCenterModifyInstanceRequest22) Format(f fmt.State, verb rune) {
	type plain GroupCallCenterModifyInstanceRequest22
	if r.ServiceInstanceProfile != nil {
		p := *r.ServiceInstanceProfile
		p.Password = redacted(p.Password)
		r.ServiceInstanceProfile = &p
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(r))
}

// Format prints the profile with the password redacted, whatever the verb.
func (p ServiceInstanceModifyProfile) Format(f fmt.State, verb rune) {
	type plain ServiceInstanceModifyProfile
	p.Password = redacted(p.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(p))
}

func (r loginRequest22V5) Format(f fmt.State, verb rune) {
	type plain loginRequest22V5
	r.Password = redacted(r.Password)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(r))
}

func (r loginRequest14sp4) Format(f fmt.State, verb rune) {
	type plain loginRequest14sp4
	r.SignedPassword = redacted(r.SignedPassword)
	fmt.Fprintf(f, fmt.FormatString(f, verb), plain(r))
}

// secretHolder is a command that carries passwords on the wire.
type secretHolder interface{ secrets() []string }

// secretsOf lists the passwords the commands carry, for the SOAP transport
// to scrub from an error answer that quotes the request.
func secretsOf(cmds ...Command) []string {
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

func (r *GroupCallCenterAddInstanceRequest22) secrets() []string {
	return []string{string(r.ServiceInstanceProfile.Password)}
}

func (r *GroupCallCenterModifyInstanceRequest22) secrets() []string {
	if r.ServiceInstanceProfile == nil {
		return nil
	}
	return []string{string(r.ServiceInstanceProfile.Password)}
}

func (r *loginRequest22V5) secrets() []string  { return []string{string(r.Password)} }
func (r *loginRequest14sp4) secrets() []string { return []string{string(r.SignedPassword)} }

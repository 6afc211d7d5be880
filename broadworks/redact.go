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

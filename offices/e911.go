package offices

import (
	"context"
	"net/http"
)

// E911Address is an emergency address. Every field but Address2 is
// required; all but Country are single-line.
type E911Address struct {
	Address  string  `json:"address"`
	Address2 string  `json:"address2,omitempty"`
	City     string  `json:"city"`
	State    string  `json:"state"`
	Zip      string  `json:"zip"`
	Country  Country `json:"country"`
}

func (a *E911Address) check(v *problems, at string) {
	v.singleLine(at+".address", a.Address, true)
	v.singleLine(at+".address2", a.Address2, false)
	v.singleLine(at+".city", a.City, true)
	v.singleLine(at+".state", a.State, true)
	v.singleLine(at+".zip", a.Zip, true)
	v.singleLine(at+".country", string(a.Country), true)
}

// UpdateE911Request is the body of PUT /api/v2/offices/{id}/e911
// (E911UpdateMessage). Every field but Address2, UpdateAll and
// UseValidatedOption is required; all but Country are single-line.
type UpdateE911Request struct {
	// Address is line 1 of the new E911 address.
	Address string `json:"address"`
	// Address2 is line 2 (optional; the server's default is "").
	Address2 string `json:"address2,omitempty"`
	City     string `json:"city"`
	// State is the state or province.
	State string `json:"state"`
	Zip   string `json:"zip"`
	// Country is the country of the address, e.g. "us".
	Country Country `json:"country"`
	// UpdateAll updates the E911 address of every user of the office too.
	UpdateAll *bool `json:"update_all,omitempty"`
	// UseValidatedOption uses the address as Dialpad's address validation
	// corrected it.
	UseValidatedOption *bool `json:"use_validated_option,omitempty"`
}

// Validate checks r (E911UpdateMessage) and returns nil or a
// *ValidationError listing every problem: address, city, state, zip and
// country are required, and all but country are single-line.
func (r *UpdateE911Request) Validate() error {
	return validate("update e911 request", r, func(v *problems) {
		a := E911Address{Address: r.Address, Address2: r.Address2, City: r.City, State: r.State, Zip: r.Zip, Country: r.Country}
		a.check(v, "")
	})
}

// GetE911Address returns the E911 address of an office (GET
// /api/v2/offices/{id}/e911, E911GetProto).
func (c *Client) GetE911Address(ctx context.Context, officeID ID) (*E911Address, error) {
	return get[E911Address](ctx, c, "get e911 request", officeID, "/e911", nil)
}

// UpdateE911Address validates req and sets the E911 address of an office
// (PUT /api/v2/offices/{id}/e911); it returns the address Dialpad stored.
// PUT is idempotent, so a lost answer is retried.
func (c *Client) UpdateE911Address(ctx context.Context, officeID ID, req *UpdateE911Request) (*E911Address, error) {
	return send[E911Address](ctx, c, http.MethodPut, "update e911 request", officeID, "/e911", req)
}

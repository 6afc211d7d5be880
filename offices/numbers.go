package offices

import (
	"context"
	"net/http"
	"strings"
)

// checkE164 reports s unless it is "+" and 2 to 15 digits, the first not 0.
func checkE164(v *problems, field, s string) {
	d, ok := strings.CutPrefix(s, "+")
	if !ok || len(d) < 2 || len(d) > 15 || d[0] == '0' || strings.Trim(d, "0123456789") != "" {
		v.add(field, "%q is not an E.164 number (want + and 2 to 15 digits, e.g. +14155551234)", s)
	}
}

// AssignNumberRequest is the body of POST
// /api/v2/offices/{id}/assign_number (AssignNumberMessage). With neither
// Number nor AreaCode, Dialpad takes a number from the company's reserved
// pool.
type AssignNumberRequest struct {
	// AreaCode is where to find an available number (digits only).
	AreaCode string `json:"area_code,omitempty"`
	// Number is the number to assign, E.164 ("+14155551234").
	Number string `json:"number,omitempty"`
	// Primary makes it the office's primary number (server default true).
	Primary *bool `json:"primary,omitempty"`
}

// Validate checks r (AssignNumberMessage): number, when given, is E.164
// ("+" and 2 to 15 digits, the first not 0); area_code, when given, is 2 to
// 5 digits. Both may be empty: Dialpad then takes a reserved number.
func (r *AssignNumberRequest) Validate() error {
	return validate("assign number request", r, func(v *problems) {
		if r.Number != "" {
			checkE164(v, "number", r.Number)
		}
		if a := r.AreaCode; a != "" && (len(a) < 2 || len(a) > 5 || strings.Trim(a, "0123456789") != "") {
			v.add("area_code", "%q is not an area code (want 2 to 5 digits)", a)
		}
	})
}

// UnassignNumberRequest is the body of POST
// /api/v2/offices/{id}/unassign_number (UnassignNumberMessage).
type UnassignNumberRequest struct {
	// Number is the number to unassign, E.164 (required).
	Number string `json:"number"`
}

// Validate checks r (UnassignNumberMessage): number is required and E.164.
func (r *UnassignNumberRequest) Validate() error {
	return validate("unassign number request", r, func(v *problems) {
		if r.Number == "" {
			v.add("number", "is required")
		} else {
			checkE164(v, "number", r.Number)
		}
	})
}

// Number is a phone number (NumberProto).
type Number struct {
	AreaCode  string `json:"area_code,omitempty"`
	CompanyID ID     `json:"company_id,omitempty"`
	// Deleted is true when the number has been ported out of Dialpad (or
	// released).
	Deleted bool `json:"deleted,omitempty"`
	// Number is the E.164 number.
	Number     string       `json:"number,omitempty"`
	OfficeID   ID           `json:"office_id,omitempty"`
	Status     NumberStatus `json:"status,omitempty"`
	TargetID   ID           `json:"target_id,omitempty"`
	TargetType GroupType    `json:"target_type,omitempty"`
	Type       NumberType   `json:"type,omitempty"`
}

// AssignNumber validates req and assigns a number to the office's
// mainline (POST /api/v2/offices/{id}/assign_number): the given number, or
// one of the company's reserved numbers, or one from the area code. A lost
// answer is not retried (the error matches ErrOutcomeUnknown).
func (c *Client) AssignNumber(ctx context.Context, officeID ID, req *AssignNumberRequest) (*Number, error) {
	return send[Number](ctx, c, http.MethodPost, "assign number request", officeID, "/assign_number", req)
}

// UnassignNumber validates req and takes a number off the office's
// mainline (POST /api/v2/offices/{id}/unassign_number); it goes back to
// the company's reserved pool, or is released. A lost answer is not
// retried (the error matches ErrOutcomeUnknown).
func (c *Client) UnassignNumber(ctx context.Context, officeID ID, req *UnassignNumberRequest) (*Number, error) {
	return send[Number](ctx, c, http.MethodPost, "unassign number request", officeID, "/unassign_number", req)
}

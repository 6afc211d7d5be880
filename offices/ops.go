package offices

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strings"

	"github.com/ccsdk/callcenter-go/internal/transport"
)

// Validate checks r (E911UpdateMessage) and returns nil or a
// *ValidationError listing every problem: address, city, state, zip and
// country are required, and all but country are single-line.
func (r *UpdateE911Request) Validate() error {
	v := problems{subject: "update e911 request"}
	if r == nil {
		v.add("request", "is nil")
		return v.err()
	}
	v.singleLine("address", r.Address, true)
	v.singleLine("address2", r.Address2, false)
	v.singleLine("city", r.City, true)
	v.singleLine("state", r.State, true)
	v.singleLine("zip", r.Zip, true)
	v.singleLine("country", string(r.Country), true)
	return v.err()
}

// Validate checks r (AddOperatorMessage): operator_id must be a positive
// id, operator_type "user" or "room", role empty, "operator" or "admin".
func (r *AddOperatorRequest) Validate() error {
	v := problems{subject: "add operator request"}
	if r == nil {
		v.add("request", "is nil")
		return v.err()
	}
	checkOperator(&v, r.OperatorID, r.OperatorType)
	enum(&v, "role", r.Role, false)
	return v.err()
}

// Validate checks r (RemoveOperatorMessage): operator_id must be a
// positive id and operator_type "user" or "room".
func (r *RemoveOperatorRequest) Validate() error {
	v := problems{subject: "remove operator request"}
	if r == nil {
		v.add("request", "is nil")
		return v.err()
	}
	checkOperator(&v, r.OperatorID, r.OperatorType)
	return v.err()
}

func checkOperator(v *problems, id ID, typ OperatorType) {
	if id <= 0 {
		v.add("operator_id", "must be a positive user or room id, not %d", id)
	}
	enum(v, "operator_type", typ, true)
}

// Validate checks r (AssignNumberMessage): number, when given, is E.164
// ("+" and 2 to 15 digits, the first not 0); area_code, when given, is 2 to
// 5 digits. Both may be empty: Dialpad then takes a reserved number.
func (r *AssignNumberRequest) Validate() error {
	v := problems{subject: "assign number request"}
	if r == nil {
		v.add("request", "is nil")
		return v.err()
	}
	if r.Number != "" {
		checkE164(&v, "number", r.Number)
	}
	if a := r.AreaCode; a != "" && (len(a) < 2 || len(a) > 5 || strings.Trim(a, "0123456789") != "") {
		v.add("area_code", "%q is not an area code (want 2 to 5 digits)", a)
	}
	return v.err()
}

// Validate checks r (UnassignNumberMessage): number is required and E.164.
func (r *UnassignNumberRequest) Validate() error {
	v := problems{subject: "unassign number request"}
	if r == nil {
		v.add("request", "is nil")
		return v.err()
	}
	if r.Number == "" {
		v.add("number", "is required")
	} else {
		checkE164(&v, "number", r.Number)
	}
	return v.err()
}

// checkE164 reports s unless it is "+" and 2 to 15 digits, the first not 0.
func checkE164(v *problems, field, s string) {
	d, ok := strings.CutPrefix(s, "+")
	if !ok || len(d) < 2 || len(d) > 15 || d[0] == '0' || strings.Trim(d, "0123456789") != "" {
		v.add(field, "%q is not an E.164 number (want + and 2 to 15 digits, e.g. +14155551234)", s)
	}
}

// get sends a GET of an office's sub-resource into out, after checking
// the office id (subject names the request for a ValidationError).
func (c *Client) get(ctx context.Context, subject string, id ID, suffix string, query any, out any) error {
	if err := checkID(subject, "id", id); err != nil {
		return err
	}
	_, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: officePath(id, suffix), Query: query}, out)
	return err
}

// send validates body, then sends it with method to an office's
// sub-resource and decodes the answer into out.
func (c *Client) send(ctx context.Context, method, subject string, id ID, suffix string, body interface{ Validate() error }, out any) error {
	idErr, bodyErr := checkID(subject, "id", id), body.Validate()
	switch {
	case idErr != nil && bodyErr != nil:
		// One *ValidationError with every problem: the id's, then the body's.
		var ve, be *ValidationError
		if errors.As(idErr, &ve) && errors.As(bodyErr, &be) {
			ve.Errors = append(ve.Errors, be.Errors...)
		}
		return ve
	case idErr != nil:
		return idErr
	case bodyErr != nil:
		return bodyErr
	}
	_, err := c.do(ctx, &transport.Request{Method: method, Path: officePath(id, suffix), JSON: body}, out)
	return err
}

// GetE911Address returns the E911 address of an office (GET
// /api/v2/offices/{id}/e911, E911GetProto).
func (c *Client) GetE911Address(ctx context.Context, officeID ID) (*E911Address, error) {
	var a E911Address
	if err := c.get(ctx, "get e911 request", officeID, "/e911", nil, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// UpdateE911Address validates req and sets the E911 address of an office
// (PUT /api/v2/offices/{id}/e911); it returns the address Dialpad stored.
// PUT is idempotent, so a lost answer is retried.
func (c *Client) UpdateE911Address(ctx context.Context, officeID ID, req *UpdateE911Request) (*E911Address, error) {
	var a E911Address
	if err := c.send(ctx, http.MethodPut, "update e911 request", officeID, "/e911", req, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// GetOperators returns the mainline operators of an office, users and
// rooms (GET /api/v2/offices/{id}/operators, OperatorCollection). The API
// does not page them.
func (c *Client) GetOperators(ctx context.Context, officeID ID) (*Operators, error) {
	var ops Operators
	if err := c.get(ctx, "list operators request", officeID, "/operators", nil, &ops); err != nil {
		return nil, err
	}
	return &ops, nil
}

// ListOperators yields the mainline operators of an office, the users
// first, then the rooms, from one GET /api/v2/offices/{id}/operators (the
// API does not page them). An error is yielded once and ends the sequence.
func (c *Client) ListOperators(ctx context.Context, officeID ID) iter.Seq2[*Operator, error] {
	return func(yield func(*Operator, error) bool) {
		ops, err := c.GetOperators(ctx, officeID)
		if err != nil {
			yield(nil, err)
			return
		}
		for _, u := range ops.Users {
			if u != nil && !yield(&Operator{Type: OperatorUser, User: u}, nil) {
				return
			}
		}
		for _, r := range ops.Rooms {
			if r != nil && !yield(&Operator{Type: OperatorRoom, Room: r}, nil) {
				return
			}
		}
	}
}

// AddOperator validates req and makes a user or a room an operator of the
// office's mainline (POST /api/v2/offices/{id}/operators). A lost answer
// is not retried (the error matches ErrOutcomeUnknown): list the
// operators to see whether it was added.
func (c *Client) AddOperator(ctx context.Context, officeID ID, req *AddOperatorRequest) (*UserOrRoom, error) {
	var u UserOrRoom
	if err := c.send(ctx, http.MethodPost, "add operator request", officeID, "/operators", req, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// RemoveOperator validates req and removes an operator from the office's
// mainline (DELETE /api/v2/offices/{id}/operators, with a JSON body).
func (c *Client) RemoveOperator(ctx context.Context, officeID ID, req *RemoveOperatorRequest) (*UserOrRoom, error) {
	var u UserOrRoom
	if err := c.send(ctx, http.MethodDelete, "remove operator request", officeID, "/operators", req, &u); err != nil {
		return nil, err
	}
	return &u, nil
}

// GetPlan returns the billing plan of an office (GET
// /api/v2/offices/{id}/plan, PlanProto).
func (c *Client) GetPlan(ctx context.Context, officeID ID) (*Plan, error) {
	var p Plan
	if err := c.get(ctx, "get plan request", officeID, "/plan", nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// GetAvailableLicenses returns the licenses an office can still use (GET
// /api/v2/offices/{id}/available_licenses).
func (c *Client) GetAvailableLicenses(ctx context.Context, officeID ID) (*AvailableLicenses, error) {
	var l AvailableLicenses
	if err := c.get(ctx, "get available licenses request", officeID, "/available_licenses", nil, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// GetOffDutyStatuses returns the off-duty statuses configured for an
// office (GET /api/v2/offices/{id}/offdutystatuses).
func (c *Client) GetOffDutyStatuses(ctx context.Context, officeID ID) (*OffDutyStatuses, error) {
	var s OffDutyStatuses
	if err := c.get(ctx, "list off-duty statuses request", officeID, "/offdutystatuses", nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// AssignNumber validates req and assigns a number to the office's
// mainline (POST /api/v2/offices/{id}/assign_number): the given number, or
// one of the company's reserved numbers, or one from the area code. A lost
// answer is not retried (the error matches ErrOutcomeUnknown).
func (c *Client) AssignNumber(ctx context.Context, officeID ID, req *AssignNumberRequest) (*Number, error) {
	var n Number
	if err := c.send(ctx, http.MethodPost, "assign number request", officeID, "/assign_number", req, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// UnassignNumber validates req and takes a number off the office's
// mainline (POST /api/v2/offices/{id}/unassign_number); it goes back to
// the company's reserved pool, or is released. A lost answer is not
// retried (the error matches ErrOutcomeUnknown).
func (c *Client) UnassignNumber(ctx context.Context, officeID ID, req *UnassignNumberRequest) (*Number, error) {
	var n Number
	if err := c.send(ctx, http.MethodPost, "unassign number request", officeID, "/unassign_number", req, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// cursorQuery is the query of a cursor-paged office collection.
type cursorQuery struct {
	Cursor string `url:"cursor,omitempty"`
}

// ListCallCentersPage returns one page of an office's call centers (GET
// /api/v2/offices/{id}/callcenters); cursor is the previous page's Cursor
// ("" for the first page).
func (c *Client) ListCallCentersPage(ctx context.Context, officeID ID, cursor string) (*CallCenterPage, error) {
	var p CallCenterPage
	if err := c.get(ctx, "list call centers request", officeID, "/callcenters", cursorQuery{cursor}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListCallCenters yields every call center of an office, fetching pages
// lazily. An error is yielded once and ends the sequence; so does a
// cursor the server hands back twice.
func (c *Client) ListCallCenters(ctx context.Context, officeID ID) iter.Seq2[*CallCenter, error] {
	return pages("ListCallCenters", "", func(cursor string) ([]*CallCenter, string, error) {
		p, err := c.ListCallCentersPage(ctx, officeID, cursor)
		if err != nil {
			return nil, "", err
		}
		return p.Items, p.Cursor, nil
	})
}

// ListDepartmentsPage returns one page of an office's departments (GET
// /api/v2/offices/{id}/departments).
func (c *Client) ListDepartmentsPage(ctx context.Context, officeID ID, cursor string) (*DepartmentPage, error) {
	var p DepartmentPage
	if err := c.get(ctx, "list departments request", officeID, "/departments", cursorQuery{cursor}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListDepartments yields every department of an office, fetching pages
// lazily.
func (c *Client) ListDepartments(ctx context.Context, officeID ID) iter.Seq2[*Department, error] {
	return pages("ListDepartments", "", func(cursor string) ([]*Department, string, error) {
		p, err := c.ListDepartmentsPage(ctx, officeID, cursor)
		if err != nil {
			return nil, "", err
		}
		return p.Items, p.Cursor, nil
	})
}

// ListCoachingTeamsPage returns one page of an office's coaching teams
// (GET /api/v2/offices/{id}/teams).
func (c *Client) ListCoachingTeamsPage(ctx context.Context, officeID ID, cursor string) (*CoachingTeamPage, error) {
	var p CoachingTeamPage
	if err := c.get(ctx, "list coaching teams request", officeID, "/teams", cursorQuery{cursor}, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

// ListCoachingTeams yields every coaching team of an office, fetching
// pages lazily.
func (c *Client) ListCoachingTeams(ctx context.Context, officeID ID) iter.Seq2[*CoachingTeam, error] {
	return pages("ListCoachingTeams", "", func(cursor string) ([]*CoachingTeam, string, error) {
		p, err := c.ListCoachingTeamsPage(ctx, officeID, cursor)
		if err != nil {
			return nil, "", err
		}
		return p.Items, p.Cursor, nil
	})
}

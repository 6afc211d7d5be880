package offices

import (
	"context"
	"iter"
	"net/http"

	"github.com/ccsdk/callcenter-go/internal/rest"
)

func checkOperator(v *problems, id ID, typ OperatorType) {
	if id <= 0 {
		v.add("operator_id", "must be a positive user or room id, not %d", id)
	}
	enum(v, "operator_type", typ, true)
}

// AddOperatorRequest is the body of POST /api/v2/offices/{id}/operators
// (AddOperatorMessage): it makes a user or a room an operator of the
// office's mainline.
type AddOperatorRequest struct {
	// OperatorID is the id of the user or room (required).
	OperatorID ID `json:"operator_id"`
	// OperatorType is OperatorUser or OperatorRoom (required).
	OperatorType OperatorType `json:"operator_type"`
	// Role is RoleOperator (the server's default) or RoleAdmin.
	Role OperatorRole `json:"role,omitempty"`
}

// Validate checks r (AddOperatorMessage): operator_id must be a positive
// id, operator_type "user" or "room", role empty, "operator" or "admin".
func (r *AddOperatorRequest) Validate() error {
	return validate("add operator request", r, func(v *problems) {
		checkOperator(v, r.OperatorID, r.OperatorType)
		enum(v, "role", r.Role, false)
	})
}

// RemoveOperatorRequest is the body of DELETE
// /api/v2/offices/{id}/operators (RemoveOperatorMessage).
type RemoveOperatorRequest struct {
	// OperatorID is the id of the user or room (required).
	OperatorID ID `json:"operator_id"`
	// OperatorType is OperatorUser or OperatorRoom (required).
	OperatorType OperatorType `json:"operator_type"`
}

// Validate checks r (RemoveOperatorMessage): operator_id must be a
// positive id and operator_type "user" or "room".
func (r *RemoveOperatorRequest) Validate() error {
	return validate("remove operator request", r, func(v *problems) {
		checkOperator(v, r.OperatorID, r.OperatorType)
	})
}

// UserOrRoom is the operator an add or remove acted on (UserOrRoomProto).
type UserOrRoom struct {
	ID        ID     `json:"id,omitempty"`
	CompanyID ID     `json:"company_id,omitempty"`
	OfficeID  ID     `json:"office_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Country   string `json:"country,omitempty"`
	ImageURL  string `json:"image_url,omitempty"`
	// IsOnDuty is whether the entity is acting as an operator now.
	IsOnDuty     bool     `json:"is_on_duty,omitempty"`
	PhoneNumbers []string `json:"phone_numbers,omitempty"`
	State        State    `json:"state,omitempty"`
}

// Operators are the mainline operators of an office (OperatorCollection):
// users and rooms.
type Operators struct {
	Users []*User `json:"users,omitempty"`
	Rooms []*Room `json:"rooms,omitempty"`
}

// Operator is one mainline operator as [Client.ListOperators] yields it:
// exactly one of User and Room is set, as Type says.
type Operator struct {
	Type OperatorType
	User *User
	Room *Room
}

// GroupDetails is a user's membership of a group (GroupDetailsProto).
type GroupDetails struct {
	DoNotDisturb bool      `json:"do_not_disturb,omitempty"`
	GroupID      ID        `json:"group_id,omitempty"`
	GroupType    GroupType `json:"group_type,omitempty"`
	Role         GroupRole `json:"role,omitempty"`
}

// User is a Dialpad user (UserProto). Timestamps are kept as the server
// sends them (ISO 8601, UTC).
type User struct {
	ID                          ID              `json:"id,omitempty"`
	AdminOfficeIDs              []ID            `json:"admin_office_ids,omitempty"`
	CompanyID                   ID              `json:"company_id,omitempty"`
	Country                     string          `json:"country,omitempty"`
	DateActive                  string          `json:"date_active,omitempty"`
	DateAdded                   string          `json:"date_added,omitempty"`
	DateFirstLogin              string          `json:"date_first_login,omitempty"`
	DisplayName                 string          `json:"display_name,omitempty"`
	DoNotDisturb                bool            `json:"do_not_disturb,omitempty"`
	DutyStatusReason            string          `json:"duty_status_reason,omitempty"`
	DutyStatusStarted           string          `json:"duty_status_started,omitempty"`
	Emails                      []string        `json:"emails,omitempty"`
	Extension                   string          `json:"extension,omitempty"`
	FirstName                   string          `json:"first_name,omitempty"`
	ForwardingNumbers           []string        `json:"forwarding_numbers,omitempty"`
	GroupDetails                []*GroupDetails `json:"group_details,omitempty"`
	ImageURL                    string          `json:"image_url,omitempty"`
	InternationalDialingEnabled bool            `json:"international_dialing_enabled,omitempty"`
	IsAdmin                     bool            `json:"is_admin,omitempty"`
	IsAvailable                 bool            `json:"is_available,omitempty"`
	IsOnDuty                    bool            `json:"is_on_duty,omitempty"`
	IsOnline                    bool            `json:"is_online,omitempty"`
	IsSuperAdmin                bool            `json:"is_super_admin,omitempty"`
	JobTitle                    string          `json:"job_title,omitempty"`
	Language                    string          `json:"language,omitempty"`
	LastName                    string          `json:"last_name,omitempty"`
	License                     License         `json:"license,omitempty"`
	Location                    string          `json:"location,omitempty"`
	Muted                       bool            `json:"muted,omitempty"`
	OfficeID                    ID              `json:"office_id,omitempty"`
	OnDutyStarted               string          `json:"on_duty_started,omitempty"`
	OnDutyStatus                OnDutyStatus    `json:"on_duty_status,omitempty"`
	PhoneNumbers                []string        `json:"phone_numbers,omitempty"`
	State                       State           `json:"state,omitempty"`
	StatusMessage               string          `json:"status_message,omitempty"`
	Timezone                    string          `json:"timezone,omitempty"`
}

// Room is a Dialpad room (RoomProto).
type Room struct {
	ID        ID     `json:"id,omitempty"`
	CompanyID ID     `json:"company_id,omitempty"`
	Country   string `json:"country,omitempty"`
	ImageURL  string `json:"image_url,omitempty"`
	// IsFree is true when the room consumes no paid license.
	IsFree       bool     `json:"is_free,omitempty"`
	IsOnDuty     bool     `json:"is_on_duty,omitempty"`
	Name         string   `json:"name,omitempty"`
	OfficeID     ID       `json:"office_id,omitempty"`
	PhoneNumbers []string `json:"phone_numbers,omitempty"`
	State        State    `json:"state,omitempty"`
}

// GetOperators returns the mainline operators of an office, users and
// rooms (GET /api/v2/offices/{id}/operators, OperatorCollection). The API
// does not page them.
func (c *Client) GetOperators(ctx context.Context, officeID ID) (*Operators, error) {
	return get[Operators](ctx, c, "list operators request", officeID, "/operators", nil)
}

// ListOperators yields the mainline operators of an office, the users
// first, then the rooms, from one GET /api/v2/offices/{id}/operators (the
// API does not page them). An error is yielded once and ends the sequence;
// so does a list past the listing cap (100,000 operators).
func (c *Client) ListOperators(ctx context.Context, officeID ID) iter.Seq2[*Operator, error] {
	return rest.Lister[*Operator]{
		Name: "offices: ListOperators",
		Fetch: func(string) (rest.Page[*Operator], error) {
			ops, err := c.GetOperators(ctx, officeID)
			if err != nil {
				return rest.Page[*Operator]{}, err
			}
			var all []*Operator
			for _, u := range ops.Users {
				if u != nil {
					all = append(all, &Operator{Type: OperatorUser, User: u})
				}
			}
			for _, r := range ops.Rooms {
				if r != nil {
					all = append(all, &Operator{Type: OperatorRoom, Room: r})
				}
			}
			return rest.Page[*Operator]{Items: all}, nil
		},
	}.Seq("")
}

// AddOperator validates req and makes a user or a room an operator of the
// office's mainline (POST /api/v2/offices/{id}/operators). A lost answer
// is not retried (the error matches ErrOutcomeUnknown): list the
// operators to see whether it was added.
func (c *Client) AddOperator(ctx context.Context, officeID ID, req *AddOperatorRequest) (*UserOrRoom, error) {
	return send[UserOrRoom](ctx, c, http.MethodPost, "add operator request", officeID, "/operators", req)
}

// RemoveOperator validates req and removes an operator from the office's
// mainline (DELETE /api/v2/offices/{id}/operators, with a JSON body).
func (c *Client) RemoveOperator(ctx context.Context, officeID ID, req *RemoveOperatorRequest) (*UserOrRoom, error) {
	return send[UserOrRoom](ctx, c, http.MethodDelete, "remove operator request", officeID, "/operators", req)
}

package offices

import (
	"context"
	"iter"
)

// DepartmentHoldQueue is a department's hold queue (HoldQueueDepartment).
type DepartmentHoldQueue struct {
	AllowQueuing   *bool `json:"allow_queuing,omitempty"`
	MaxHoldCount   Int   `json:"max_hold_count,omitempty"`
	MaxHoldSeconds Int   `json:"max_hold_seconds,omitempty"`
}

// Department is a department of an office (DepartmentProto).
type Department struct {
	ID                 ID                   `json:"id,omitempty"`
	OfficeID           ID                   `json:"office_id,omitempty"`
	Name               string               `json:"name,omitempty"`
	Country            string               `json:"country,omitempty"`
	State              State                `json:"state,omitempty"`
	AutoCallRecording  bool                 `json:"auto_call_recording,omitempty"`
	AvailabilityStatus AvailabilityStatus   `json:"availability_status,omitempty"`
	FirstAction        FirstAction          `json:"first_action,omitempty"`
	GroupDescription   string               `json:"group_description,omitempty"`
	HoldQueue          *DepartmentHoldQueue `json:"hold_queue,omitempty"`
	HoursOn            bool                 `json:"hours_on,omitempty"`
	NoOperatorsAction  Action               `json:"no_operators_action,omitempty"`
	PhoneNumbers       []string             `json:"phone_numbers,omitempty"`
	RingSeconds        Int                  `json:"ring_seconds,omitempty"`
	RoutingOptions     *RoutingOptions      `json:"routing_options,omitempty"`
	Timezone           string               `json:"timezone,omitempty"`
	VoiceIntelligence  *VoiceIntelligence   `json:"voice_intelligence,omitempty"`
	MondayHours        Hours                `json:"monday_hours,omitzero"`
	TuesdayHours       Hours                `json:"tuesday_hours,omitzero"`
	WednesdayHours     Hours                `json:"wednesday_hours,omitzero"`
	ThursdayHours      Hours                `json:"thursday_hours,omitzero"`
	FridayHours        Hours                `json:"friday_hours,omitzero"`
	SaturdayHours      Hours                `json:"saturday_hours,omitzero"`
	SundayHours        Hours                `json:"sunday_hours,omitzero"`
}

// DepartmentPage is one page of an office's departments
// (DepartmentCollection).
type DepartmentPage struct {
	Items  []*Department `json:"items"`
	Cursor string        `json:"cursor,omitempty"`
}

func (p *DepartmentPage) page() ([]*Department, string) { return p.Items, p.Cursor }

// ListDepartmentsPage returns one page of an office's departments (GET
// /api/v2/offices/{id}/departments).
func (c *Client) ListDepartmentsPage(ctx context.Context, officeID ID, cursor string) (*DepartmentPage, error) {
	return get[DepartmentPage](ctx, c, "list departments request", officeID, "/departments", cursorQuery{cursor})
}

// ListDepartments yields every department of an office, fetching pages
// lazily. An error is yielded once and ends the sequence; so does a cursor
// the server hands back twice, and a list past the listing cap (10,000
// pages or 100,000 departments).
func (c *Client) ListDepartments(ctx context.Context, officeID ID) iter.Seq2[*Department, error] {
	return pages("ListDepartments", "", func(cursor string) (cursorPage[Department], error) {
		return c.ListDepartmentsPage(ctx, officeID, cursor)
	})
}

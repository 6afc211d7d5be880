package offices

import (
	"context"
	"iter"
)

// AutoCallRecording chooses the calls of a call center that are recorded
// (AutoCallRecording).
type AutoCallRecording struct {
	AllowPauseRecording   *bool `json:"allow_pause_recording,omitempty"`
	CallRecordingInbound  *bool `json:"call_recording_inbound,omitempty"`
	CallRecordingOutbound *bool `json:"call_recording_outbound,omitempty"`
}

// AdvancedSettings are a call center's advanced settings
// (AdvancedSettings).
type AdvancedSettings struct {
	AutoCallRecording *AutoCallRecording `json:"auto_call_recording,omitempty"`
	// MaxWrapUpSeconds is the post-call wrap-up time (default 0).
	MaxWrapUpSeconds Int `json:"max_wrap_up_seconds,omitempty"`
}

// Alerts say when a call center's supervisors are alerted (Alerts).
type Alerts struct {
	// CCServiceLevel is the service level, in percent, below which they
	// are alerted (default 95).
	CCServiceLevel Int `json:"cc_service_level,omitempty"`
	// CCServiceLevelSeconds is how soon inbound calls should be answered
	// (default 60).
	CCServiceLevelSeconds Int `json:"cc_service_level_seconds,omitempty"`
}

// CallCenterHoldQueue is a call center's hold queue
// (HoldQueueCallCenter).
type CallCenterHoldQueue struct {
	AllowQueueCallback          *bool  `json:"allow_queue_callback,omitempty"`
	AnnouncePosition            *bool  `json:"announce_position,omitempty"`
	AnnouncementIntervalSeconds Int    `json:"announcement_interval_seconds,omitempty"`
	MaxHoldCount                Int    `json:"max_hold_count,omitempty"`
	MaxHoldSeconds              Int    `json:"max_hold_seconds,omitempty"`
	QueueCallbackDTMF           string `json:"queue_callback_dtmf,omitempty"`
	QueueCallbackThreshold      Int    `json:"queue_callback_threshold,omitempty"`
	QueueEscapeDTMF             string `json:"queue_escape_dtmf,omitempty"`
	StayInQueueAfterClosing     *bool  `json:"stay_in_queue_after_closing,omitempty"`
	UnattendedQueue             *bool  `json:"unattended_queue,omitempty"`
}

// CallCenter is a call center of an office (CallCenterProto).
type CallCenter struct {
	ID                 ID                   `json:"id,omitempty"`
	OfficeID           ID                   `json:"office_id,omitempty"`
	Name               string               `json:"name,omitempty"`
	Country            string               `json:"country,omitempty"`
	State              State                `json:"state,omitempty"`
	AdvancedSettings   *AdvancedSettings    `json:"advanced_settings,omitempty"`
	Alerts             *Alerts              `json:"alerts,omitempty"`
	AvailabilityStatus AvailabilityStatus   `json:"availability_status,omitempty"`
	FirstAction        FirstAction          `json:"first_action,omitempty"`
	GroupDescription   string               `json:"group_description,omitempty"`
	HoldQueue          *CallCenterHoldQueue `json:"hold_queue,omitempty"`
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

// CallCenterPage is one page of an office's call centers
// (CallCenterCollection).
type CallCenterPage struct {
	Items []*CallCenter `json:"items"`
	// Cursor fetches the next page; empty on the last page.
	Cursor string `json:"cursor,omitempty"`
}

func (p *CallCenterPage) page() ([]*CallCenter, string) { return p.Items, p.Cursor }

// ListCallCentersPage returns one page of an office's call centers (GET
// /api/v2/offices/{id}/callcenters); cursor is the previous page's Cursor
// ("" for the first page).
func (c *Client) ListCallCentersPage(ctx context.Context, officeID ID, cursor string) (*CallCenterPage, error) {
	return get[CallCenterPage](ctx, c, "list call centers request", officeID, "/callcenters", cursorQuery{cursor})
}

// ListCallCenters yields every call center of an office, fetching pages
// lazily. An error is yielded once and ends the sequence; so does a
// cursor the server hands back twice, and a list past the listing cap
// (10,000 pages or 100,000 call centers).
func (c *Client) ListCallCenters(ctx context.Context, officeID ID) iter.Seq2[*CallCenter, error] {
	return pages("ListCallCenters", "", func(cursor string) (cursorPage[CallCenter], error) {
		return c.ListCallCentersPage(ctx, officeID, cursor)
	})
}

package offices

import (
	"context"
	"iter"
)

// CoachingTeam is a coaching team of an office (CoachingTeamProto).
type CoachingTeam struct {
	ID                    ID       `json:"id,omitempty"`
	OfficeID              ID       `json:"office_id,omitempty"`
	CompanyID             ID       `json:"company_id,omitempty"`
	Name                  string   `json:"name,omitempty"`
	Country               string   `json:"country,omitempty"`
	State                 State    `json:"state,omitempty"`
	AllowTraineeEavesdrop bool     `json:"allow_trainee_eavesdrop,omitempty"`
	PhoneNumbers          []string `json:"phone_numbers,omitempty"`
	RingSeconds           Int      `json:"ring_seconds,omitempty"`
	TeamDescription       string   `json:"team_description,omitempty"`
}

// CoachingTeamPage is one page of an office's coaching teams
// (CoachingTeamCollection).
type CoachingTeamPage struct {
	Items  []*CoachingTeam `json:"items"`
	Cursor string          `json:"cursor,omitempty"`
}

func (p *CoachingTeamPage) page() ([]*CoachingTeam, string) { return p.Items, p.Cursor }

// ListCoachingTeamsPage returns one page of an office's coaching teams
// (GET /api/v2/offices/{id}/teams).
func (c *Client) ListCoachingTeamsPage(ctx context.Context, officeID ID, cursor string) (*CoachingTeamPage, error) {
	return get[CoachingTeamPage](ctx, c, "list coaching teams request", officeID, "/teams", cursorQuery{cursor})
}

// ListCoachingTeams yields every coaching team of an office, fetching
// pages lazily. An error is yielded once and ends the sequence; so does a
// cursor the server hands back twice, and a list past the listing cap
// (10,000 pages or 100,000 teams).
func (c *Client) ListCoachingTeams(ctx context.Context, officeID ID) iter.Seq2[*CoachingTeam, error] {
	return pages("ListCoachingTeams", "", func(cursor string) (cursorPage[CoachingTeam], error) {
		return c.ListCoachingTeamsPage(ctx, officeID, cursor)
	})
}

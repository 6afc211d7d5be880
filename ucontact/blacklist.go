package ucontact

import (
	"context"
	"fmt"
	"time"
)

// AllCampaigns as a blacklist campaign blocks the number in every campaign.
const AllCampaigns = "*"

// BlacklistEntry is the blacklist (do-not-call registry) object. Only Phone
// and Campaign are mandatory; the others are left out when empty.
type BlacklistEntry struct {
	Phone    string `json:"phone"`
	Campaign string `json:"campaign"` // a campaign, or AllCampaigns
	Username string `json:"username,omitempty"`
	Company  string `json:"company,omitempty"`
	JobTitle string `json:"job_title,omitempty"`
	Name     string `json:"name,omitempty"`
	// ExpireDate is the last day of the entry, "YYYY-MM-DD".
	ExpireDate string `json:"expire_date,omitempty"`
	// Direction is the call direction blocked: "I" (inbound), "O"
	// (outbound); the document's example writes "I/O".
	Direction string `json:"direction,omitempty"`
}

func (e *BlacklistEntry) check(action, at string) error {
	var date, direction error
	if e.ExpireDate != "" {
		if _, err := time.Parse(time.DateOnly, e.ExpireDate); err != nil {
			date = invalid(action, at+"expire_date", "must be a date written YYYY-MM-DD, not "+quote(e.ExpireDate))
		}
	}
	switch e.Direction {
	case "", "I", "O", "I/O":
	default:
		direction = invalid(action, at+"direction", "must be I, O or I/O, not "+quote(e.Direction))
	}
	return collect(action,
		checkPhone(action, at+"phone", e.Phone, true),
		required(action, at+"campaign", e.Campaign),
		date, direction,
	)
}

// The blacklist actions send their object in the form field "black", the
// name reference 003 gives for admin/addblack. The document describes the
// other three fields only as "blacklist object" / "array of blacklist";
// following its pattern they use the same name.
type blackForm[T any] struct {
	Black jsonField[T] `url:"black"`
}

// AddBlacklist adds a number to the blacklist of a campaign, or of every
// campaign with [AllCampaigns] (POST admin/addblack); uContact answers 1.
func (c *Client) AddBlacklist(ctx context.Context, e *BlacklistEntry) error {
	return c.blackOne(ctx, "admin/addblack", e)
}

// DeleteBlacklist removes a number from the blacklist (POST
// admin/deleteblack); uContact answers 1.
func (c *Client) DeleteBlacklist(ctx context.Context, e *BlacklistEntry) error {
	return c.blackOne(ctx, "admin/deleteblack", e)
}

// AddBlacklistBulk adds many numbers at once (POST admin/addblackbulk, one
// JSON array); uContact answers 1.
func (c *Client) AddBlacklistBulk(ctx context.Context, entries []BlacklistEntry) error {
	return c.blackMany(ctx, "admin/addblackbulk", entries)
}

// DeleteBlacklistBulk removes many numbers at once (POST
// admin/deleteblackbulk, one JSON array); uContact answers 1.
func (c *Client) DeleteBlacklistBulk(ctx context.Context, entries []BlacklistEntry) error {
	return c.blackMany(ctx, "admin/deleteblackbulk", entries)
}

func (c *Client) blackOne(ctx context.Context, action string, e *BlacklistEntry) error {
	if e == nil {
		return invalid(action, "black", "is nil")
	}
	if err := e.check(action, "black."); err != nil {
		return err
	}
	return c.post(ctx, action, blackForm[BlacklistEntry]{Black: asJSON(*e)}, false)
}

func (c *Client) blackMany(ctx context.Context, action string, entries []BlacklistEntry) error {
	if len(entries) == 0 {
		return invalid(action, "black", "must hold at least one entry")
	}
	checks := make([]error, len(entries))
	for i := range entries {
		checks[i] = entries[i].check(action, fmt.Sprintf("black[%d].", i))
	}
	if err := collect(action, checks...); err != nil {
		return err
	}
	return c.post(ctx, action, blackForm[[]BlacklistEntry]{Black: asJSON(entries)}, false)
}

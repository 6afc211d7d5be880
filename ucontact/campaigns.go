package ucontact

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
)

// QueueSummary is one campaign (queue) of Supervisor/queuesummary.
type QueueSummary struct {
	Queue            string `json:"queue"` // campaign name, e.g. "Power<-"
	LoggedIn         int    `json:"loggedIn"`
	Available        int    `json:"available"`
	Callers          int    `json:"callers"`
	HoldTime         int    `json:"holdTime"`
	TalkTime         int    `json:"talkTime"`
	LongestHoldTime  int    `json:"longestHoldTime"`
	InternalActionID string `json:"internalActionId"`
	DateReceived     string `json:"dateReceived"` // e.g. "Nov 2, 2018 11:31:42 AM"
}

// QueueSummary returns the summarized status of every campaign (POST
// Supervisor/queuesummary). uContact ends the list with an element that
// holds only internalActionId and dateReceived; it is left out.
func (c *Client) QueueSummary(ctx context.Context) ([]QueueSummary, error) {
	var all []QueueSummary
	if err := c.postJSON(ctx, "Supervisor/queuesummary", nil, &all); err != nil {
		return nil, err
	}
	out := all[:0]
	for _, q := range all {
		if q.Queue != "" {
			out = append(out, q)
		}
	}
	return out, nil
}

// CampaignStatus is the status of one campaign in Supervisor/campaignstatus.
// Types follow the document's example (some counters come as text).
type CampaignStatus struct {
	Campaign        string `json:"campaign"`
	Availables      int    `json:"availables"`
	NotAvailables   int    `json:"notavailables"`
	Paused          int    `json:"paused"`
	Busy            int    `json:"busy"`
	BusyPaused      int    `json:"busypaused"`
	TotalAgents     int    `json:"totalagents"`
	Logged          int    `json:"logged"`
	OnWrapUp        int    `json:"onwrapup"`
	Completed       int    `json:"completed"`
	Abandoned       int    `json:"abandoned"`
	Talked          string `json:"talked"` // e.g. "00:00:00-0"
	Hold            string `json:"hold"`   // e.g. "00:00:00-0"
	AbandonedLevel  string `json:"abandonedlevel"`
	TotalCalls      int    `json:"totalcalls"`
	ACD             int    `json:"acd"`
	ServiceLevel    string `json:"servicelevel"`  // e.g. "0.0"
	ServiceLevel2   string `json:"servicelevel2"` // e.g. "0.0"
	Strategy        string `json:"strategy"`      // e.g. "leastrecent"
	SLevelThreshold string `json:"slevelthreshold"`
	WrapUp          int    `json:"wrapup"`
}

// CampaignStatusResult is the answer of Supervisor/campaignstatus: an
// object keyed by name that mixes campaigns, agents and ACD calls.
type CampaignStatusResult struct {
	// Campaigns holds the entries that are campaigns (they carry a
	// "campaign" field), by name.
	Campaigns map[string]CampaignStatus
	// Other holds the other entries (agents, ACD calls) as received;
	// reference 003 does not show their layout.
	Other map[string]json.RawMessage
}

// CampaignNames returns the campaign names, sorted.
func (r *CampaignStatusResult) CampaignNames() []string {
	names := make([]string, 0, len(r.Campaigns))
	for n := range r.Campaigns {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

type campaignStatusForm struct {
	Queue string `url:"queue"`
}

// CampaignStatus returns the status of the campaigns, agents and ACD calls
// of the system (POST Supervisor/campaignstatus). queue narrows the answer
// to one campaign ("CampTest2<-"); "" sends an empty queue.
func (c *Client) CampaignStatus(ctx context.Context, queue string) (*CampaignStatusResult, error) {
	const action = "Supervisor/campaignstatus"
	var raw map[string]json.RawMessage
	if err := c.postJSON(ctx, action, campaignStatusForm{Queue: queue}, &raw); err != nil {
		return nil, err
	}
	res := &CampaignStatusResult{Campaigns: map[string]CampaignStatus{}, Other: map[string]json.RawMessage{}}
	for name, v := range raw {
		var probe struct {
			Campaign *string `json:"campaign"`
		}
		if json.Unmarshal(v, &probe) == nil && probe.Campaign != nil {
			var st CampaignStatus
			if err := json.Unmarshal(v, &st); err != nil {
				return nil, c.resultError(action, string(v), fmt.Errorf("%w: %v", ErrUnexpectedResult, err))
			}
			res.Campaigns[name] = st
			continue
		}
		res.Other[name] = v
	}
	return res, nil
}

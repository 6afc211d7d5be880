package platform

import (
	"context"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// Staffer is the optional methods of an Ops that read and change the
// staffing of call centers: their agents (with skill levels, on a call
// center that routes by skill) and supervisors. bulk.ModifyAgentsFromCSV
// and bulk.ExportAgentsCSV need them (export needs [Lister] too).
//
// A platform changes staffing only by differences: it adds and removes the
// users a change names and sets the skill levels it names. It never sends
// a whole agent list in a form that resets skill levels (OCI-P's
// GroupCallCenterModifyAgentListRequest with a plain agentUserIdList sets
// every agent of a skill-based call center to level 1).
type Staffer interface {
	// ReadStaffing reads the staffing of the call center serviceUserID,
	// complete: every agent (with its skill level where the call center
	// routes by skill, and SkillBased set) and every supervisor, under
	// the platform's spelling of their ids. found is false, with a nil
	// error, when no call center has that id.
	ReadStaffing(ctx context.Context, serviceUserID string) (st callcenter.Staffing, found bool, err error)
	// BuildStaffing returns the command that makes the change d (as
	// callcenter.DiffStaffing or StaffingDiff.Rebase computed it, d.After
	// included). It does no I/O; a change it cannot make (skill levels
	// for a call center that does not route by skill) is an error naming
	// the field.
	BuildStaffing(d callcenter.StaffingDiff) (cmd any, err error)
	// SendStaffing sends a command BuildStaffing returned, with
	// [Ops.SendCreate]'s rules for the answer and its errors. A change is
	// several requests on some platforms: after an error some of them may
	// have taken effect, so the caller reads the staffing again to know
	// where it is.
	SendStaffing(ctx context.Context, cmd any) (response string, err error)
}

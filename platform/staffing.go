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

// StaffingBatcher is the optional methods of a [Staffer] that is a
// [ReadBatcher] too, whose staffing reads and changes go in Exchange's
// requests with the other rows' commands: an agent sheet's plan, its
// apply and bulk.ExportAgentsCSV then read (and write) the staffing of
// many call centers in one request. A staffing read or change may be
// several of the platform's commands (OCI-P reads a call center's
// staffing with three); Commands says how many, so that bulk puts no more
// than MaxBatch in a request.
type StaffingBatcher interface {
	Staffer
	ReadBatcher
	// BuildReadStaffing returns the command that reads the staffing of
	// the call center serviceUserID, as [Staffer.ReadStaffing] does; its
	// answer in Exchange is a *callcenter.Staffing, or nil (with a nil
	// error) when no call center has that id. It does no I/O.
	BuildReadStaffing(serviceUserID string) (cmd any, err error)
	// Commands returns how many of a request's MaxBatch commands cmd (a
	// command the Ops built for Exchange) takes: a staffing read or
	// change may take several, every other command takes 1. Exchange
	// answers a command of several as one, with SendStaffing's rules for
	// a change (its first refusal; a change whose request was lost is not
	// sent again unless every part of it is safe to repeat).
	Commands(cmd any) int
}

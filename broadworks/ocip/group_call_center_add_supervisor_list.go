package ocip

// GroupCallCenterAddSupervisorListRequest adds supervisors (at least one)
// to a call center; the answer is a [*SuccessResponse].
type GroupCallCenterAddSupervisorListRequest struct {
	ServiceUserID     string   `xml:"serviceUserId" json:"serviceUserId"`
	SupervisorUserIDs []string `xml:"supervisorUserId" json:"supervisorUserId"`
}

// OCIType returns "GroupCallCenterAddSupervisorListRequest".
func (*GroupCallCenterAddSupervisorListRequest) OCIType() string {
	return "GroupCallCenterAddSupervisorListRequest"
}

// Idempotent returns false: sent again after it worked, the server would
// refuse supervisors it holds already, so it is never sent twice.
func (*GroupCallCenterAddSupervisorListRequest) Idempotent() bool { return false }

func (c *GroupCallCenterAddSupervisorListRequest) appendTo(dst []byte) []byte {
	return appendIDListCommand(dst, "GroupCallCenterAddSupervisorListRequest", c.ServiceUserID, "supervisorUserId", c.SupervisorUserIDs)
}

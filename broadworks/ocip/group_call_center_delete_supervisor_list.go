package ocip

// GroupCallCenterDeleteSupervisorListRequest removes supervisors (at least
// one) from a call center; the answer is a [*SuccessResponse].
type GroupCallCenterDeleteSupervisorListRequest struct {
	ServiceUserID     string   `xml:"serviceUserId" json:"serviceUserId"`
	SupervisorUserIDs []string `xml:"supervisorUserId" json:"supervisorUserId"`
}

// OCIType returns "GroupCallCenterDeleteSupervisorListRequest".
func (*GroupCallCenterDeleteSupervisorListRequest) OCIType() string {
	return "GroupCallCenterDeleteSupervisorListRequest"
}

// Idempotent returns false: sent again after it worked, the server would
// refuse supervisors it no longer holds, so it is never sent twice.
func (*GroupCallCenterDeleteSupervisorListRequest) Idempotent() bool { return false }

func (c *GroupCallCenterDeleteSupervisorListRequest) appendTo(dst []byte) []byte {
	return appendIDListCommand(dst, "GroupCallCenterDeleteSupervisorListRequest", c.ServiceUserID, "supervisorUserId", c.SupervisorUserIDs)
}

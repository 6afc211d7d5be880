package ocip

// GroupCallCenterDeleteInstanceRequest deletes a call center; the answer is
// a [*SuccessResponse].
type GroupCallCenterDeleteInstanceRequest struct {
	ServiceUserID string `xml:"serviceUserId" json:"serviceUserId"`
}

// OCIType returns "GroupCallCenterDeleteInstanceRequest".
func (*GroupCallCenterDeleteInstanceRequest) OCIType() string {
	return "GroupCallCenterDeleteInstanceRequest"
}

// Idempotent returns false: a repeated delete would answer "User not found"
// for a delete that worked, so it is never sent twice.
func (*GroupCallCenterDeleteInstanceRequest) Idempotent() bool { return false }

func (c *GroupCallCenterDeleteInstanceRequest) appendTo(dst []byte) []byte {
	return appendUserIDCommand(dst, "GroupCallCenterDeleteInstanceRequest", "serviceUserId", c.ServiceUserID)
}

package ocip

// LogoutRequest ends the session; the answer is a [*SuccessResponse].
type LogoutRequest struct {
	UserID string `xml:"userId" json:"userId"`
}

// OCIType returns "LogoutRequest".
func (*LogoutRequest) OCIType() string { return "LogoutRequest" }

// Idempotent returns true.
func (*LogoutRequest) Idempotent() bool { return true }

func (c *LogoutRequest) appendTo(dst []byte) []byte {
	return appendUserIDCommand(dst, "LogoutRequest", "userId", c.UserID)
}

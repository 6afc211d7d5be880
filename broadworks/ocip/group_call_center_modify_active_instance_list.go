package ocip

// GroupCallCenterModifyActiveInstanceListRequest sets the active status of
// call centers (any number, of any group the login may administer); the
// answer is a [*SuccessResponse].
type GroupCallCenterModifyActiveInstanceListRequest struct {
	ServiceActivations []ServiceActivation `xml:"serviceActivation,omitempty" json:"serviceActivation,omitempty"`
}

// ServiceActivation is the active status wanted for one call center.
type ServiceActivation struct {
	ServiceUserID string `xml:"serviceUserId" json:"serviceUserId"`
	IsActive      bool   `xml:"isActive" json:"isActive"`
}

// OCIType returns "GroupCallCenterModifyActiveInstanceListRequest".
func (*GroupCallCenterModifyActiveInstanceListRequest) OCIType() string {
	return "GroupCallCenterModifyActiveInstanceListRequest"
}

// Idempotent returns true: setting a status twice has the effect of
// setting it once.
func (*GroupCallCenterModifyActiveInstanceListRequest) Idempotent() bool { return true }

func (c *GroupCallCenterModifyActiveInstanceListRequest) appendTo(dst []byte) []byte {
	n := 100
	for _, a := range c.ServiceActivations {
		n += 90 + escapedLen(a.ServiceUserID)
	}
	dst = slicesGrow(dst, n)
	dst = appendCommandStart(dst, "GroupCallCenterModifyActiveInstanceListRequest")
	for _, a := range c.ServiceActivations {
		dst = append(dst, "<serviceActivation>"...)
		dst = appendElem(dst, "serviceUserId", a.ServiceUserID)
		dst = appendBoolElem(dst, "isActive", a.IsActive)
		dst = append(dst, "</serviceActivation>"...)
	}
	return appendCommandEnd(dst)
}

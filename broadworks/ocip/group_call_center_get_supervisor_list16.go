package ocip

// GroupCallCenterGetSupervisorListRequest16 lists the supervisors of a
// call center (R25; not paged). The answer is a
// [*GroupCallCenterGetSupervisorListResponse16].
type GroupCallCenterGetSupervisorListRequest16 struct {
	ServiceUserID string `xml:"serviceUserId" json:"serviceUserId"`
}

// OCIType returns "GroupCallCenterGetSupervisorListRequest16".
func (*GroupCallCenterGetSupervisorListRequest16) OCIType() string {
	return "GroupCallCenterGetSupervisorListRequest16"
}

// Idempotent returns true.
func (*GroupCallCenterGetSupervisorListRequest16) Idempotent() bool { return true }

func (c *GroupCallCenterGetSupervisorListRequest16) appendTo(dst []byte) []byte {
	return appendUserIDCommand(dst, "GroupCallCenterGetSupervisorListRequest16", "serviceUserId", c.ServiceUserID)
}

// GroupCallCenterGetSupervisorListResponse16 holds the supervisorTable,
// with the columns "User Id", "Last Name", "First Name", "Hiragana Last
// Name", "Hiragana First Name", "Phone Number", "Extension", "Department"
// and "Email Address". [GroupCallCenterGetSupervisorListResponse16.Supervisors]
// reads it by column heading.
type GroupCallCenterGetSupervisorListResponse16 struct {
	SupervisorTable Table `xml:"supervisorTable" json:"supervisorTable"`
}

// OCIType returns "GroupCallCenterGetSupervisorListResponse16".
func (*GroupCallCenterGetSupervisorListResponse16) OCIType() string {
	return "GroupCallCenterGetSupervisorListResponse16"
}

func init() {
	register(func() decodable { return new(GroupCallCenterGetSupervisorListResponse16) })
}

func (r *GroupCallCenterGetSupervisorListResponse16) decode(d *decoder, name []byte, empty bool) bool {
	return d.decodeTableIn(name, empty, "supervisorTable", &r.SupervisorTable)
}

// SupervisorSummary is one row of a call center's supervisor list.
type SupervisorSummary struct {
	UserID            string `json:"user_id"`
	LastName          string `json:"last_name,omitempty"`
	FirstName         string `json:"first_name,omitempty"`
	HiraganaLastName  string `json:"hiragana_last_name,omitempty"`
	HiraganaFirstName string `json:"hiragana_first_name,omitempty"`
	PhoneNumber       string `json:"phone_number,omitempty"`
	Extension         string `json:"extension,omitempty"`
	Department        string `json:"department,omitempty"`
	EmailAddress      string `json:"email_address,omitempty"`
}

// Supervisors reads the table by column heading. A table without a "User
// Id" column is an error; other missing columns read as empty.
func (r *GroupCallCenterGetSupervisorListResponse16) Supervisors() ([]SupervisorSummary, error) {
	return tableRows(&r.SupervisorTable, "supervisorTable", "User Id", func(t *Table, i int) SupervisorSummary {
		return SupervisorSummary{
			UserID:            t.Value(i, "User Id"),
			LastName:          t.Value(i, "Last Name"),
			FirstName:         t.Value(i, "First Name"),
			HiraganaLastName:  t.Value(i, "Hiragana Last Name"),
			HiraganaFirstName: t.Value(i, "Hiragana First Name"),
			PhoneNumber:       t.Value(i, "Phone Number"),
			Extension:         t.Value(i, "Extension"),
			Department:        t.Value(i, "Department"),
			EmailAddress:      t.Value(i, "Email Address"),
		}
	})
}

package ucontact

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// RespoolCall is the "callspool" object of Dialers/Respool: the dialer
// record of an answered call (from the CTI data) with the next number to
// try. Change the numbers, retries, priority, data or agent phone; keep
// Campaign, Status, Contact and DialerBase as the CTI gave them, or the
// dialer may misbehave.
type RespoolCall struct {
	Campaign    string `json:"campaign"`    // campaign name (required)
	Destination string `json:"destination"` // number to call (required)
	DialerBase  string `json:"dialerbase"`  // name of the dialer list
	// Status is 1 for an enabled record; 0 is sent as 1 (the document
	// says it is always 1).
	Status       int    `json:"status"`
	Data         Vars   `json:"data"`         // parameters for workflows and forms
	Alternatives Phones `json:"alternatives"` // alternative numbers
	Contact      int    `json:"contact"`      // contact id
	Retries      int    `json:"retries"`      // 0 when starting a new number
	// Priority orders the records; 1 is reserved for schedules, so use
	// more than 1.
	Priority   int    `json:"priority"`
	AgentPhone string `json:"agentphone"` // for progressive dialers
}

// dialChecks returns the checks of what every call handed to a dialer
// holds, in the JSON object obj ("callspool", "call", ...): the campaign
// and the destination (both required), the alternative numbers and the
// data.
func dialChecks(action, obj, campaign, destination string, alternatives Phones, data Vars) []error {
	return []error{
		required(action, obj+".campaign", campaign),
		checkPhone(action, obj+".destination", destination, true),
		alternatives.check(action, obj+".alternatives"),
		data.check(action, obj+".data"),
	}
}

type respoolForm struct {
	CallSpool jsonField[RespoolCall] `url:"callspool"`
}

// Respool puts a number back in a dialer's spool (POST Dialers/Respool);
// uContact answers 1. Never respool a destination that is already in the
// spool: respool an alternative number (in the CTI data the main number is
// already the first alternative).
func (c *Client) Respool(ctx context.Context, call *RespoolCall) error {
	const action = "Dialers/Respool"
	if call == nil {
		return invalid(action, "callspool", "is nil")
	}
	r := *call
	if r.Status == 0 {
		r.Status = 1
	}
	if err := collect(action, dialChecks(action, "callspool", r.Campaign, r.Destination, r.Alternatives, r.Data)...); err != nil {
		return err
	}
	switch {
	case r.Priority == 1:
		return invalid(action, "callspool.priority", "1 is reserved for scheduled calls: use more than 1")
	case r.Priority < 0, r.Retries < 0, r.Contact < 0:
		return invalid(action, "callspool", "priority, retries and contact must not be negative")
	}
	return c.post(ctx, action, respoolForm{CallSpool: asJSON(r)}, false)
}

// ScheduledCall is the "callschedule" object of Dialers/ScheduleDialerCall.
type ScheduledCall struct {
	// CallDate is when the call is made (required), written in
	// DateTimeLayout in its own location: use the server's time zone.
	CallDate     time.Time
	Campaign     string // dialer campaign (required)
	Destination  string // number to call (required)
	Alternatives Phones // alternative numbers
	AgentPhone   string // agent phone, for progressive dialers
	Data         Vars   // values for forms and workflows
}

// MarshalJSON writes the document's object, every key present.
func (s ScheduledCall) MarshalJSON() ([]byte, error) {
	return marshalNoEscape(struct {
		CallDate     string `json:"calldate"`
		Campaign     string `json:"campaign"`
		Destination  string `json:"destination"`
		Alternatives Phones `json:"alternatives"`
		AgentPhone   string `json:"agentphone"`
		Data         Vars   `json:"data"`
	}{formatTime(s.CallDate), s.Campaign, s.Destination, s.Alternatives, s.AgentPhone, s.Data})
}

type scheduleForm struct {
	CallSchedule jsonField[ScheduledCall] `url:"callschedule"`
}

// ScheduleCall schedules a dialer call (POST Dialers/ScheduleDialerCall);
// uContact answers 1 (OK) or 0 (an error matching [ErrFailed]). The dialer
// must be enabled and within its dates to place it; otherwise it is the
// first call out when the dialer starts again.
func (c *Client) ScheduleCall(ctx context.Context, call *ScheduledCall) error {
	const action = "Dialers/ScheduleDialerCall"
	if call == nil {
		return invalid(action, "callschedule", "is nil")
	}
	if call.CallDate.IsZero() {
		return invalid(action, "callschedule.calldate", "is required")
	}
	if err := collect(action, dialChecks(action, "callschedule", call.Campaign, call.Destination, call.Alternatives, call.Data)...); err != nil {
		return err
	}
	return c.post(ctx, action, scheduleForm{CallSchedule: asJSON(*call)}, false)
}

// RemoveScheduleRequest selects the scheduled calls of
// Dialers/RemoveScheduleDialerCall.
type RemoveScheduleRequest struct {
	Campaign    string    // dialer campaign (required)
	Destination string    // scheduled number (required)
	From, To    time.Time // the date-time range to delete (required)
}

type removeScheduleForm struct {
	Campaign    string `url:"campaign"`
	Destination string `url:"destination"`
	From        string `url:"from"`
	To          string `url:"to"`
}

// RemoveSchedule deletes the scheduled calls to a number in a date-time
// range (POST Dialers/RemoveScheduleDialerCall). From and To are written in
// DateTimeLayout. Reference 003 is cut off at the result: it shows 1, and,
// following the other dialer actions, 0 is reported as [ErrFailed].
func (c *Client) RemoveSchedule(ctx context.Context, req *RemoveScheduleRequest) error {
	const action = "Dialers/RemoveScheduleDialerCall"
	if req == nil {
		return invalid(action, "request", "is nil")
	}
	if err := collect(action,
		required(action, "campaign", req.Campaign),
		checkPhone(action, "destination", req.Destination, true),
	); err != nil {
		return err
	}
	switch {
	case req.From.IsZero():
		return invalid(action, "from", "is required")
	case req.To.IsZero():
		return invalid(action, "to", "is required")
	case req.To.Before(req.From):
		return invalid(action, "to", "is before from")
	}
	return c.post(ctx, action, removeScheduleForm{
		Campaign: req.Campaign, Destination: req.Destination,
		From: formatTime(req.From), To: formatTime(req.To),
	}, false)
}

// DialerTask is the "call" object of Dialers/DialerTask. The document's
// modes:
//
//   - insert with priority 1 (high priority, "now"): Bulk false, Automatic true;
//   - manual click-to-call, made at once: Bulk false, Automatic false;
//   - bulk record one by one (priority X): Bulk true, Automatic false;
//   - scheduled: CallDate set to a future time;
//   - progressive dialer owned by an agent: Agent set to the agent's
//     username or phone.
//
// A task with a date runs at that moment and comes before tasks without
// one, which run when the schedule is free.
type DialerTask struct {
	CallDate     time.Time // zero sends null
	Campaign     string    // required
	Destination  string    // required
	Alternatives Phones
	Agent        string // agent username or phone, for progressive dialers
	Data         Vars
	Source       string
	Bulk         bool
	Automatic    bool
}

// MarshalJSON writes the document's object. Every key is present, as
// uContact requires.
func (t DialerTask) MarshalJSON() ([]byte, error) {
	return marshalNoEscape(struct {
		CallDate     dateTime `json:"calldate"`
		Campaign     string   `json:"campaign"`
		Destination  string   `json:"destination"`
		Alternatives Phones   `json:"alternatives"`
		Agent        string   `json:"agent"`
		Data         Vars     `json:"data"`
		Source       string   `json:"source"`
		Bulk         bool     `json:"bulk"`
		Automatic    bool     `json:"automatic"`
	}{dateTime(t.CallDate), t.Campaign, t.Destination, t.Alternatives, t.Agent, t.Data, t.Source, t.Bulk, t.Automatic})
}

type dialerTaskForm struct {
	Call jsonField[DialerTask] `url:"call"`
}

// AddDialerTask inserts a call into a dialer (POST Dialers/DialerTask);
// uContact answers 1 (OK) or 0 (an error matching [ErrFailed]). The form is
// sent with the charset=UTF-8 content type of every other action (the
// document shows this one without it).
func (c *Client) AddDialerTask(ctx context.Context, task *DialerTask) error {
	const action = "Dialers/DialerTask"
	if task == nil {
		return invalid(action, "call", "is nil")
	}
	if err := collect(action, dialChecks(action, "call", task.Campaign, task.Destination, task.Alternatives, task.Data)...); err != nil {
		return err
	}
	return c.post(ctx, action, dialerTaskForm{Call: asJSON(*task)}, false)
}

// RemoveContactRequest is the form of Dialers/RemoveContact.
type RemoveContactRequest struct {
	Campaign string `url:"campaign"` // dialer campaign (required)
	Number   string `url:"number"`   // number to remove (required)
}

// RemoveContact deletes a number from a dialer (POST Dialers/RemoveContact);
// uContact answers 1. Reference 003 is cut off in its parameter list after
// "number": only campaign and number are sent.
func (c *Client) RemoveContact(ctx context.Context, req *RemoveContactRequest) error {
	const action = "Dialers/RemoveContact"
	if req == nil {
		return invalid(action, "request", "is nil")
	}
	if err := collect(action,
		required(action, "campaign", req.Campaign),
		checkPhone(action, "number", req.Number, true),
	); err != nil {
		return err
	}
	return c.post(ctx, action, req, false)
}

// BaseRow is one line of a dialer base file:
// campaign;number;vars;alternatives;priority;agentphone.
type BaseRow struct {
	// Campaign of the row; empty takes the upload's campaign.
	Campaign     string
	Number       string // main number (required)
	Vars         Vars   // parameters and values for workflows and forms
	Alternatives Phones // alternative numbers
	Priority     int    // optional; 0 leaves it empty
	AgentPhone   string // optional, for progressive dialers
}

// EncodeBase writes rows in uContact's base file format, one line each,
// "campaign;number;var1=val1:var2=val2;alt1:alt2;priority;agentphone",
// lines ending in "\n". The optional trailing columns are left out when
// empty (priority is kept empty when only the agent phone is given). Every
// row needs a campaign and a number; no field may contain ';' or a line
// break.
func EncodeBase(rows []BaseRow) ([]byte, error) { return encodeBase("Dialers/uploadbase", rows) }

func encodeBase(action string, rows []BaseRow) ([]byte, error) {
	var b bytes.Buffer
	var problems []error // of every row
	for i, r := range rows {
		at := fmt.Sprintf("rows[%d].", i)
		checks := []error{
			required(action, at+"campaign", r.Campaign),
			checkPhone(action, at+"number", r.Number, true),
			r.Vars.check(action, at+"vars"),
			r.Alternatives.check(action, at+"alternatives"),
		}
		if r.Priority < 0 {
			checks = append(checks, invalid(action, at+"priority", "must not be negative"))
		}
		cols := []string{r.Campaign, r.Number, r.Vars.String(), r.Alternatives.String(), "", r.AgentPhone}
		if r.Priority > 0 {
			cols[4] = strconv.Itoa(r.Priority)
		}
		names := []string{"campaign", "number", "vars", "alternatives", "priority", "agentphone"}
		for j, col := range cols {
			// The number and the alternatives are phone numbers, checked
			// above.
			if j != 1 && j != 3 && strings.ContainsAny(col, ";\r\n") {
				checks = append(checks, invalid(action, at+names[j], "must not contain ';' or a line break"))
			}
		}
		if err := collect(action, checks...); err != nil {
			problems = append(problems, err)
			continue
		}
		switch {
		case r.AgentPhone != "":
		case r.Priority > 0:
			cols = cols[:5]
		default:
			cols = cols[:4]
		}
		b.WriteString(strings.Join(cols, ";"))
		b.WriteByte('\n')
	}
	if err := collect(action, problems...); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// UploadBaseRequest is a dialer list to upload.
type UploadBaseRequest struct {
	Filename string // name of the file, e.g. "base-2024-05.txt" (required)
	Campaign string // campaign the base is for (required)
	// Username is the user uploading; empty uses the WithLogin user.
	Username string
	// TimeZone, when set, uploads with Dialers/uploadbasewithtimezone; the
	// zone names are uContact's list ("uContact Timezones").
	TimeZone string
	Rows     []BaseRow // at least one
}

type uploadBaseForm struct {
	Filename string `url:"filename"`
	FileB64  string `url:"fileb64"`
	Campaign string `url:"campaign"`
	Cant     int    `url:"cant"`
	Username string `url:"username"`
	TimeZone string `url:"timezone,omitempty"`
}

// UploadBase uploads a dialer base (POST Dialers/uploadbase, or
// Dialers/uploadbasewithtimezone when req.TimeZone is set). The file is
// built from req.Rows with [EncodeBase] and sent base64-encoded, with
// cant set to the number of rows. uContact answers 1 and loads the base
// asynchronously.
func (c *Client) UploadBase(ctx context.Context, req *UploadBaseRequest) error {
	action := "Dialers/uploadbase"
	if req != nil && req.TimeZone != "" {
		action = "Dialers/uploadbasewithtimezone"
	}
	if req == nil {
		return invalid(action, "request", "is nil")
	}
	if err := required(action, "filename", req.Filename); err != nil {
		return err
	}
	if strings.ContainsAny(req.Filename, `/\`) {
		return invalid(action, "filename", "must be a plain file name, without '/' or '\\'")
	}
	if err := required(action, "campaign", req.Campaign); err != nil {
		return err
	}
	user := req.Username
	if user == "" {
		user = c.user
	}
	if err := required(action, "username", user); err != nil {
		return err
	}
	if len(req.Rows) == 0 {
		return invalid(action, "rows", "must hold at least one row")
	}
	rows := make([]BaseRow, len(req.Rows))
	for i, r := range req.Rows {
		if r.Campaign == "" {
			r.Campaign = req.Campaign
		}
		rows[i] = r
	}
	file, err := encodeBase(action, rows)
	if err != nil {
		return err
	}
	return c.post(ctx, action, uploadBaseForm{
		Filename: req.Filename,
		FileB64:  base64.StdEncoding.EncodeToString(file),
		Campaign: req.Campaign,
		Cant:     len(rows),
		Username: user,
		TimeZone: req.TimeZone,
	}, false)
}

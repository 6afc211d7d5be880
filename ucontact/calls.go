package ucontact

import (
	"context"
	"encoding/json"
	"time"
)

// AgentCallRequest is the form of Agents/AgentCall.
type AgentCallRequest struct {
	// CallerID is the number the call goes out with.
	CallerID string `url:"callerid"`
	// Agent is the name of the agent making the call (required).
	Agent string `url:"agent"`
	// Phone is the agent's phone (required).
	Phone string `url:"phone"`
	// Tech is the agent's phone technology; empty means "SIP", the usual one.
	Tech string `url:"tech"`
	// Context is the agent's context configured in uContact.
	Context string `url:"context"`
	// OutQueue is the outbound campaign the call is counted in.
	OutQueue string `url:"outqueue"`
	// Destination is the number to call (required).
	Destination string `url:"destination"`
}

// AgentCall places a two-step call (POST Agents/AgentCall): uContact rings
// the agent's phone and, once it is answered (or auto-answered), calls the
// destination. It returns the GUID of the call. An answer of 0 is an error
// matching [ErrFailed]. The request is never sent twice: if the outcome is
// unknown ([ErrOutcomeUnknown]: the connection broke after sending, a 5xx,
// or a 2xx answer that is not a GUID) check before calling again.
func (c *Client) AgentCall(ctx context.Context, req *AgentCallRequest) (guid string, err error) {
	const action = "Agents/AgentCall"
	if req == nil {
		return "", invalid(action, "request", "is nil")
	}
	r := *req
	if r.Tech == "" {
		r.Tech = "SIP"
	}
	var callerID error
	if r.CallerID != "" {
		callerID = checkPhone(action, "callerid", r.CallerID, true)
	}
	if err := collect(action,
		required(action, "agent", r.Agent),
		required(action, "phone", r.Phone),
		checkPhone(action, "destination", r.Destination, true),
		callerID,
	); err != nil {
		return "", err
	}
	body, err := c.postRaw(ctx, action, r, false)
	if err != nil {
		return "", err
	}
	s := resultText(body)
	switch {
	case isFailure(s):
		return "", c.resultError(action, s, ErrFailed)
	case len(s) > maxGUID || checkGUID(action, s) != nil:
		// The call may have been placed: its GUID is what is missing.
		return "", c.unknownResult(action, s, ErrUnexpectedResult, true)
	}
	return s, nil
}

// maxGUID bounds the call GUID AgentCall accepts (uContact's are 36 to 40
// characters).
const maxGUID = 128

type phoneForm struct {
	Phone string `url:"phone"`
}

// HangUp hangs up the call on an agent's phone (POST Agents/HungupPhone).
// uContact answers 1 on success and 0 (an error matching [ErrFailed]) when
// there was nothing to hang up.
func (c *Client) HangUp(ctx context.Context, phone string) error {
	const action = "Agents/HungupPhone"
	if err := required(action, "phone", phone); err != nil {
		return err
	}
	return c.post(ctx, action, phoneForm{Phone: phone}, false)
}

// DispositionRequest is the form of api/DispositionCall. Dispositions (and
// the dialer action each one runs: RESPOOL, RESPOOLALTERNATIVE, BLACKLIST,
// SCHEDULE) are configured in uContact.
type DispositionRequest struct {
	Campaign string `url:"campaign"` // campaign name (required)
	Agent    string `url:"agent"`    // agent name
	CallerID string `url:"callerid"` // customer phone number
	GUID     string `url:"guid"`     // call id (required)
	L1       string `url:"l1"`       // level 1 disposition (required)
	L2       string `url:"l2"`       // level 2 disposition
	L3       string `url:"l3"`       // level 3 disposition
	D1       string `url:"d1"`       // extra data
	D2       string `url:"d2"`       // extra data
	Comment  string `url:"comment"`
	// Schedule is when a disposition whose action reschedules calls the
	// number again (sent in DateTimeLayout; zero sends an empty value).
	Schedule time.Time `url:"-"`
	// CampToReschedule is the dialer to reschedule the call in (optional).
	CampToReschedule string `url:"camptoreschedule,omitempty"`
	// Tag is the recording tag text; empty lets uContact use "l1|l2|l3".
	Tag string `url:"tag,omitempty"`
}

type dispositionForm struct {
	*DispositionRequest
	Schedule string `url:"schedule"`
}

// DispositionCall records the disposition of a call (POST
// api/DispositionCall); uContact answers 1. Reference 003 is cut off
// between "schedule" and "camptoreschedule": only the fields it shows are
// sent, following its pattern. camptoreschedule and tag are documented as
// optional and left out when empty.
func (c *Client) DispositionCall(ctx context.Context, req *DispositionRequest) error {
	const action = "api/DispositionCall"
	if req == nil {
		return invalid(action, "request", "is nil")
	}
	if err := collect(action,
		required(action, "campaign", req.Campaign),
		required(action, "guid", req.GUID),
		required(action, "l1", req.L1),
	); err != nil {
		return err
	}
	return c.post(ctx, action, dispositionForm{DispositionRequest: req, Schedule: formatTime(req.Schedule)}, false)
}

// WorkflowRequest is the form of admin/CallWorkflow.
type WorkflowRequest struct {
	// Context and Extension are the incoming context and extension of the
	// flow (both required).
	Context   string
	Extension string
	// Params is sent as the JSON object "jsonparams": a struct with json
	// tags or a map. It must encode to a JSON object; nil sends {}.
	Params any
}

type workflowForm struct {
	Context    string          `url:"context"`
	Extension  string          `url:"extension"`
	JSONParams jsonField[jraw] `url:"jsonparams"`
}

// jraw is pre-encoded JSON.
type jraw = json.RawMessage

// CallWorkflow calls an external workflow (POST admin/CallWorkflow): a web
// service that injects information into a voice dialplan. uContact answers
// OK.
func (c *Client) CallWorkflow(ctx context.Context, req *WorkflowRequest) error {
	const action = "admin/CallWorkflow"
	if req == nil {
		return invalid(action, "request", "is nil")
	}
	if err := collect(action,
		required(action, "context", req.Context),
		required(action, "extension", req.Extension),
	); err != nil {
		return err
	}
	params := jraw("{}")
	if req.Params != nil {
		b, err := marshalNoEscape(req.Params)
		if err != nil {
			return invalid(action, "jsonparams", "cannot be encoded as JSON: "+err.Error())
		}
		if len(b) == 0 || b[0] != '{' {
			return invalid(action, "jsonparams", "must encode to a JSON object, not "+string(b))
		}
		params = b
	}
	return c.post(ctx, action, workflowForm{Context: req.Context, Extension: req.Extension, JSONParams: asJSON(params)}, false)
}

// TagRecordRequest is the form of Agents/TagRecord.
type TagRecordRequest struct {
	Phone string `url:"phone"` // destination phone
	GUID  string `url:"guid"`  // recording (call) id (required)
	Data  string `url:"data"`  // text of the tag (required)
}

// TagRecord tags a recording (POST Agents/TagRecord). uContact handles it
// asynchronously and answers with an empty body; an answer of 0 is still
// reported as [ErrFailed].
func (c *Client) TagRecord(ctx context.Context, req *TagRecordRequest) error {
	const action = "Agents/TagRecord"
	if req == nil {
		return invalid(action, "request", "is nil")
	}
	if err := collect(action,
		required(action, "guid", req.GUID),
		required(action, "data", req.Data),
	); err != nil {
		return err
	}
	return c.post(ctx, action, req, true)
}

package bulk_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/bulk"
	"github.com/ccsdk/callcenter-go/callcenter"
)

// TestResultLines: a result names the row's line as a spreadsheet shows
// it: the header is line 1, a blank line is a line, and a cell holding a
// line break (one line in a spreadsheet, two in the file) does not shift
// the rows below it. Row errors say the same line.
func TestResultLines(t *testing.T) {
	in := "operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.name,policy\n" +
		"call.center.create,SP,G1,a@x,pw,\"Two\nlines\",Circular\n" + // line 2
		"\n" + // line 3: blank
		"call.center.create,SP,G1,b@x,pw,B,Bogus\n" + // line 4
		",,,,,,\n" + // line 5: blank cells
		"call.center.create,SP,G1,c@x,pw,\"Three\r\nlines\nhere\",Circular\n" + // line 6
		"call.center.create,SP,G1,d@x,pw,D,Nope\n" // line 7
	res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(in), bulk.DryRun())
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, r := range res {
		lines = append(lines, r.Line)
	}
	if !slices.Equal(lines, []int{2, 4, 6, 7}) {
		t.Errorf("lines %v, want [2 4 6 7]", lines)
	}
	for _, i := range []int{1, 3} {
		var re *bulk.RowError
		if !errors.As(res[i].Err, &re) || re.Line != res[i].Line {
			t.Errorf("row %d: %v, want a RowError on line %d", i, res[i].Err, res[i].Line)
		}
	}
}

// TestResultNotes: a result says which columns the defaults filled (on
// rows created or to be created, never on a call center that exists) and
// which number cells were normalized, and its JSON reads back the same.
func TestResultNotes(t *testing.T) {
	in := "serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.password,serviceInstanceProfile.name,type,policy,queueLength,serviceInstanceProfile.phoneNumber,serviceInstanceProfile.extension\n" +
		"SP,G1,a@x,pw,A,Basic,Circular,5,(212) 555-0110,50 00\n" +
		"SP,G1,b@x,pw,,,,,2125550111,\n" +
		"SP,G1,c@x,pw,C,Basic,Circular,,212-555-CALL,\n"
	res, err := bulk.CreateFromCSV(context.Background(), newMem(), strings.NewReader(in), bulk.DryRun())
	if err != nil {
		t.Fatal(err)
	}
	everyDefault := []string{
		"serviceInstanceProfile.callingLineIdLastName", "serviceInstanceProfile.callingLineIdFirstName",
		"enableVideo", "allowCallerToDialEscapeDigit", "escapeDigit", "resetCallStatisticsUponEntryInQueue",
		"allowAgentLogoff", "allowCallWaitingForAgents", "externalPreferredAudioCodec", "internalPreferredAudioCodec", "playRingingWhenOfferingCall",
	}
	b := slices.Concat([]string{"serviceInstanceProfile.name", "serviceInstanceProfile.callingLineIdLastName", "serviceInstanceProfile.callingLineIdFirstName", "type", "policy"},
		[]string{"enableVideo", "queueLength", "allowCallerToDialEscapeDigit", "escapeDigit", "resetCallStatisticsUponEntryInQueue",
			"allowAgentLogoff", "allowCallWaitingForAgents", "externalPreferredAudioCodec", "internalPreferredAudioCodec", "playRingingWhenOfferingCall"})
	for i, want := range []struct {
		status     bulk.Status
		defaulted  []string
		normalized []string
		phone, ext string
	}{
		{bulk.StatusValidated, everyDefault, []string{"serviceInstanceProfile.phoneNumber", "serviceInstanceProfile.extension"}, "2125550110", "5000"},
		{bulk.StatusValidated, b, nil, "2125550111", ""},
		{bulk.StatusInvalid, nil, nil, "212-555-CALL", ""},
	} {
		r := res[i]
		d := r.Data()
		if r.Status != want.status || !slices.Equal(r.Defaulted(), want.defaulted) || !slices.Equal(r.Normalized(), want.normalized) ||
			d.Profile.PhoneNumber != want.phone || d.Profile.Extension != want.ext {
			t.Errorf("row %d: %s (%v), defaulted %v, normalized %v, phone %q, extension %q\nwant %s, defaulted %v, normalized %v, phone %q, extension %q",
				i, r.Status, r.Err, r.Defaulted(), r.Normalized(), d.Profile.PhoneNumber, d.Profile.Extension, want.status, want.defaulted, want.normalized, want.phone, want.ext)
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var back bulk.Result
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if back.Line != r.Line || !slices.Equal(back.Defaulted(), r.Defaulted()) || !slices.Equal(back.Normalized(), r.Normalized()) {
			t.Errorf("row %d: JSON %s reads back as line %d, defaulted %v, normalized %v", i, b, back.Line, back.Defaulted(), back.Normalized())
		}
	}
	if !strings.Contains(res[2].Err.Error(), `"212-555-CALL" is not a phone number`) {
		t.Errorf("row 2: %v, want the value and the rule", res[2].Err)
	}

	// An apply gives no defaults to a call center that exists, and
	// normalizes its numbers before comparing them.
	m := newMemApply()
	stored := callcenter.CallCenter{ServiceProviderID: "SP", GroupID: "G1", ServiceUserID: "a@x", Profile: callcenter.Profile{Password: "pw", PhoneNumber: "2125550110"}}
	stored.ApplyDefaults()
	m.stored["a@x"] = stored
	got, err := bulk.ApplyFromCSV(context.Background(), m, strings.NewReader("serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.phoneNumber\nSP,G1,a@x,212 555 0110\n"))
	if err != nil || len(got) != 1 || got[0].Status != bulk.StatusUnchanged || got[0].Defaulted() != nil ||
		!slices.Equal(got[0].Normalized(), []string{"serviceInstanceProfile.phoneNumber"}) {
		t.Errorf("apply: %v, %+v", err, got)
	}
}

package callcenter_test

import (
	"encoding/csv"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// docData is the call_centers_data example of reference 000, in JSON.
const docData = `[
  {
    "operation": "call.center.create",
    "service_provider_id": "MyServiceProvider",
    "group_id": "SalesGroup",
    "service_user_id": "sales-center@company.com",
    "service_instance_profile": {
      "name": "Sales Call Center",
      "calling_line_id_last_name": "Sales",
      "calling_line_id_first_name": "Center",
      "password": "password123"
    },
    "type": "Basic",
    "policy": "Circular"
  },
  {
    "operation": "call.center.create",
    "service_provider_id": "MyServiceProvider",
    "group_id": "SupportGroup",
    "service_user_id": "support-center@company.com",
    "service_instance_profile": {
      "name": "Support Call Center",
      "calling_line_id_last_name": "Support",
      "calling_line_id_first_name": "Center",
      "password": "password456"
    },
    "type": "Standard",
    "policy": "Circular",
    "enable_reporting": true,
    "wrap_up_seconds": 30,
    "allow_calls_to_agents_in_wrap_up": true
  },
  {
    "operation": "call.center.create",
    "service_provider_id": "MyServiceProvider",
    "group_id": "PremiumGroup",
    "service_user_id": "premium-center@company.com",
    "service_instance_profile": {
      "name": "Premium Call Center",
      "calling_line_id_last_name": "Premium",
      "calling_line_id_first_name": "Center",
      "password": "password789"
    },
    "type": "Premium",
    "policy": "Circular",
    "routing_type": "Priority Based",
    "enable_reporting": true,
    "wrap_up_seconds": 30,
    "force_delivery_of_calls": false,
    "force_delivery_wait_time_seconds": 9
  }
]`

// docWant is what the three examples of reference 000 decode to.
var docWant = []callcenter.CallCenter{
	{
		ServiceProviderID: "MyServiceProvider", GroupID: "SalesGroup", ServiceUserID: "sales-center@company.com",
		Profile: callcenter.Profile{Name: "Sales Call Center", CallingLineIDLastName: "Sales", CallingLineIDFirstName: "Center", Password: "password123"},
		Type:    callcenter.Basic, Policy: callcenter.Circular,
	},
	{
		ServiceProviderID: "MyServiceProvider", GroupID: "SupportGroup", ServiceUserID: "support-center@company.com",
		Profile: callcenter.Profile{Name: "Support Call Center", CallingLineIDLastName: "Support", CallingLineIDFirstName: "Center", Password: "password456"},
		Type:    callcenter.Standard, Policy: callcenter.Circular,
		EnableReporting: new(true), WrapUpSeconds: new(30), AllowCallsToAgentsInWrapUp: new(true),
	},
	{
		ServiceProviderID: "MyServiceProvider", GroupID: "PremiumGroup", ServiceUserID: "premium-center@company.com",
		Profile: callcenter.Profile{Name: "Premium Call Center", CallingLineIDLastName: "Premium", CallingLineIDFirstName: "Center", Password: "password789"},
		Type:    callcenter.Premium, Policy: callcenter.Circular,
		RoutingType: callcenter.PriorityBased, EnableReporting: new(true), WrapUpSeconds: new(30),
		ForceDeliveryOfCalls: new(false), ForceDeliveryWaitTimeSeconds: new(9),
	},
}

func TestDocumentDataExamples(t *testing.T) {
	var got []callcenter.CallCenter
	if err := json.Unmarshal([]byte(docData), &got); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if !reflect.DeepEqual(got, docWant) {
		t.Fatalf("decoded\n%#v\nwant\n%#v", got, docWant)
	}
	for i, cc := range got {
		if want := string(docWant[i].Profile.Password); string(cc.Profile.Password) != want {
			t.Errorf("[%d] password %q, want %q", i, string(cc.Profile.Password), want)
		}
		cc.ApplyDefaults()
		// The Basic and Standard examples are valid; the Premium one sets
		// only options Premium accepts (routingType, enableReporting,
		// wrapUpSeconds, forceDelivery*), all in range, so it is valid too.
		if err := cc.Validate(); err != nil {
			t.Errorf("[%d] %s example: Validate() = %v", i, cc.Type, err)
		}
		// The same options on a Basic center are rejected field by field.
		cc.Type = callcenter.Basic
		wantBad := map[int][]string{
			1: {"allowCallsToAgentsInWrapUp", "enableReporting", "wrapUpSeconds"},
			2: {"enableReporting", "forceDeliveryOfCalls", "forceDeliveryWaitTimeSeconds", "routingType", "wrapUpSeconds"},
		}[i]
		if got := errorFields(t, cc.Validate()); strings.Join(got, ",") != strings.Join(wantBad, ",") {
			t.Errorf("[%d] as Basic: Validate reports %v, want %v", i, got, wantBad)
		}
	}
}

// The CSV examples of reference 000, read column by column through Set.
const docCSV = `operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.callingLineIdLastName,serviceInstanceProfile.callingLineIdFirstName,serviceInstanceProfile.password,type,policy
call.center.create,MyServiceProvider,SalesGroup,sales-center@company.com,Sales Call Center,Sales,Center,password123,Basic,Circular
---
operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.callingLineIdLastName,serviceInstanceProfile.callingLineIdFirstName,serviceInstanceProfile.password,type,policy,enableReporting,wrapUpSeconds,allowCallsToAgentsInWrapUp
call.center.create,MyServiceProvider,SupportGroup,support-center@company.com,Support Call Center,Support,Center,password456,Standard,Circular,true,30,true
---
operation,serviceProviderId,groupId,serviceUserId,serviceInstanceProfile.name,serviceInstanceProfile.callingLineIdLastName,serviceInstanceProfile.callingLineIdFirstName,serviceInstanceProfile.password,type,policy,routingType,forceDeliveryOfCalls,forceDeliveryWaitTimeSeconds
call.center.create,MyServiceProvider,PremiumGroup,premium-center@company.com,Premium Call Center,Premium,Center,password789,Premium,Circular,Priority Based,false,9`

func TestDocumentCSVExamples(t *testing.T) {
	want := []callcenter.CallCenter{docWant[0], docWant[1], docWant[2].Clone()}
	// The Premium CSV example has no enableReporting or wrapUpSeconds columns.
	want[2].EnableReporting, want[2].WrapUpSeconds = nil, nil
	for i, sheet := range strings.Split(docCSV, "\n---\n") {
		rows, err := csv.NewReader(strings.NewReader(sheet)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		var cc callcenter.CallCenter
		for j, col := range rows[0] {
			if col == "operation" {
				continue
			}
			if err := cc.Set(col, rows[1][j]); err != nil {
				t.Errorf("[%d] Set(%q, %q) = %v", i, col, rows[1][j], err)
			}
		}
		if !reflect.DeepEqual(cc, want[i]) {
			t.Errorf("[%d] got\n%#v\nwant\n%#v", i, cc, want[i])
		}
		cc.ApplyDefaults()
		if err := cc.Validate(); err != nil {
			t.Errorf("[%d] Validate() = %v", i, err)
		}
	}
}

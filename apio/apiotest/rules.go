package apiotest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// profileColumns maps APIO's serviceInstanceProfile names to the columns of
// the callcenter model (department and aliases are handled apart).
var profileColumns = map[string]string{
	"name":               "serviceInstanceProfile.name",
	"password":           "serviceInstanceProfile.password",
	"cliFirstName":       "serviceInstanceProfile.callingLineIdFirstName",
	"cliLastName":        "serviceInstanceProfile.callingLineIdLastName",
	"hiraganaFirstName":  "serviceInstanceProfile.hiraganaFirstName",
	"hiraganaLastName":   "serviceInstanceProfile.hiraganaLastName",
	"phoneNumber":        "serviceInstanceProfile.phoneNumber",
	"extension":          "serviceInstanceProfile.extension",
	"cliPhoneNumber":     "serviceInstanceProfile.callingLineIdPhoneNumber",
	"language":           "serviceInstanceProfile.language",
	"timeZone":           "serviceInstanceProfile.timeZone",
	"publicUserIdentity": "serviceInstanceProfile.publicUserIdentity",
}

// topLevel reports whether k is a top-level field of an APIO call-center
// body that is a model column: APIO names its options as the bulk sheet does.
func topLevel(k string) bool {
	switch k {
	case "serviceProviderId", "groupId": // in the path, not the body
		return false
	}
	return !strings.Contains(k, ".") && !strings.Contains(k, "[") && callcenter.IsField(k)
}

// scalar returns the text of a JSON string, number or boolean.
func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case json.Number:
		return x.String(), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// dropNulls removes null fields: APIO treats them as absent.
func dropNulls(data map[string]any) {
	for k, v := range data {
		if v == nil {
			delete(data, k)
		}
	}
	if p, ok := data["serviceInstanceProfile"].(map[string]any); ok {
		for k, v := range p {
			if v == nil {
				delete(p, k)
			}
		}
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// check validates a whole call-center body (a create, or a stored call
// center merged with an update) and returns the first problem, or "". It
// parses every field with the callcenter model, applies the model's
// defaults for what is missing (as an APIO template would), refuses options
// the type does not accept (callcenter.Type.Allows) and then runs
// callcenter.CallCenter.Validate. On success it writes the type and policy
// back in their canonical spelling (the defaults when they were missing), as
// APIO's answers always carry them.
func check(tenant, group string, data map[string]any) string {
	cc := callcenter.CallCenter{ServiceProviderID: tenant, GroupID: group}
	var options []string
	for _, k := range sortedKeys(data) {
		v := data[k]
		switch {
		case k == "templateName":
			if _, ok := v.(string); !ok {
				return "templateName must be a string"
			}
		case k == "serviceInstanceProfile":
			if msg := checkProfile(&cc, v); msg != "" {
				return msg
			}
		case topLevel(k):
			text, ok := scalar(v)
			if !ok {
				return k + " must be a string, a number or a boolean"
			}
			if err := cc.Set(k, text); err != nil {
				return err.Error()
			}
			if k != "serviceUserId" && k != "type" && k != "policy" {
				options = append(options, k)
			}
		default:
			return "unknown field " + k
		}
	}
	cc.ApplyDefaults()
	for _, k := range options {
		if !cc.Type.Allows(k) {
			return fmt.Sprintf("%s is not available for %s call centers", k, cc.Type)
		}
	}
	if err := cc.Validate(); err != nil {
		return err.Error()
	}
	data["type"], data["policy"] = string(cc.Type), string(cc.Policy)
	return ""
}

// checkProfile parses serviceInstanceProfile into cc.
func checkProfile(cc *callcenter.CallCenter, v any) string {
	prof, ok := v.(map[string]any)
	if !ok {
		return "serviceInstanceProfile must be an object"
	}
	for _, k := range sortedKeys(prof) {
		pv := prof[k]
		switch k {
		case "department":
			d, ok := pv.(map[string]any)
			if !ok || str(d["departmentName"]) == "" {
				return "serviceInstanceProfile.department.departmentName is required"
			}
			for k, v := range d {
				if _, isText := v.(string); !isText || (k != "tenantId" && k != "groupId" && k != "departmentName") {
					return "serviceInstanceProfile.department." + k + ": want tenantId, groupId and departmentName as strings"
				}
			}
			if str(d["tenantId"]) == "" {
				return "serviceInstanceProfile.department.tenantId is required"
			}
		case "aliases":
			list, ok := pv.([]any)
			if !ok {
				return "serviceInstanceProfile.aliases must be a list"
			}
			for i, a := range list {
				s, ok := a.(string)
				if !ok {
					return fmt.Sprintf("serviceInstanceProfile.aliases[%d] must be a string", i)
				}
				if err := cc.Set(fmt.Sprintf(callcenter.AliasField, i), s); err != nil {
					return err.Error()
				}
			}
		default:
			col, ok := profileColumns[k]
			if !ok {
				return "unknown field serviceInstanceProfile." + k
			}
			text, ok := scalar(pv)
			if !ok {
				return "serviceInstanceProfile." + k + " must be a string"
			}
			if err := cc.Set(col, text); err != nil {
				return err.Error()
			}
		}
	}
	return ""
}

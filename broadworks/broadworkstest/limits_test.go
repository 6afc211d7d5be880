package broadworkstest

import (
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/internal/r25"
)

// column is the model's column of the fake's limits key.
func column(key string) string {
	switch key {
	case "serviceProviderId", "groupId", "serviceUserId", "queueLength", "escapeDigit", "wrapUpSeconds",
		"forceDeliveryWaitTimeSeconds", "agentUnavailableCode", "networkClassOfService":
		return key
	}
	return "serviceInstanceProfile." + key
}

// TestLimitsMatchModel: the fake's own table of limits and the model's
// (package callcenter) agree, column by column, so the fake refuses
// exactly what validation refuses. It runs without the schema; the next
// test compares the table with the schema itself.
func TestLimitsMatchModel(t *testing.T) {
	cols := map[string]callcenter.Column{}
	for _, c := range callcenter.Columns() {
		cols[c.Field] = c
	}
	for key, l := range limits {
		if key == "alias" {
			if l != (limit{callcenter.AliasSchemaType, callcenter.AliasMinLength, callcenter.AliasMaxLength}) {
				t.Errorf("alias: the fake has %+v, the model %s %d to %d", l, callcenter.AliasSchemaType, callcenter.AliasMinLength, callcenter.AliasMaxLength)
			}
			continue
		}
		c, ok := cols[column(key)]
		if !ok {
			t.Errorf("%s: no column %s in the model", key, column(key))
			continue
		}
		if l != (limit{c.SchemaType, c.Min, c.Max}) {
			t.Errorf("%s: the fake has %+v, the model %s %d to %d", key, l, c.SchemaType, c.Min, c.Max)
		}
		delete(cols, column(key))
	}
	for field, c := range cols {
		if c.Max != 0 {
			t.Errorf("%s: the model limits it (%d to %d), the fake does not", field, c.Min, c.Max)
		}
	}
}

// TestLimitsMatchSchemaR25: every entry of the fake's table is the type
// R25 gives the element in the add request (a department key's name, for
// department.name) and has that type's limits. Skipped unless
// OCIP_SCHEMA_DIR names the schema.
func TestLimitsMatchSchemaR25(t *testing.T) {
	s, err := r25.Load(r25.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	for key, l := range limits {
		typ := s.Elements["GroupCallCenterAddInstanceRequest22"][key]
		switch key {
		case "department.name":
			typ = s.Elements["GroupDepartmentKey"]["name"]
		case "name", "callingLineIdLastName", "callingLineIdFirstName", "hiraganaLastName", "hiraganaFirstName", "phoneNumber",
			"extension", "password", "language", "timeZone", "alias", "publicUserIdentity", "callingLineIdPhoneNumber":
			typ = s.Elements["ServiceInstanceAddProfileCallCenter"][key]
		}
		if typ != l.typ {
			t.Errorf("%s: R25 sends it as %q, the fake says %q", key, typ, l.typ)
			continue
		}
		st := s.Simple[typ]
		if st == nil {
			t.Errorf("%s: no simple type %s", key, typ)
			continue
		}
		if lo, hi, ok := st.Bounds(); !ok || lo != l.min || hi != l.max {
			t.Errorf("%s: R25's %s allows %d to %d, the fake %d to %d", key, typ, lo, hi, l.min, l.max)
		}
	}
}

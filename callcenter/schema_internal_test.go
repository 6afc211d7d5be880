package callcenter

import (
	"slices"
	"strings"
	"testing"

	schema "github.com/ccsdk/callcenter-go/internal/r25"
)

// TestLimitsMatchSchemaR25 compares the model's table with the OCI-P R25
// schema (skipped unless OCIP_SCHEMA_DIR names it, like TestSchemaR25 in
// package broadworks): every column is the element its SchemaType says in
// the add request (and in the modify request, where it has one), and its
// limits are that type's: lengths, ranges, the values of an enumeration.
// The department name (60 here, 1 to 50 in R25) was the last mismatch.
func TestLimitsMatchSchemaR25(t *testing.T) {
	s, err := schema.Load(schema.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	const (
		add, addProfile       = "GroupCallCenterAddInstanceRequest22", "ServiceInstanceAddProfileCallCenter"
		modify, modifyProfile = "GroupCallCenterModifyInstanceRequest22", "ServiceInstanceModifyProfile"
	)
	for _, typ := range []string{add, addProfile, modify, modifyProfile, "GroupDepartmentKey", "EnterpriseDepartmentKey"} {
		if len(s.Elements[typ]) == 0 {
			t.Fatalf("the schema has no complex type %s", typ)
		}
	}
	// elementType is the R25 type of the element a column is sent as, in
	// the request types given.
	elementType := func(field string, top, profileType string) (string, bool) {
		name, inProfile := strings.CutPrefix(field, profile)
		switch {
		case name == "department.name":
			typ, ok := s.Elements["GroupDepartmentKey"]["name"]
			if ent := s.Elements["EnterpriseDepartmentKey"]["name"]; ent != typ {
				t.Errorf("department names: GroupDepartmentKey %s, EnterpriseDepartmentKey %s", typ, ent)
			}
			return typ, ok
		case inProfile:
			typ, ok := s.Elements[profileType][name]
			return typ, ok
		}
		typ, ok := s.Elements[top][name]
		return typ, ok
	}
	checked := 0
	for i := range fields {
		f := &fields[i]
		if f.SchemaType == "" {
			if f.Field != profile+"department.level" {
				t.Errorf("%s: no SchemaType", f.Field)
			}
			continue
		}
		typ, ok := elementType(f.Field, add, addProfile)
		if !ok || typ != f.SchemaType {
			t.Errorf("%s: R25 sends it as %q, the model says %q", f.Field, typ, f.SchemaType)
			continue
		}
		if mt, ok := elementType(f.Field, modify, modifyProfile); ok && mt != typ {
			t.Errorf("%s: the modify request sends it as %q, the add as %q", f.Field, mt, typ)
		}
		checked++
		if typ == "xs:boolean" {
			continue
		}
		st := s.Simple[typ]
		if st == nil {
			t.Errorf("%s: no simple type %s in the schema", f.Field, typ)
			continue
		}
		if f.str != nil && len(f.str.values) > 0 { // an enumeration
			if !slices.Equal(st.Enumerations, f.str.values) {
				t.Errorf("%s: R25's %s is %q, the model's values %q", f.Field, typ, st.Enumerations, f.str.values)
			}
			continue
		}
		lo, hi, ok := st.Bounds()
		if !ok || lo != f.Min || hi != f.Max {
			t.Errorf("%s: R25's %s allows %d to %d, the model %d to %d", f.Field, typ, lo, hi, f.Min, f.Max)
		}
	}
	if typ := s.Elements[addProfile]["alias"]; typ != AliasSchemaType {
		t.Errorf("alias: R25 sends it as %q, the model says %q", typ, AliasSchemaType)
	} else if lo, hi, _ := s.Simple[typ].Bounds(); lo != AliasMinLength || hi != AliasMaxLength {
		t.Errorf("alias: R25's %s allows %d to %d, the model %d to %d", typ, lo, hi, AliasMinLength, AliasMaxLength)
	}
	t.Logf("%d columns and the aliases checked against R25", checked)
}

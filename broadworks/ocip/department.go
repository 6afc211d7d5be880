package ocip

import "github.com/ccsdk/callcenter-go/callcenter"

// DepartmentKey names a group or enterprise department: the abstract
// DepartmentKey of the schema, sent as a GroupDepartmentKey or an
// EnterpriseDepartmentKey (XSIType; GroupID is empty for an enterprise
// department). Build it with [GroupDepartmentKey] or
// [EnterpriseDepartmentKey].
type DepartmentKey struct {
	// XSIType is "GroupDepartmentKey" or "EnterpriseDepartmentKey". Read
	// answers leave it empty; the GroupID tells then.
	XSIType           string `xml:"xsi:type,attr,omitempty" json:"type,omitempty"`
	ServiceProviderID string `xml:"serviceProviderId" json:"serviceProviderId"`
	GroupID           string `xml:"groupId,omitempty" json:"groupId,omitempty"`
	Name              string `xml:"name" json:"name"`
}

func (k DepartmentKey) xsiType() string { return k.XSIType }

// GroupDepartmentKey returns the key of the department name of group
// groupID of service provider serviceProviderID.
func GroupDepartmentKey(serviceProviderID, groupID, name string) *DepartmentKey {
	return &DepartmentKey{XSIType: "GroupDepartmentKey", ServiceProviderID: serviceProviderID, GroupID: groupID, Name: name}
}

// EnterpriseDepartmentKey returns the key of the department name of the
// enterprise (service provider) serviceProviderID.
func EnterpriseDepartmentKey(serviceProviderID, name string) *DepartmentKey {
	return &DepartmentKey{XSIType: "EnterpriseDepartmentKey", ServiceProviderID: serviceProviderID, Name: name}
}

// ClearDepartmentKey is the cleared department of a modify profile:
// xsi:nil, with the xsi:type the schema requires of the abstract
// DepartmentKey.
func ClearDepartmentKey() *Nillable[DepartmentKey] {
	return &Nillable[DepartmentKey]{Nil: true, Value: DepartmentKey{XSIType: "GroupDepartmentKey"}}
}

// departmentKey is the key of cc's department: a GroupDepartmentKey in
// cc's group, or an EnterpriseDepartmentKey of cc's service provider; nil
// when cc names none.
func departmentKey(cc *callcenter.CallCenter) *DepartmentKey {
	d := cc.Profile.Department
	if d.Name == "" {
		return nil
	}
	if d.Level == callcenter.EnterpriseDepartment {
		return EnterpriseDepartmentKey(cc.ServiceProviderID, d.Name)
	}
	return GroupDepartmentKey(cc.ServiceProviderID, cc.GroupID, d.Name)
}

// department is the model form of a department key read back.
func department(k *DepartmentKey) callcenter.Department {
	if k == nil || k.Name == "" {
		return callcenter.Department{}
	}
	if k.XSIType == "EnterpriseDepartmentKey" || k.XSIType == "" && k.GroupID == "" {
		return callcenter.Department{Name: k.Name, Level: callcenter.EnterpriseDepartment}
	}
	return callcenter.Department{Name: k.Name, Level: callcenter.GroupDepartment}
}

// appendDepartment writes a DepartmentKey element, its xsi:type (when set)
// as an attribute.
func appendDepartment(dst []byte, k *DepartmentKey) []byte {
	if k.XSIType == "" {
		dst = append(dst, "<department>"...)
	} else {
		dst = append(dst, `<department xsi:type="`...)
		dst = appendEscaped(dst, k.XSIType)
		dst = append(dst, `">`...)
	}
	dst = appendElem(dst, "serviceProviderId", k.ServiceProviderID)
	dst = appendOptElem(dst, "groupId", k.GroupID)
	dst = appendElem(dst, "name", k.Name)
	return append(dst, "</department>"...)
}

// appendClearedDepartment writes a cleared department: xsi:nil, keeping
// the xsi:type of the key when it names one.
func appendClearedDepartment(dst []byte, k *DepartmentKey) []byte {
	if k.XSIType == "" {
		return appendNil(dst, "department")
	}
	dst = append(dst, `<department xsi:type="`...)
	dst = appendEscaped(dst, k.XSIType)
	return append(dst, `" xsi:nil="true"></department>`...)
}

func departmentLen(k *DepartmentKey) int {
	if k == nil {
		return 0
	}
	return 120 + escapedLen(k.XSIType, k.ServiceProviderID, k.GroupID, k.Name)
}

// decodeDepartment reads a department element whose name was read into
// *k, allocating it on first use (the xsi:type attribute is not read, as
// encoding/xml does not read it into XSIType).
func (d *decoder) decodeDepartment(name []byte, k **DepartmentKey) bool {
	if *k == nil {
		*k = new(DepartmentKey)
	}
	key := *k
	return d.struct_(name, func(n []byte) bool {
		switch string(localPart(n)) {
		case "serviceProviderId":
			return d.stringField(n, &key.ServiceProviderID)
		case "groupId":
			return d.stringField(n, &key.GroupID)
		case "name":
			return d.stringField(n, &key.Name)
		}
		return d.skip(n)
	})
}

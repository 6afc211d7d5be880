package ocip

import (
	"encoding/json"
	"encoding/xml"
)

// Nillable is an optional element of a modify request that can also be
// cleared: a nil *Nillable leaves the element out (no change), Nil sends
// xsi:nil="true" (clear the value), anything else sends Value.
type Nillable[T any] struct {
	Value T
	Nil   bool
}

// Set returns a Nillable that sets v.
func Set[T any](v T) *Nillable[T] { return &Nillable[T]{Value: v} }

// Clear returns a Nillable that clears the element.
func Clear[T any]() *Nillable[T] { return &Nillable[T]{Nil: true} }

// MarshalXML writes the value, or an empty element with xsi:nil="true".
// A cleared value of an abstract schema type (a [DepartmentKey]) keeps its
// xsi:type (xsi:type="GroupDepartmentKey" xsi:nil="true"): the schema does
// not allow an element of an abstract type without one, nil or not.
func (n Nillable[T]) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if n.Nil {
		if t, ok := any(n.Value).(xsiTyped); ok && t.xsiType() != "" {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "xsi:type"}, Value: t.xsiType()})
		}
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "xsi:nil"}, Value: "true"})
		return e.EncodeElement("", start)
	}
	return e.EncodeElement(n.Value, start)
}

// cleared reports whether n clears its element, and the xsi:type the
// cleared element keeps ("" for none): all that is written of it then.
func (n Nillable[T]) cleared() (xsiType string, nilled bool) {
	if !n.Nil {
		return "", false
	}
	if t, ok := any(n.Value).(xsiTyped); ok {
		return t.xsiType(), true
	}
	return "", true
}

// MarshalJSON writes null when Nil, else the value.
func (n Nillable[T]) MarshalJSON() ([]byte, error) {
	if n.Nil {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// xsiTyped is a value of an abstract schema type, sent with its xsi:type.
type xsiTyped interface{ xsiType() string }

// Package r25 reads the OCI-P R25 schema (the folder ocip_schema of
// github.com/nigelm/broadworks_ocip, named by $OCIP_SCHEMA_DIR) for the
// tests that compare the SDK's limits with it: the facets of its simple
// types and the element types of its complex types. The schema is not part
// of the repository; tests skip without it.
package r25

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// SimpleType is a simple type of the schema: its base and facets (nil
// when absent).
type SimpleType struct {
	Name, Base                 string
	MinLength, MaxLength, Len  *int
	MinInclusive, MaxInclusive *int
	Enumerations               []string
}

// Bounds returns the limits of t: its length for a string type (Len, or
// MinLength and MaxLength), its range for an integer type.
func (t *SimpleType) Bounds() (lo, hi int, ok bool) {
	switch {
	case t.Len != nil:
		return *t.Len, *t.Len, true
	case t.MinLength != nil && t.MaxLength != nil:
		return *t.MinLength, *t.MaxLength, true
	case t.MinInclusive != nil && t.MaxInclusive != nil:
		return *t.MinInclusive, *t.MaxInclusive, true
	}
	return 0, 0, false
}

// Schema holds what the tests need of R25.
type Schema struct {
	Simple map[string]*SimpleType
	// Elements maps a complex type to the types of its elements, by
	// element name (every element of its content, nested choices and
	// sequences included).
	Elements map[string]map[string]string
}

// Dir returns $OCIP_SCHEMA_DIR, skipping the test when it is unset or does
// not hold the schema.
func Dir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("OCIP_SCHEMA_DIR")
	if dir == "" {
		t.Skip("OCIP_SCHEMA_DIR is not set")
	}
	dir, _ = filepath.Abs(dir)
	if _, err := os.Stat(filepath.Join(dir, "OCISchemaAS.xsd")); err != nil {
		t.Skipf("no schema: %v", err)
	}
	return dir
}

// Load reads every .xsd file of dir and its subfolders except the
// deprecated ones (which redefine some types with older limits).
func Load(dir string) (*Schema, error) {
	s := &Schema{Simple: map[string]*SimpleType{}, Elements: map[string]map[string]string{}}
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xsd") && !strings.Contains(filepath.Base(p), "Deprecated") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	for _, f := range files {
		if err := s.read(f); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
	}
	if len(s.Simple) == 0 {
		return nil, errors.New("no simple types in " + dir)
	}
	return s, nil
}

func local(name string) string {
	if strings.HasPrefix(name, "xs:") {
		return name
	}
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (s *Schema) read(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	d := xml.NewDecoder(f)
	var complexName string // the named complex type being read
	complexDepth, depth := 0, 0
	var simple *SimpleType
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "complexType":
				if n := attr(t, "name"); n != "" && complexName == "" {
					complexName, complexDepth = n, depth
					if s.Elements[n] == nil {
						s.Elements[n] = map[string]string{}
					}
				}
			case "element":
				if complexName != "" && attr(t, "name") != "" && attr(t, "type") != "" {
					s.Elements[complexName][attr(t, "name")] = local(attr(t, "type"))
				}
			case "simpleType":
				if n := attr(t, "name"); n != "" && s.Simple[n] == nil {
					simple = &SimpleType{Name: n}
					s.Simple[n] = simple
				}
			case "restriction":
				if simple != nil {
					simple.Base = local(attr(t, "base"))
				}
			case "minLength", "maxLength", "length", "minInclusive", "maxInclusive":
				if simple == nil {
					break
				}
				n, err := strconv.Atoi(attr(t, "value"))
				if err != nil {
					break // a decimal range: not one the SDK uses
				}
				switch t.Name.Local {
				case "minLength":
					simple.MinLength = &n
				case "maxLength":
					simple.MaxLength = &n
				case "length":
					simple.Len = &n
				case "minInclusive":
					simple.MinInclusive = &n
				case "maxInclusive":
					simple.MaxInclusive = &n
				}
			case "enumeration":
				if simple != nil {
					simple.Enumerations = append(simple.Enumerations, attr(t, "value"))
				}
			}
		case xml.EndElement:
			switch {
			case t.Name.Local == "complexType" && depth == complexDepth:
				complexName = ""
			case t.Name.Local == "simpleType":
				simple = nil
			}
			depth--
		}
	}
}

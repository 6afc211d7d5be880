package contract_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestOCIPMessagesInOcip: every OCI-P message lives in broadworks/ocip, one
// file each (DESIGN.md, "Layout"). A type of the module's packages with an
// OCIType method (what makes a Command or a Response) declared anywhere
// else, or an interface declaring OCIType, fails here; so does a message
// type outside broadworks/ocip's files. The one exception is
// *broadworks.Error: the client's error for a refused command, which Do
// places in the command's slot, so it is a Response too. (Tests and
// examples may define commands of their own: they are users.)
//
// That every column of the model has its mapping in each vendor is checked
// where the mappings are: TestAddCoversEveryColumn and
// TestModifyCoversEveryColumn (broadworks/ocip), TestCreateCoversEveryColumn
// and TestUpdateCoversEveryColumn (apio).
func TestOCIPMessagesInOcip(t *testing.T) {
	allowed := map[string]bool{"broadworks.Error": true}
	top := root(t)
	fset := token.NewFileSet()
	found := 0
	err := filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(top, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "examples" || strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
			return nil
		}
		inOcip := strings.HasPrefix(rel, "broadworks/ocip/")
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				if decl.Recv == nil || decl.Name.Name != "OCIType" || len(decl.Recv.List) != 1 {
					continue
				}
				name := receiverName(decl.Recv.List[0].Type)
				if inOcip {
					found++
					continue
				}
				if !allowed[f.Name.Name+"."+name] {
					t.Errorf("%s: %s has an OCIType method: an OCI-P message declared outside broadworks/ocip", rel, name)
				}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					ts, ok := spec.(*ast.TypeSpec)
					if !ok || ts.Assign.IsValid() || inOcip {
						continue // aliases of ocip's interfaces are fine
					}
					if it, ok := ts.Type.(*ast.InterfaceType); ok {
						for _, m := range it.Methods.List {
							for _, n := range m.Names {
								if n.Name == "OCIType" {
									t.Errorf("%s: interface %s declares OCIType: the OCI-P interfaces are broadworks/ocip's", rel, ts.Name.Name)
								}
							}
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 10 {
		t.Errorf("found %d message types in broadworks/ocip: the walk is broken", found)
	}
}

func receiverName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}

// Package contract_test checks that the five vendor packages keep the one
// contract of DESIGN.md ("One contract for every vendor client"): the same
// constructor shape, Close, listing, option names and types, error model,
// validation shape and fakes. A package that drifts fails here (or does not
// compile here, for a missing name).
package contract_test

import (
	"crypto/tls"
	"go/ast"
	"go/parser"
	"go/token"
	"iter"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/ccsdk/callcenter-go/apio"
	"github.com/ccsdk/callcenter-go/apio/apiotest"
	"github.com/ccsdk/callcenter-go/broadworks"
	"github.com/ccsdk/callcenter-go/broadworks/broadworkstest"
	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/fault"
	"github.com/ccsdk/callcenter-go/internal/faultengine"
	"github.com/ccsdk/callcenter-go/internal/transport"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/livevox/livevoxtest"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/offices/officestest"
	"github.com/ccsdk/callcenter-go/ucontact"
	"github.com/ccsdk/callcenter-go/ucontact/ucontacttest"
)

const module = "github.com/ccsdk/callcenter-go/"

// vendor is one vendor package as the contract sees it.
type vendor struct {
	dir        string
	newClient  any          // NewClient
	client     reflect.Type // *Client
	option     reflect.Type // Option
	errType    reflect.Type // Error
	validation reflect.Type // ValidationError
	field      reflect.Type // FieldError
	sentinels  map[string]error
	closed     error          // ErrClosed
	options    map[string]any // contract option name -> the function
	newServer  any            // vendortest.NewServer
	server     reflect.Type   // *vendortest.Server
	rest       bool           // a REST fake: has a URL field
}

func sentinels(notFound, exists, unauth, rate, unknown, login, connect, systemic, redirect error) map[string]error {
	return map[string]error{
		"ErrNotFound": notFound, "ErrAlreadyExists": exists, "ErrUnauthorized": unauth, "ErrRateLimited": rate,
		"ErrOutcomeUnknown": unknown, "ErrLoginRefused": login, "ErrCannotConnect": connect, "ErrSystemic": systemic,
		"ErrRedirectRefused": redirect,
	}
}

var vendors = []vendor{
	{
		dir: "broadworks", newClient: broadworks.NewClient, client: reflect.TypeFor[*broadworks.Client](),
		option: reflect.TypeFor[broadworks.Option](), errType: reflect.TypeFor[broadworks.Error](),
		validation: reflect.TypeFor[broadworks.ValidationError](), field: reflect.TypeFor[broadworks.FieldError](),
		sentinels: sentinels(broadworks.ErrNotFound, broadworks.ErrAlreadyExists, broadworks.ErrUnauthorized, broadworks.ErrRateLimited,
			broadworks.ErrOutcomeUnknown, broadworks.ErrLoginRefused, broadworks.ErrCannotConnect, broadworks.ErrSystemic, broadworks.ErrRedirectRefused),
		closed: broadworks.ErrClosed,
		options: map[string]any{
			"WithHTTPClient": broadworks.WithHTTPClient, "WithTLSConfig": broadworks.WithTLSConfig, "WithRetry": broadworks.WithRetry,
			"WithTimeout": broadworks.WithTimeout, "WithLogger": broadworks.WithLogger, "WithUserAgent": broadworks.WithUserAgent,
		},
		newServer: broadworkstest.NewServer, server: reflect.TypeFor[*broadworkstest.Server](),
	},
	{
		dir: "apio", newClient: apio.NewClient, client: reflect.TypeFor[*apio.Client](),
		option: reflect.TypeFor[apio.Option](), errType: reflect.TypeFor[apio.Error](),
		validation: reflect.TypeFor[apio.ValidationError](), field: reflect.TypeFor[apio.FieldError](),
		sentinels: sentinels(apio.ErrNotFound, apio.ErrAlreadyExists, apio.ErrUnauthorized, apio.ErrRateLimited,
			apio.ErrOutcomeUnknown, apio.ErrLoginRefused, apio.ErrCannotConnect, apio.ErrSystemic, apio.ErrRedirectRefused),
		closed: apio.ErrClosed,
		options: map[string]any{
			"WithHTTPClient": apio.WithHTTPClient, "WithBaseURL": apio.WithBaseURL, "WithTLSConfig": apio.WithTLSConfig, "WithRateLimit": apio.WithRateLimit, "WithRetry": apio.WithRetry,
			"WithTimeout": apio.WithTimeout, "WithLogger": apio.WithLogger, "WithUserAgent": apio.WithUserAgent,
		},
		newServer: apiotest.NewServer, server: reflect.TypeFor[*apiotest.Server](), rest: true,
	},
	{
		dir: "livevox", newClient: livevox.NewClient, client: reflect.TypeFor[*livevox.Client](),
		option: reflect.TypeFor[livevox.Option](), errType: reflect.TypeFor[livevox.Error](),
		validation: reflect.TypeFor[livevox.ValidationError](), field: reflect.TypeFor[livevox.FieldError](),
		sentinels: sentinels(livevox.ErrNotFound, livevox.ErrAlreadyExists, livevox.ErrUnauthorized, livevox.ErrRateLimited,
			livevox.ErrOutcomeUnknown, livevox.ErrLoginRefused, livevox.ErrCannotConnect, livevox.ErrSystemic, livevox.ErrRedirectRefused),
		closed: livevox.ErrClosed,
		options: map[string]any{
			"WithHTTPClient": livevox.WithHTTPClient, "WithBaseURL": livevox.WithBaseURL, "WithRateLimit": livevox.WithRateLimit,
			"WithRetry": livevox.WithRetry, "WithTimeout": livevox.WithTimeout, "WithTLSConfig": livevox.WithTLSConfig, "WithLogger": livevox.WithLogger, "WithUserAgent": livevox.WithUserAgent,
		},
		newServer: livevoxtest.NewServer, server: reflect.TypeFor[*livevoxtest.Server](), rest: true,
	},
	{
		dir: "ucontact", newClient: ucontact.NewClient, client: reflect.TypeFor[*ucontact.Client](),
		option: reflect.TypeFor[ucontact.Option](), errType: reflect.TypeFor[ucontact.Error](),
		validation: reflect.TypeFor[ucontact.ValidationError](), field: reflect.TypeFor[ucontact.FieldError](),
		sentinels: sentinels(ucontact.ErrNotFound, ucontact.ErrAlreadyExists, ucontact.ErrUnauthorized, ucontact.ErrRateLimited,
			ucontact.ErrOutcomeUnknown, ucontact.ErrLoginRefused, ucontact.ErrCannotConnect, ucontact.ErrSystemic, ucontact.ErrRedirectRefused),
		closed: ucontact.ErrClosed,
		options: map[string]any{
			"WithHTTPClient": ucontact.WithHTTPClient, "WithRateLimit": ucontact.WithRateLimit, "WithRetry": ucontact.WithRetry,
			"WithTimeout": ucontact.WithTimeout, "WithTLSConfig": ucontact.WithTLSConfig, "WithLogger": ucontact.WithLogger, "WithUserAgent": ucontact.WithUserAgent,
		},
		newServer: ucontacttest.NewServer, server: reflect.TypeFor[*ucontacttest.Server](), rest: true,
	},
	{
		dir: "offices", newClient: offices.NewClient, client: reflect.TypeFor[*offices.Client](),
		option: reflect.TypeFor[offices.Option](), errType: reflect.TypeFor[offices.Error](),
		validation: reflect.TypeFor[offices.ValidationError](), field: reflect.TypeFor[offices.FieldError](),
		sentinels: sentinels(offices.ErrNotFound, offices.ErrAlreadyExists, offices.ErrUnauthorized, offices.ErrRateLimited,
			offices.ErrOutcomeUnknown, offices.ErrLoginRefused, offices.ErrCannotConnect, offices.ErrSystemic, offices.ErrRedirectRefused),
		closed: offices.ErrClosed,
		options: map[string]any{
			"WithHTTPClient": offices.WithHTTPClient, "WithBaseURL": offices.WithBaseURL, "WithTLSConfig": offices.WithTLSConfig, "WithRateLimit": offices.WithRateLimit,
			"WithRetry": offices.WithRetry, "WithTimeout": offices.WithTimeout, "WithLogger": offices.WithLogger, "WithUserAgent": offices.WithUserAgent,
		},
		newServer: officestest.NewServer, server: reflect.TypeFor[*officestest.Server](), rest: true,
	},
}

// optionParams are the parameter types of each contract option.
var optionParams = map[string][]reflect.Type{
	"WithHTTPClient": {reflect.TypeFor[*http.Client]()},
	"WithBaseURL":    {reflect.TypeFor[string]()},
	"WithTLSConfig":  {reflect.TypeFor[*tls.Config]()},
	"WithRateLimit":  {reflect.TypeFor[rate.Limit](), reflect.TypeFor[int]()},
	"WithRetry":      {reflect.TypeFor[int](), reflect.TypeFor[time.Duration](), reflect.TypeFor[time.Duration]()},
	"WithTimeout":    {reflect.TypeFor[time.Duration]()},
	"WithLogger":     {reflect.TypeFor[*slog.Logger]()},
	"WithUserAgent":  {reflect.TypeFor[string]()},
}

// synonyms are option names that would be a second name for a contract
// idea.
var synonyms = []string{"WithClient", "WithHTTP", "WithURL", "WithEndpoint", "WithBase", "WithRate", "WithRateLimiter", "WithLimiter",
	"WithRetries", "WithMaxRetries", "WithBackoff", "WithDeadline", "WithRequestTimeout", "WithLog", "WithSlog", "WithAgent", "WithTLS"}

var errorType = reflect.TypeFor[error]()

func TestConstructor(t *testing.T) {
	for _, v := range vendors {
		ft := reflect.TypeOf(v.newClient)
		if !ft.IsVariadic() || ft.In(ft.NumIn()-1).Elem() != v.option {
			t.Errorf("%s.NewClient must end with opts ...Option: %s", v.dir, ft)
		}
		if n := ft.NumIn() - 1; n > 3 {
			t.Errorf("%s.NewClient takes %d required values, at most 3: %s", v.dir, n, ft)
		}
		if ft.NumOut() != 2 || ft.Out(0) != v.client || ft.Out(1) != errorType {
			t.Errorf("%s.NewClient must return (*Client, error): %s", v.dir, ft)
		}
	}
}

func TestCloseAndListing(t *testing.T) {
	for _, v := range vendors {
		m, ok := v.client.MethodByName("Close")
		if !ok || m.Type.NumIn() != 1 || m.Type.NumOut() != 1 || m.Type.Out(0) != errorType {
			t.Errorf("%s: (*Client).Close() error is missing", v.dir)
		}
		for i := range v.client.NumMethod() {
			m := v.client.Method(i)
			switch {
			case m.Name == "CallCenters" || m.Name == "List":
				t.Errorf("%s: listing method %s must be named List…", v.dir, m.Name)
			case strings.HasPrefix(m.Name, "List") && strings.HasSuffix(m.Name, "Page"):
				if m.Type.NumOut() != 2 || m.Type.Out(1) != errorType {
					t.Errorf("%s.%s must return (page, error): %s", v.dir, m.Name, m.Type)
				}
			case strings.HasPrefix(m.Name, "List"):
				if m.Type.NumOut() != 1 || !strings.HasPrefix(m.Type.Out(0).String(), "iter.Seq2[") {
					t.Errorf("%s.%s must return an iter.Seq2: %s", v.dir, m.Name, m.Type)
				}
			}
		}
	}
	var _ iter.Seq2[int, error] // the listing type the contract names
}

func TestOptions(t *testing.T) {
	for _, v := range vendors[1:] {
		// Every REST client has every contract option; WithBaseURL only
		// where the base URL is not NewClient's argument.
		for name := range optionParams {
			if _, ok := v.options[name]; !ok && name != "WithBaseURL" {
				t.Errorf("%s has no %s", v.dir, name)
			}
		}
	}
	for _, v := range vendors {
		for name, fn := range v.options {
			ft := reflect.TypeOf(fn)
			want := optionParams[name]
			ok := ft.NumOut() == 1 && ft.Out(0) == v.option && ft.NumIn() == len(want)
			for i := 0; ok && i < len(want); i++ {
				ok = ft.In(i) == want[i]
			}
			if !ok {
				t.Errorf("%s.%s has the type %s; the contract's parameters are %v", v.dir, name, ft, want)
			}
		}
		for _, name := range exportedFuncs(t, v.dir) {
			for _, s := range synonyms {
				if name == s {
					t.Errorf("%s.%s is a second name for a contract option", v.dir, name)
				}
			}
		}
	}
}

func TestErrors(t *testing.T) {
	for _, v := range vendors {
		e := v.errType
		if e.Kind() != reflect.Struct || e.PkgPath() != module+v.dir {
			t.Errorf("%s.Error must be the package's own struct, not %s (%s)", v.dir, e, e.PkgPath())
			continue
		}
		if !reflect.PointerTo(e).Implements(errorType) {
			t.Errorf("%s: *Error is not an error", v.dir)
		}
		if _, ok := reflect.PointerTo(e).MethodByName("Is"); !ok {
			t.Errorf("%s: *Error has no Is method", v.dir)
		}
		// Code is the vendor's code (OCI-P's is a number); the message is a
		// field, or a method where the vendor's text is derived (OCI-P's
		// summary).
		if _, ok := e.FieldByName("Code"); !ok {
			t.Errorf("%s.Error has no field Code", v.dir)
		}
		_, field := e.FieldByName("Message")
		_, method := reflect.PointerTo(e).MethodByName("Message")
		if !field && !method {
			t.Errorf("%s.Error has no Message", v.dir)
		}
		for name, got := range v.sentinels {
			want := map[string]error{
				"ErrNotFound": transport.ErrNotFound, "ErrAlreadyExists": transport.ErrAlreadyExists, "ErrUnauthorized": transport.ErrUnauthorized,
				"ErrRateLimited": transport.ErrRateLimited, "ErrOutcomeUnknown": transport.ErrOutcomeUnknown, "ErrLoginRefused": transport.ErrLoginRefused,
				"ErrCannotConnect": transport.ErrCannotConnect, "ErrSystemic": transport.ErrSystemic, "ErrRedirectRefused": transport.ErrRedirectRefused,
			}[name]
			if got != want {
				t.Errorf("%s.%s is not the shared sentinel", v.dir, name)
			}
		}
		// ErrClosed: every package has it (internal/contract's close tests
		// check that a call after Close matches it), one value shared as the
		// sentinels above are.
		if v.closed == nil || v.closed != transport.ErrClosed {
			t.Errorf("%s.ErrClosed is not the shared sentinel", v.dir)
		}
		if v.validation != reflect.TypeFor[callcenter.ValidationError]() || v.field != reflect.TypeFor[callcenter.FieldError]() {
			t.Errorf("%s: ValidationError/FieldError must be the one shape (callcenter's)", v.dir)
		}
		if !v.field.Implements(errorType) {
			t.Errorf("%s: FieldError must be an error by value", v.dir)
		}
	}
	// Two packages' errors never match each other with errors.As.
	seen := map[reflect.Type]string{}
	for _, v := range vendors {
		if other, dup := seen[v.errType]; dup {
			t.Errorf("%s.Error and %s.Error are the same type", v.dir, other)
		}
		seen[v.errType] = v.dir
	}
}

// faultVocabulary is what every fake offers for fault injection: the
// shared vocabulary, and Close.
type faultVocabulary interface {
	fault.Injector
	Close()
}

func TestFakes(t *testing.T) {
	for _, v := range vendors {
		ft := reflect.TypeOf(v.newServer)
		if !ft.IsVariadic() || ft.NumIn() != 1 || ft.NumOut() != 1 || ft.Out(0) != v.server {
			t.Errorf("%stest.NewServer must be NewServer(opts ...Option) *Server: %s", v.dir, ft)
		}
		if !v.server.Implements(reflect.TypeFor[faultVocabulary]()) {
			t.Errorf("%stest.Server lacks the shared fault vocabulary (Inject, FailNext, DropNext, SetLatency, ClearFaults, FaultStats, Close)", v.dir)
		}
		// The engine behind the vocabulary stays inside: a fake promotes
		// none of its other methods (Wrap, TakeFunc, Count, ...).
		for i := range reflect.TypeFor[*faultengine.Engine]().NumMethod() {
			name := reflect.TypeFor[*faultengine.Engine]().Method(i).Name
			if _, vocabulary := reflect.TypeFor[fault.Injector]().MethodByName(name); vocabulary || name == "Close" {
				continue
			}
			if _, ok := v.server.MethodByName(name); ok {
				t.Errorf("%stest.Server has the fault engine's method %s: only the vocabulary (fault.Injector) is public", v.dir, name)
			}
		}
		if v.rest {
			if f, ok := v.server.Elem().FieldByName("URL"); !ok || f.Type.Kind() != reflect.String {
				t.Errorf("%stest.Server has no URL string field", v.dir)
			}
		}
		consts := exportedConsts(t, filepath.Join(v.dir, v.dir+"test"))
		login := consts["DefaultUser"] && consts["DefaultPassword"]
		if !login && !consts["DefaultAPIKey"] {
			t.Errorf("%stest exports neither DefaultUser/DefaultPassword nor DefaultAPIKey", v.dir)
		}
		for _, old := range []string{"DefaultUsername", "DefaultUserName", "User", "Password"} {
			if consts[old] {
				t.Errorf("%stest exports %s: the contract's name is DefaultUser/DefaultPassword", v.dir, old)
			}
		}
		if _, err := os.Stat(filepath.Join(root(t), v.dir, v.dir+"test", "handlers.go")); err != nil {
			t.Errorf("%stest: the handlers belong in handlers.go, apart from server.go", v.dir)
		}
	}
}

// TestNoInternalAliases: no exported type of a public package is an alias
// of an internal type (go doc would show nothing, and errors.As would
// match across packages).
func TestNoInternalAliases(t *testing.T) {
	for _, v := range vendors {
		for _, dir := range []string{v.dir, filepath.Join(v.dir, v.dir+"test")} {
			for _, f := range parseDir(t, dir) {
				internal := map[string]bool{}
				for _, imp := range f.Imports {
					p, _ := strconv.Unquote(imp.Path.Value)
					if strings.Contains(p, "/internal/") {
						name := p[strings.LastIndex(p, "/")+1:]
						if imp.Name != nil {
							name = imp.Name.Name
						}
						internal[name] = true
					}
				}
				ast.Inspect(f, func(n ast.Node) bool {
					ts, ok := n.(*ast.TypeSpec)
					if !ok || !ts.Name.IsExported() || !ts.Assign.IsValid() {
						return true
					}
					if sel, ok := ts.Type.(*ast.SelectorExpr); ok {
						if id, ok := sel.X.(*ast.Ident); ok && internal[id.Name] {
							t.Errorf("%s: type %s is an alias of internal %s.%s", dir, ts.Name.Name, id.Name, sel.Sel.Name)
						}
					}
					return true
				})
			}
		}
	}
}

// TestOneJobPerFile: the files DESIGN.md names exist.
func TestOneJobPerFile(t *testing.T) {
	for _, f := range []string{
		"broadworks/wire.go", "broadworks/session.go", "broadworks/soap.go", "broadworks/bulk.go",
		"apio/bulk.go", "bulk/options.go", "bulk/engine.go", "bulk/settle.go",
		"bulk/csvread.go", "bulk/csverrors.go", "bulk/sniff.go", "bulk/suggest.go", "bulk/sheet.go",
	} {
		if _, err := os.Stat(filepath.Join(root(t), f)); err != nil {
			t.Errorf("%s is missing: %v", f, err)
		}
	}
}

func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(root(t), dir, "*.go"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	var out []*ast.File
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func exportedFuncs(t *testing.T, dir string) []string {
	var out []string
	for _, f := range parseDir(t, dir) {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.IsExported() {
				out = append(out, fd.Name.Name)
			}
		}
	}
	return out
}

func exportedConsts(t *testing.T, dir string) map[string]bool {
	out := map[string]bool{}
	for _, f := range parseDir(t, dir) {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || (gd.Tok != token.CONST && gd.Tok != token.VAR) {
				continue
			}
			for _, s := range gd.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					if n.IsExported() {
						out[n.Name] = true
					}
				}
			}
		}
	}
	return out
}

// internalName matches an internal package named in a doc comment: a
// qualified identifier or doc link (transport.ErrNotFound,
// [rest.CloseTimeout]) or an import path (internal/transport).
var internalName = regexp.MustCompile(`\b(transport|rest|faultengine|hostiletest|r25|contract|packed|redact|unchecked|xmlchar|modeltest)\.[A-Z]\w*|\binternal/\w+`)

// TestNoInternalNamesInDocs: what go doc shows of the REST packages, their
// fakes, package fault and package callcenter (exported declarations, their
// values, exported fields and signatures, and every doc comment: the
// package's, the declarations', the fields' and the methods') names no
// internal package: a reader could not follow it, and the value would
// change with the module's internals. Every public package is checked.
func TestNoInternalNamesInDocs(t *testing.T) {
	dirs := []string{"fault", "callcenter", "platform", "bulk", "broadworks", "broadworks/ocip", "broadworks/broadworkstest"}
	for _, v := range vendors[1:] { // the REST packages
		dirs = append(dirs, v.dir, filepath.Join(v.dir, v.dir+"test"))
	}
	for _, dir := range dirs {
		for _, f := range parseDir(t, dir) {
			for what, cg := range docComments(f) {
				if m := internalName.FindString(cg.Text()); m != "" {
					t.Errorf("%s: the doc of %s names internal %s", dir, what, m)
				}
			}
			internal := map[string]bool{}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if strings.Contains(p, "/internal/") {
					name := p[strings.LastIndex(p, "/")+1:]
					if imp.Name != nil {
						name = imp.Name.Name
					}
					internal[name] = true
				}
			}
			check := func(what string, n ast.Node) {
				if n == nil || n == ast.Node(nil) {
					return
				}
				ast.Inspect(n, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if id, ok := sel.X.(*ast.Ident); ok && internal[id.Name] {
							t.Errorf("%s: the docs of %s show internal %s.%s", dir, what, id.Name, sel.Sel.Name)
						}
					}
					return true
				})
			}
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) {
						check(d.Name.Name, d.Type)
					}
				case *ast.GenDecl:
					for _, s := range d.Specs {
						switch s := s.(type) {
						case *ast.ValueSpec:
							if slices.ContainsFunc(s.Names, (*ast.Ident).IsExported) {
								if s.Type != nil {
									check(s.Names[0].Name, s.Type)
								}
								for _, v := range s.Values {
									check(s.Names[0].Name, v)
								}
							}
						case *ast.TypeSpec:
							if !s.Name.IsExported() {
								continue
							}
							st, ok := s.Type.(*ast.StructType)
							if !ok {
								check(s.Name.Name, s.Type)
								continue
							}
							for _, fld := range st.Fields.List {
								exported := len(fld.Names) == 0 // embedded: shown when its type is exported
								for _, n := range fld.Names {
									exported = exported || n.IsExported()
								}
								if exported {
									check(s.Name.Name, fld.Type)
								}
							}
						}
					}
				}
			}
		}
	}
	// The values the docs show instead are the internal ones.
	for name, pair := range map[string][2]time.Duration{
		"apio.DefaultTimeout": {apio.DefaultTimeout, transport.DefaultTimeout}, "livevox.DefaultTimeout": {livevox.DefaultTimeout, transport.DefaultTimeout},
		"ucontact.DefaultTimeout": {ucontact.DefaultTimeout, transport.DefaultTimeout}, "offices.DefaultTimeout": {offices.DefaultTimeout, transport.DefaultTimeout},
		"apio.LoginRefusalHold": {apio.LoginRefusalHold, transport.LoginRefusalHold}, "livevox.LoginRefusalHold": {livevox.LoginRefusalHold, transport.LoginRefusalHold},
		"broadworks.DefaultTimeout": {broadworks.DefaultTimeout, transport.DefaultTimeout}, "broadworks.LoginRefusalHold": {broadworks.LoginRefusalHold, transport.LoginRefusalHold},
	} {
		if pair[0] != pair[1] {
			t.Errorf("%s = %v, but the transport uses %v", name, pair[0], pair[1])
		}
	}
}

// docComments returns the comments go doc shows of f, by what they
// document: the package comment, and those of exported declarations,
// methods of exported types, and exported fields and interface methods.
func docComments(f *ast.File) iter.Seq2[string, *ast.CommentGroup] {
	return func(yield func(string, *ast.CommentGroup) bool) {
		emit := func(what string, cgs ...*ast.CommentGroup) bool {
			for _, cg := range cgs {
				if cg != nil && !yield(what, cg) {
					return false
				}
			}
			return true
		}
		if !emit("the package", f.Doc) {
			return
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) && !emit(d.Name.Name, d.Doc) {
					return
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch spec := spec.(type) {
					case *ast.ValueSpec:
						if slices.ContainsFunc(spec.Names, (*ast.Ident).IsExported) &&
							!emit(spec.Names[0].Name, d.Doc, spec.Doc, spec.Comment) {
							return
						}
					case *ast.TypeSpec:
						if !spec.Name.IsExported() {
							continue
						}
						if !emit(spec.Name.Name, d.Doc, spec.Doc, spec.Comment) {
							return
						}
						var fields *ast.FieldList
						switch typ := spec.Type.(type) {
						case *ast.StructType:
							fields = typ.Fields
						case *ast.InterfaceType:
							fields = typ.Methods
						}
						if fields == nil {
							continue
						}
						for _, fld := range fields.List {
							exported := len(fld.Names) == 0
							for _, n := range fld.Names {
								exported = exported || n.IsExported()
							}
							if exported && !emit(spec.Name.Name+" (a field)", fld.Doc, fld.Comment) {
								return
							}
						}
					}
				}
			}
		}
	}
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(recv *ast.FieldList) bool {
	typ := recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if ix, ok := typ.(*ast.IndexExpr); ok {
		typ = ix.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

// TestTimeoutMeaning: WithTimeout means one thing in every REST package,
// said in the same words: 0 keeps the default, a negative d removes the
// bound (internal/rest's TestSetTimeout checks the code they share).
// broadworks behaves the same (0: DefaultTimeout, negative: none).
func TestTimeoutMeaning(t *testing.T) {
	var first string
	for _, v := range vendors[1:] {
		doc := funcDoc(t, v.dir, "WithTimeout")
		for _, want := range []string{"WithTimeout(0) keeps the default", "a negative d removes the bound"} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s.WithTimeout's doc does not say %q:\n%s", v.dir, want, doc)
			}
		}
		if first == "" {
			first = doc
		} else if doc != first {
			t.Errorf("%s.WithTimeout's doc differs from %s's:\n%s\nvs\n%s", v.dir, vendors[1].dir, doc, first)
		}
	}
}

// funcDoc returns the doc comment of the package-level func name in dir.
func funcDoc(t *testing.T, dir, name string) string {
	t.Helper()
	for _, f := range parseDir(t, dir) {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name && fd.Doc != nil {
				return strings.Join(strings.Fields(fd.Doc.Text()), " ")
			}
		}
	}
	t.Errorf("%s: no documented func %s", dir, name)
	return ""
}

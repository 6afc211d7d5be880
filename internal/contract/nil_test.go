package contract_test

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"iter"
	"reflect"
	"strings"
	"testing"

	"github.com/ccsdk/callcenter-go/callcenter"
	"github.com/ccsdk/callcenter-go/livevox"
	"github.com/ccsdk/callcenter-go/offices"
	"github.com/ccsdk/callcenter-go/ucontact"
)

// optionalParams are the parameter types that select or page and may be
// nil: nil means the defaults (the first page, everything). Every other
// pointer or slice parameter is a request and nil is bad input.
var optionalParams = map[reflect.Type]bool{
	reflect.TypeFor[*offices.ListOptions]():            true,
	reflect.TypeFor[*livevox.ListCallCentersRequest](): true,
	reflect.TypeFor[*ucontact.RecordingSearch]():       true,
}

// TestNilArguments calls every method of every REST client that takes a
// pointer or a slice with nil there, against its fake. Where the parameter
// is optional (optionalParams) the call works and its doc says that nil
// is fine; anywhere else it fails with a *ValidationError and sends
// nothing. Never a panic.
func TestNilArguments(t *testing.T) {
	ctxType := reflect.TypeFor[context.Context]()
	for name, mk := range restClients {
		c := mk(t, 0)
		cv := reflect.ValueOf(c.client)
		calls := 0
		for i := range cv.NumMethod() {
			m, mt := cv.Method(i), cv.Type().Method(i)
			args, optional, hasNil := []reflect.Value{}, false, false
			for j := range m.Type().NumIn() {
				in := m.Type().In(j)
				switch {
				case in == ctxType:
					args = append(args, reflect.ValueOf(context.Background()))
				case in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct, in.Kind() == reflect.Slice && !m.Type().IsVariadic():
					args = append(args, reflect.Zero(in))
					hasNil = true
					optional = optional || optionalParams[in]
				case in.Kind() == reflect.String:
					args = append(args, reflect.ValueOf("x").Convert(in))
				case in.Kind() >= reflect.Int && in.Kind() <= reflect.Int64:
					args = append(args, reflect.ValueOf(1).Convert(in))
				case in.Kind() == reflect.Bool:
					args = append(args, reflect.Zero(in))
				default:
					args = nil
				}
				if args == nil {
					break
				}
			}
			if !hasNil || args == nil {
				continue
			}
			calls++
			what := fmt.Sprintf("%s.%s with nil", name, mt.Name)
			before := c.srv.FaultStats().Requests
			err := callOnce(t, what, m, args)
			switch {
			case optional:
				if err != nil {
					t.Errorf("%s: %v; nil means the defaults", what, err)
				}
				if doc := methodDoc(t, name, mt.Name); !strings.Contains(doc, "nil") {
					t.Errorf("%s: the doc does not say that nil is fine:\n%s", what, doc)
				}
			default:
				var ve *callcenter.ValidationError
				if !errors.As(err, &ve) {
					t.Errorf("%s: %v, want a *ValidationError", what, err)
				}
				if n := c.srv.FaultStats().Requests - before; n != 0 {
					t.Errorf("%s: %d requests sent", what, n)
				}
			}
		}
		t.Logf("%s: %d methods called with nil", name, calls)
		if calls == 0 {
			t.Errorf("%s: no method takes a pointer or a slice?", name)
		}
	}
}

// callOnce calls m, turning a panic into a test error, and returns the
// call's error: its last result, or the first error of the iterator it
// returns.
func callOnce(t *testing.T, what string, m reflect.Value, args []reflect.Value) (err error) {
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: panic: %v", what, r)
			err = nil
		}
	}()
	out := m.Call(args)
	last := out[len(out)-1]
	if last.Type().Implements(reflect.TypeFor[error]()) {
		err, _ = last.Interface().(error)
		return err
	}
	if last.Kind() == reflect.Func && strings.HasPrefix(last.Type().String(), "iter.Seq2[") {
		// Range over the iterator: call it with a yield that keeps the
		// first error and stops there.
		yieldType := last.Type().In(0)
		yield := reflect.MakeFunc(yieldType, func(in []reflect.Value) []reflect.Value {
			if e, _ := in[1].Interface().(error); e != nil {
				err = e
				return []reflect.Value{reflect.ValueOf(false)}
			}
			return []reflect.Value{reflect.ValueOf(true)}
		})
		last.Call([]reflect.Value{yield})
		return err
	}
	t.Errorf("%s: returns no error", what)
	return nil
}

var _ iter.Seq2[int, error] // the listing type callOnce ranges over

// methodDoc returns the doc comment of the method (*Client).name in dir.
func methodDoc(t *testing.T, dir, name string) string {
	t.Helper()
	for _, f := range parseDir(t, dir) {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && fd.Name.Name == name && fd.Doc != nil {
				return fd.Doc.Text()
			}
		}
	}
	return ""
}

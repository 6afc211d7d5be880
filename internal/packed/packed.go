// Package packed holds call centers packed into one string each, so that
// bulk can keep every row of a large run (a few hundred bytes a row) and
// the fakes can store many call centers with little for the collector to
// scan. It is the module's own: users see callcenter.CallCenter only.
package packed

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"sync"

	"github.com/ccsdk/callcenter-go/callcenter"
)

// CallCenter is a call center packed into one string. A
// callcenter.CallCenter is 552 bytes of fields (string headers and
// pointers) before its values, and its options point to values of their
// own; a CallCenter is one pointer to one string of the values: about 90
// bytes for a typical bulk row with its defaults (96 allocated).
//
// [Pack] packs; [CallCenter.Unpack] returns a callcenter.CallCenter equal
// to the packed one (reflect.DeepEqual: values, nil and empty alias lists,
// unset options all as they were). The zero CallCenter unpacks to the zero
// callcenter.CallCenter. A CallCenter is immutable and safe for concurrent
// use.
//
// A CallCenter holds the password: it formats, logs and marshals as its
// callcenter.CallCenter does, with the password redacted.
type CallCenter struct {
	s *string // nil for the zero call center
}

// The encoding, in the order of the struct's fields (found by reflection
// once, so that a field added to callcenter.CallCenter is packed without
// a change here): first a uvarint of two bits per *bool (0 unset, 1
// false, 2 true; 32 flags at most); then a bitmap, one bit per other
// field (set: the field has a value), in bytes; then the value of each
// field whose bit is set: a text is a uvarint length and the bytes as
// stored (not normalised), a number a zigzag varint, a list a uvarint
// count and each element as a text. An empty text and a nil list have no
// value.
const (
	flagUnset = iota
	flagFalse
	flagTrue
)

// kind is the kind of a field the encoding knows.
type kind uint8

const (
	kindText kind = iota // any string type
	kindFlag             // *bool
	kindNum              // *int
	kindList             // []string
)

// slot is one field of callcenter.CallCenter, with its path through the
// nested structs.
type slot struct {
	index []int
	kind  kind
}

// layout is the fields of callcenter.CallCenter, in order.
type layout struct {
	flags       []slot   // the *bool fields
	others      []slot   // the other fields
	unsupported []string // fields of a type the encoding does not know
}

var (
	flagType = reflect.TypeFor[*bool]()
	numType  = reflect.TypeFor[*int]()
	listType = reflect.TypeFor[[]string]()
)

var fields = sync.OnceValue(func() *layout {
	l := &layout{}
	var walk func(t reflect.Type, prefix []int, name string)
	walk = func(t reflect.Type, prefix []int, name string) {
		for i := range t.NumField() {
			f := t.Field(i)
			index := append(slices.Clone(prefix), i)
			switch f.Type {
			case flagType:
				l.flags = append(l.flags, slot{index, kindFlag})
			case numType:
				l.others = append(l.others, slot{index, kindNum})
			case listType:
				l.others = append(l.others, slot{index, kindList})
			default:
				switch f.Type.Kind() {
				case reflect.String:
					l.others = append(l.others, slot{index, kindText})
				case reflect.Struct:
					walk(f.Type, index, name+f.Name+".")
				default:
					l.unsupported = append(l.unsupported, name+f.Name)
				}
			}
		}
	}
	walk(reflect.TypeFor[callcenter.CallCenter](), nil, "")
	if len(l.flags) > 32 {
		l.unsupported = append(l.unsupported, fmt.Sprintf("%d *bool fields (the encoding holds 32)", len(l.flags)))
	}
	return l
})

// Unsupported lists the fields of callcenter.CallCenter whose type Pack
// does not know (and would lose): none, as a test checks.
func Unsupported() []string { return slices.Clone(fields().unsupported) }

// buffers hold Pack's scratch space, so that packing costs one allocation
// for the string and one for the pointer to it.
var buffers = sync.Pool{New: func() any { return new([]byte) }}

// Pack returns c packed.
func Pack(c *callcenter.CallCenter) CallCenter {
	l := fields()
	v := reflect.ValueOf(c).Elem()
	bp := buffers.Get().(*[]byte)
	b := (*bp)[:0]
	var flags uint64
	for i := range l.flags {
		if f := v.FieldByIndex(l.flags[i].index); !f.IsNil() {
			tag := uint64(flagFalse)
			if f.Elem().Bool() {
				tag = flagTrue
			}
			flags |= tag << (2 * i)
		}
	}
	b = binary.AppendUvarint(b, flags)
	zero := flags == 0
	bitmap := len(b)
	for range (len(l.others) + 7) / 8 {
		b = append(b, 0)
	}
	for i := range l.others {
		s := &l.others[i]
		f := v.FieldByIndex(s.index)
		switch s.kind {
		case kindText:
			t := f.String()
			if t == "" {
				continue
			}
			b = binary.AppendUvarint(b, uint64(len(t)))
			b = append(b, t...)
		case kindNum:
			if f.IsNil() {
				continue
			}
			b = binary.AppendVarint(b, f.Elem().Int())
		case kindList:
			if f.IsNil() {
				continue
			}
			b = binary.AppendUvarint(b, uint64(f.Len()))
			for j := range f.Len() {
				t := f.Index(j).String()
				b = binary.AppendUvarint(b, uint64(len(t)))
				b = append(b, t...)
			}
		}
		b[bitmap+i/8] |= 1 << (i % 8)
		zero = false
	}
	var p CallCenter
	if !zero {
		s := string(b)
		p.s = &s
	}
	*bp = b[:0]
	buffers.Put(bp)
	return p
}

// values are the values an unpacked call center's options point to,
// allocated as one block (a struct that outgrew it would give the others
// values of their own).
type values struct {
	flags [maxFlags]bool
	nums  [maxNums]int
}

const maxFlags, maxNums = 16, 4

// Unpack returns the packed call center. Its strings share the packed
// memory; its options point to values of their own.
func (p CallCenter) Unpack() callcenter.CallCenter {
	var c callcenter.CallCenter
	if p.s == nil {
		return c
	}
	l := fields()
	v := reflect.ValueOf(&c).Elem()
	s := *p.s
	text := func() string {
		n, w := uvarint(s)
		t := s[w : w+int(n)]
		s = s[w+int(n):]
		return t
	}
	var block *values
	flags, w := uvarint(s)
	s = s[w:]
	for i := range l.flags {
		if tag := flags >> (2 * i) & 3; tag != flagUnset {
			if block == nil {
				block = new(values)
			}
			b := slotOf(block.flags[:], i)
			*b = tag == flagTrue
			v.FieldByIndex(l.flags[i].index).Set(reflect.ValueOf(b))
		}
	}
	n := (len(l.others) + 7) / 8
	bitmap := s[:n]
	s = s[n:]
	nums := 0
	for i := range l.others {
		if bitmap[i/8]&(1<<(i%8)) == 0 {
			continue
		}
		sl := &l.others[i]
		f := v.FieldByIndex(sl.index)
		switch sl.kind {
		case kindText:
			f.SetString(text())
		case kindNum:
			u, w := uvarint(s)
			s = s[w:]
			if block == nil {
				block = new(values)
			}
			num := slotOf(block.nums[:], nums)
			nums++
			*num = int(int64(u>>1) ^ -int64(u&1)) // zigzag, as binary.AppendVarint writes it
			f.Set(reflect.ValueOf(num))
		case kindList:
			count, w := uvarint(s)
			s = s[w:]
			list := make([]string, count)
			for j := range list {
				list[j] = text()
			}
			*f.Addr().Interface().(*[]string) = list
		}
	}
	return c
}

// slotOf returns &block[i], or a new value when the block is full.
func slotOf[T any](block []T, i int) *T {
	if i < len(block) {
		return &block[i]
	}
	return new(T)
}

// uvarint reads a uvarint from the start of s, as binary.Uvarint does
// from a []byte, and returns it and its length.
func uvarint(s string) (uint64, int) {
	var x uint64
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		b := s[i]
		if b < 0x80 {
			return x | uint64(b)<<(7*i), i + 1
		}
		x |= uint64(b&0x7f) << (7 * i)
	}
	return x, len(s) // not reached: Pack wrote s
}

// IsZero reports whether p holds the zero call center.
func (p CallCenter) IsZero() bool { return p.s == nil }

// Format formats the unpacked call center (the password redacted).
// With %#v it prints packed.CallCenter(…) around the call center's %#v.
func (p CallCenter) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprintf(f, "packed.CallCenter(%#v)", p.Unpack())
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p.Unpack())
}

// LogValue logs the unpacked call center (the password redacted).
func (p CallCenter) LogValue() slog.Value { return slog.AnyValue(p.Unpack()) }

// MarshalJSON writes the unpacked call center's JSON (the password
// redacted).
func (p CallCenter) MarshalJSON() ([]byte, error) { return json.Marshal(p.Unpack()) }

// UnmarshalJSON reads a call center's JSON and packs it. (A password that
// MarshalJSON wrote reads back as callcenter.Redacted: the JSON never
// holds it.)
func (p *CallCenter) UnmarshalJSON(b []byte) error {
	var c callcenter.CallCenter
	if err := json.Unmarshal(b, &c); err != nil {
		return err
	}
	*p = Pack(&c)
	return nil
}

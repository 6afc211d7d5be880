package callcenter

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
)

// Packed is a call center packed into one string, for holding many at once.
// A CallCenter is 552 bytes of fields (string headers and pointers) before
// its values, and its options point to values of their own; a Packed is one
// pointer to one string of the values: about 105 bytes for a typical bulk
// row with its defaults (128 allocated). bulk keeps every row of a run
// this way.
//
// [CallCenter.Pack] packs; [Packed.Unpack] returns a CallCenter equal to
// the packed one (reflect.DeepEqual: values, nil and empty alias lists,
// unset options all as they were).
// The zero Packed unpacks to the zero CallCenter. A Packed is immutable and
// safe for concurrent use.
//
// A Packed holds the password: it formats, logs and marshals as its
// CallCenter does, with the password redacted.
type Packed struct {
	s *string // nil for the zero CallCenter
}

// The encoding: first a uvarint of two bits per flag in table order (0
// unset, 1 false, 2 true), then one entry per other field in table order,
// then the aliases. A text field is a uvarint length and the bytes as
// stored (not normalised); an enum field is one byte, 0 for empty, k for
// its k-th canonical value, or enumText and the value as text; a number is
// 0 when unset, else 1 and a zigzag varint; the aliases are a uvarint, 0
// for a nil list or the count plus one, then each as text. The flags fit
// one uint64 (32 at most; TestPackTable checks the table).
const (
	flagUnset = iota
	flagFalse
	flagTrue
)

// enumText marks an enum value that is not one of the canonical ones.
const enumText = 0xff

// packBuffers hold Pack's scratch space, so that packing costs one
// allocation for the string and one for the pointer to it.
var packBuffers = sync.Pool{New: func() any { return new([]byte) }}

// Pack returns c packed (see [Packed]).
func (c *CallCenter) Pack() Packed {
	bp := packBuffers.Get().(*[]byte)
	b := (*bp)[:0]
	var flags uint64
	nflags := 0
	for i := range fields {
		if f := &fields[i]; f.flagp != nil {
			tag := uint64(flagUnset)
			if p := *f.flagp(c); p != nil {
				tag = flagFalse
				if *p {
					tag = flagTrue
				}
			}
			flags |= tag << (2 * nflags)
			nflags++
		}
	}
	b = binary.AppendUvarint(b, flags)
	zero := flags == 0
	for i := range fields {
		f := &fields[i]
		switch {
		case f.str != nil && f.str.values != nil:
			v := f.str.get(c)
			k := 0
			if v != "" {
				k = enumText
				for j, canon := range f.str.values {
					if v == canon {
						k = j + 1
						break
					}
				}
			}
			b = append(b, byte(k))
			if k == enumText {
				b = binary.AppendUvarint(b, uint64(len(v)))
				b = append(b, v...)
			}
			zero = zero && v == ""
		case f.str != nil:
			v := f.str.get(c)
			b = binary.AppendUvarint(b, uint64(len(v)))
			b = append(b, v...)
			zero = zero && v == ""
		case f.nump != nil:
			if p := *f.nump(c); p != nil {
				b, zero = binary.AppendVarint(append(b, 1), int64(*p)), false
			} else {
				b = append(b, 0)
			}
		}
	}
	if c.Profile.Aliases != nil {
		b = binary.AppendUvarint(b, uint64(len(c.Profile.Aliases))+1)
		zero = false
	} else {
		b = append(b, 0)
	}
	for _, a := range c.Profile.Aliases {
		b = binary.AppendUvarint(b, uint64(len(a)))
		b = append(b, a...)
		zero = false
	}
	var p Packed
	if !zero {
		s := string(b)
		p.s = &s
	}
	*bp = b[:0]
	packBuffers.Put(bp)
	return p
}

// pointerValues are the values an unpacked call center's options point to,
// allocated as one block (the table has 11 flags and 3 numbers; a table
// that outgrew the block would give the others values of their own).
type pointerValues struct {
	flags [maxFlags]bool
	nums  [maxNums]int
}

const maxFlags, maxNums = 16, 4

// Unpack returns the packed call center. Its strings share the packed
// memory; its options point to values of their own.
func (p Packed) Unpack() CallCenter {
	var c CallCenter
	if p.s == nil {
		return c
	}
	s := *p.s
	text := func() string {
		n, w := uvarint(s)
		v := s[w : w+int(n)]
		s = s[w+int(n):]
		return v
	}
	var block *pointerValues
	values := func() *pointerValues {
		if block == nil {
			block = new(pointerValues)
		}
		return block
	}
	flags, w := uvarint(s)
	s = s[w:]
	nflags, nnums := 0, 0
	for i := range fields {
		f := &fields[i]
		switch {
		case f.flagp != nil:
			tag := flags >> (2 * nflags) & 3
			if tag != flagUnset {
				v := slot(values().flags[:], nflags)
				*v = tag == flagTrue
				*f.flagp(&c) = v
			}
			nflags++
		case f.str != nil && f.str.values != nil:
			k := int(s[0])
			s = s[1:]
			switch {
			case k == enumText:
				f.str.put(&c, text())
			case k > 0:
				f.str.put(&c, f.str.values[k-1])
			}
		case f.str != nil:
			f.str.put(&c, text())
		case f.nump != nil:
			tag := s[0]
			s = s[1:]
			if tag == 0 {
				continue
			}
			u, w := uvarint(s)
			s = s[w:]
			v := slot(values().nums[:], nnums)
			nnums++
			*v = int(int64(u>>1) ^ -int64(u&1)) // zigzag, as binary.AppendVarint writes it
			*f.nump(&c) = v
		}
	}
	n, w := uvarint(s)
	s = s[w:]
	if n > 0 {
		c.Profile.Aliases = make([]string, n-1)
		for i := range c.Profile.Aliases {
			c.Profile.Aliases[i] = text()
		}
	}
	return c
}

// slot returns &block[i], or a new value when the block is full.
func slot[T any](block []T, i int) *T {
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

// IsZero reports whether p holds the zero CallCenter.
func (p Packed) IsZero() bool { return p.s == nil }

// Format formats the unpacked call center (the password redacted).
// With %#v it prints callcenter.Packed(…) around the call center's %#v.
func (p Packed) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprintf(f, "callcenter.Packed(%#v)", p.Unpack())
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p.Unpack())
}

// LogValue logs the unpacked call center (the password redacted).
func (p Packed) LogValue() slog.Value { return slog.AnyValue(p.Unpack()) }

// MarshalJSON writes the unpacked call center's JSON (the password
// redacted).
func (p Packed) MarshalJSON() ([]byte, error) { return json.Marshal(p.Unpack()) }

// UnmarshalJSON reads a call center's JSON and packs it. (A password that
// MarshalJSON wrote reads back as [Redacted]: the JSON never holds it.)
func (p *Packed) UnmarshalJSON(b []byte) error {
	var c CallCenter
	if err := json.Unmarshal(b, &c); err != nil {
		return err
	}
	*p = c.Pack()
	return nil
}

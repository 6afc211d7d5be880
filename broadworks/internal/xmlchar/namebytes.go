package xmlchar

// NameBytes classifies the bytes of an ASCII XML name: NameBytes[c] holds
// NameStart when c is an ASCII NameStartChar of XML 1.0 (a letter, '_' or
// ':'), and NameRest when c is an ASCII NameChar (those, digits, '.' and
// '-'); it is 0 for every other byte. The client's decoder and the fake's
// parser (which otherwise share no code, so that the fake can catch the
// client's mistakes) both read names with it.
var NameBytes = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':':
			t[c] = NameStart | NameRest
		case '0' <= c && c <= '9' || c == '.' || c == '-':
			t[c] = NameRest
		}
	}
	return t
}()

// The classes of [NameBytes].
const (
	NameStart = 1 << iota // may start a name
	NameRest              // may continue one
)

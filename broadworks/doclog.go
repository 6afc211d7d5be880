package broadworks

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"unicode/utf8"
)

// LevelDocument is the level of the records that carry each OCI-P
// document the client sends and receives, redacted: below slog.LevelDebug,
// so that a logger at Debug (see [WithLogger]) shows the exchanges without
// their documents, and one whose handler's level is LevelDocument shows
// both. A record's message is "broadworks: document"; its attributes are
// "direction" (sent or received), "session" and "document": the document's
// text with every password, signed password and session id (and every
// secret the client knows, in every form) replaced by [REDACTED], its line
// breaks as spaces, cut after [MaxLoggedDocument] bytes.
const LevelDocument = slog.LevelDebug - 4

// MaxLoggedDocument is how much of a document a LevelDocument record
// carries, in bytes (a longer one is cut, and says how long it was).
const MaxLoggedDocument = 64 << 10

// exchange sends a document and reads its answer, logging both at
// LevelDocument.
func (s *session) exchange(ctx context.Context, doc []byte, idem bool, secrets []string) (raw []byte, wrote bool, err error) {
	c := s.c
	logging := c.log.Enabled(ctx, LevelDocument)
	if logging {
		c.logDocument(ctx, s, "sent", doc, secrets)
	}
	raw, wrote, err = s.ex.exchange(ctx, doc, idem, secrets)
	if logging && len(raw) > 0 {
		c.logDocument(ctx, s, "received", raw, secrets)
	}
	return raw, wrote, err
}

// logDocument writes one LevelDocument record, redacted with the one
// redactor (the client's secrets, and those of the commands sent).
func (c *Client) logDocument(ctx context.Context, s *session, direction string, doc []byte, secrets []string) {
	text := string(doc)
	cut := ""
	if len(text) > MaxLoggedDocument {
		n := MaxLoggedDocument
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text, cut = text[:n], " … (cut: "+strconv.Itoa(len(doc))+" bytes)"
	}
	if !utf8.ValidString(text) {
		// Not UTF-8: ISO-8859-1, the other encoding OCI-P documents are
		// in (real servers answer in it). Shown as the characters it
		// means, not as U+FFFD: the redactor then finds a password in
		// it, and the rest reads right.
		text = latin1Text(text)
	}
	text = c.red.RedactWith(text, secrets...)
	text = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == '\t' {
			return ' '
		}
		return r
	}, text)
	c.log.LogAttrs(ctx, LevelDocument, "broadworks: document",
		slog.String("vendor", vendor), slog.String("direction", direction), slog.Int("session", s.n), slog.String("document", text+cut))
}

// latin1Text is s read as ISO-8859-1 where it is not UTF-8: each byte of
// an invalid sequence is the character of that number (a document cut on
// a character boundary of UTF-8 may also end in one).
func latin1Text(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = rune(s[i])
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

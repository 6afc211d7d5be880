package transport

import "github.com/ccsdk/callcenter-go/internal/redact"

// Bounds of the vendor texts an APIError carries.
const (
	maxCode    = 64
	maxExcerpt = 512
)

// Redactor scrubs secrets from text: see package internal/redact, its
// home (a leaf, so that bulk redacts without this package's net/http).
type Redactor = redact.Redactor

// The redactor's constants (see package internal/redact).
const (
	Redacted        = redact.Redacted
	MaxEscapeLayers = redact.MaxEscapeLayers
	MinSecretLen    = redact.MinSecretLen
)

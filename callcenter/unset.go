package callcenter

// Unset clears the field named by its CSV column (e.g.
// "serviceInstanceProfile.phoneNumber", "wrapUpSeconds"), so that it reads
// as unset: "" for text and enums, nil for options. An alias column
// ("serviceInstanceProfile.alias[N]") removes the N-th alias, if any, and
// "serviceInstanceProfile.alias" removes them all. It is how an apply
// reads a cell holding null. Unknown fields are an error naming the field.
func (c *CallCenter) Unset(field string) error {
	if field == profile+"alias" {
		c.Profile.Aliases = nil
		return nil
	}
	if i, ok := aliasIndex(field); ok {
		if i < len(c.Profile.Aliases) {
			c.Profile.Aliases = append(c.Profile.Aliases[:i:i], c.Profile.Aliases[i+1:]...)
		}
		return nil
	}
	f, ok := fieldIndex[field]
	if !ok {
		return FieldError{Field: field, Message: "unknown field"}
	}
	switch {
	case f.str != nil:
		f.str.put(c, "")
	case f.flagp != nil:
		*f.flagp(c) = nil
	case f.nump != nil:
		*f.nump(c) = nil
	}
	return nil
}

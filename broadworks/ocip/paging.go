package ocip

// ResponsePagingControl asks for the rows from ResponseStartIndex (1 for
// the first row) on, at most ResponsePageSize (1 to 2,000:
// broadworks.MaxPageSize) of them.
type ResponsePagingControl struct {
	ResponseStartIndex int `xml:"responseStartIndex" json:"responseStartIndex"`
	ResponsePageSize   int `xml:"responsePageSize" json:"responsePageSize"`
}

// appendPaging writes a responsePagingControl element (nothing for nil).
func appendPaging(dst []byte, p *ResponsePagingControl) []byte {
	if p == nil {
		return dst
	}
	dst = append(dst, "<responsePagingControl>"...)
	dst = appendIntElem(dst, "responseStartIndex", p.ResponseStartIndex)
	dst = appendIntElem(dst, "responsePageSize", p.ResponsePageSize)
	return append(dst, "</responsePagingControl>"...)
}

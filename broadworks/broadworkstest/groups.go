package broadworkstest

import (
	"slices"
	"strings"
)

// groupList answers GroupGetListInServiceProviderPagedSortedListRequest:
// the groups of the service provider, sorted by group id. They are the
// groups declared ([WithGroup], [Server.AddGroup]) and those that hold a
// call center.
func (s *Server) groupList(o *out, c *node) {
	start, size, ids, ok := pagedRequest(o, c, "serviceProviderId")
	if !ok {
		return
	}
	groups := s.groupsOf(ids[0])
	dataStart(o, "GroupGetListInServiceProviderPagedSortedListResponse")
	o.raw("<groupTable>")
	for _, h := range []string{"Group Id", "Group Name", "User Limit", "Group External Id"} {
		o.el("colHeading", h)
	}
	for _, g := range pageOf(groups, start, size) {
		o.raw("<row>")
		for _, v := range []string{g, g, "1000", ""} {
			o.el("col", v)
		}
		o.raw("</row>")
	}
	o.raw("</groupTable></command>")
}

// groupsOf returns the groups of a service provider, sorted.
func (s *Server) groupsOf(sp string) []string {
	var groups []string
	for k := range s.groups {
		if k.sp == sp {
			groups = append(groups, k.group)
		}
	}
	for _, st := range s.centers {
		if st.sp == sp {
			groups = append(groups, st.group)
		}
	}
	slices.SortFunc(groups, strings.Compare)
	return slices.Compact(groups)
}

// pagedRequest reads a list request of the ids named (tokens, in this
// order) and an optional responsePagingControl: the ids, the first row
// and the page size (see readPaging). ok is false when an error was
// answered.
func pagedRequest(o *out, c *node, names ...string) (start, size int, ids []string, ok bool) {
	seq := make([]elem, 0, len(names)+1)
	for _, name := range names {
		seq = append(seq, req(name))
	}
	if err := checkSeq(c, append(seq, opt("responsePagingControl"))); err != nil {
		errorResponse(o, CodeSchema, err.Error()+" (the fake supports no sort order or search criteria)")
		return 0, 0, nil, false
	}
	var v values
	if start, size, ok = readPaging(o, c, &v); !ok {
		return 0, 0, nil, false
	}
	for _, name := range names {
		ids = append(ids, v.token(c, name, name))
	}
	if v.err != nil {
		errorResponse(o, CodeSchema, v.err.Error())
		return 0, 0, nil, false
	}
	return start, size, ids, true
}

// pageOf returns the rows of a page: at most size rows from row start on
// (1 is the first).
func pageOf[T any](rows []T, start, size int) []T {
	from := min(start-1, len(rows))
	return rows[from:min(from+size, len(rows))]
}

// readPaging reads the optional responsePagingControl of c: the first row
// (1-based) and the page size (1 to 2000; 2000 without it). ok is false
// when an error was answered.
func readPaging(o *out, c *node, v *values) (start, size int, ok bool) {
	start, size = 1, 2000
	if pc := c.kid("responsePagingControl"); pc != nil {
		if err := checkSeq(pc, []elem{req("responseStartIndex"), req("responsePageSize")}); err != nil {
			errorResponse(o, CodeSchema, err.Error())
			return 0, 0, false
		}
		if n := v.integer(pc, "responseStartIndex", 1, 1<<31-1); n != nil {
			start = *n
		}
		if n := v.integer(pc, "responsePageSize", 1, 2000); n != nil {
			size = *n
		}
	}
	return start, size, true
}

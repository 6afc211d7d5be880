package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version is what -version prints: the module version of a binary built
// by go install ...@version, or "(devel)" with the commit it was built
// from (and "+dirty" when the checkout had changes) for one built from a
// checkout, then the Go version.
func version(info *debug.BuildInfo, ok bool) string {
	if !ok || info == nil {
		return "bulk-csv (unknown version: built without module information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	out := "bulk-csv " + v
	if rev != "" && v == "(devel)" {
		out += " " + rev[:min(len(rev), 12)]
		if dirty {
			out += "+dirty"
		}
		if when != "" {
			out += " " + when
		}
	}
	return fmt.Sprintf("%s (%s, module %s)", out, info.GoVersion, info.Main.Path)
}

// printVersion prints the version of the running binary.
func printVersion(w io.Writer) {
	info, ok := debug.ReadBuildInfo()
	fmt.Fprintln(w, version(info, ok))
}

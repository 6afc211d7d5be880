package contract_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The layout of DESIGN.md ("Layout: what depends on what"), checked on
// what the go command builds: the non-test imports of every package of
// the module, followed transitively. A package that drifts (a vendor
// package importing bulk, bulk importing the HTTP layer, a leaf that stops
// being one) fails here, naming the package and the path that pulls the
// import in.

// layoutRule forbids the packages under from depending on any of deny.
type layoutRule struct {
	under []string // import paths and their subpackages
	deny  []string // import paths and their subpackages
	// noModules denies every package of other modules too.
	noModules bool
	why       string
}

// ours returns the import paths of the module's packages at paths
// (relative to the module).
func ours(paths ...string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = module + p
	}
	return out
}

var vendorPackages = []string{"broadworks", "apio", "livevox", "ucontact", "offices"}

func layoutRules() []layoutRule {
	rules := []layoutRule{
		{under: ours(vendorPackages...), deny: ours("bulk"),
			why: "vendor packages never import bulk: bulk drives them through package platform's interfaces"},
		{under: ours("bulk"), deny: append(ours("internal/transport"), "net/http", "github.com/hashicorp/go-retryablehttp"),
			why: "bulk is a CSV engine: it takes the sentinels from package platform and the redactor from internal/redact, not the HTTP layer"},
		{under: ours("bulk"), deny: ours(vendorPackages...),
			why: "bulk imports no vendor package"},
		{under: ours("platform"), deny: append(ours("bulk", "internal", "fault"), "net/http"), noModules: true,
			why: "platform is a leaf: the model and the standard library only, so that vendors, the HTTP layer and bulk all import it"},
		{under: ours("callcenter"), deny: append(ours("platform", "bulk", "internal", "fault"), "net/http"),
			why: "the model imports nothing of ours and does no I/O"},
	}
	for _, v := range vendorPackages {
		var others []string
		for _, o := range vendorPackages {
			if o != v {
				others = append(others, o)
			}
		}
		rules = append(rules, layoutRule{under: ours(v), deny: ours(others...), why: "vendor packages never import each other"})
	}
	return rules
}

// TestImportLayout holds every package of the module to the layout rules.
func TestImportLayout(t *testing.T) {
	pkgs := listDeps(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages: %v", len(pkgs), pkgs)
	}
	for _, rule := range layoutRules() {
		for pkg, p := range pkgs {
			if !within(pkg, rule.under) {
				continue
			}
			var bad []string
			for _, dep := range p.deps {
				if within(dep, rule.deny) || rule.noModules && otherModule(dep) {
					bad = append(bad, dep)
				}
			}
			if len(bad) > 0 {
				more := ""
				if len(bad) > 1 {
					more = fmt.Sprintf(" and %d more", len(bad)-1)
				}
				t.Errorf("%s depends on %s (%s)%s: %s", short(pkg), short(bad[0]), pkgs.path(pkg, bad[0]), more, rule.why)
			}
		}
	}
	// The rules must bite: each names packages that exist.
	for _, rule := range layoutRules() {
		found := false
		for pkg := range pkgs {
			found = found || within(pkg, rule.under)
		}
		if !found {
			t.Errorf("no package of the module is under %v: the rule %q checks nothing", rule.under, rule.why)
		}
	}
}

// TestImportLayoutCatchesDrift: the checks above see what they look for:
// bulk's tests import broadworks, which imports the HTTP layer.
func TestImportLayoutCatchesDrift(t *testing.T) {
	pkgs := listDeps(t)
	bw, ok := pkgs[module+"broadworks"]
	if !ok || !slices.Contains(bw.deps, module+"platform") || !slices.Contains(bw.deps, module+"internal/transport") {
		t.Fatalf("broadworks' dependencies as listed: %v", bw.deps)
	}
	if !within(module+"bulk/x", ours("bulk")) || within(module+"bulkx", ours("bulk")) || within("internal/bytealg", ours("internal")) ||
		!within("net/http/httptrace", []string{"net/http"}) || !otherModule("golang.org/x/text/cases") || otherModule(module+"callcenter") || otherModule("net/http") {
		t.Error("within does not match subpackages exactly")
	}
}

// pkgInfo is one package of the module as go list sees it.
type pkgInfo struct {
	imports []string // direct, non-test
	deps    []string // transitive, non-test
}

// depGraph is the packages of the module, by import path.
type depGraph map[string]pkgInfo

// listDeps lists every package of the module with its imports and
// dependencies.
func listDeps(t *testing.T) depGraph {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command, which lists the packages: %v", err)
	}
	cmd := exec.Command(goTool, "list", "-e", "-f", "{{.ImportPath}}|{{join .Imports \" \"}}|{{join .Deps \" \"}}", "./...")
	cmd.Dir = root(t)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	g := depGraph{}
	for line := range strings.Lines(string(out)) {
		parts := strings.Split(strings.TrimSpace(line), "|")
		if len(parts) != 3 {
			continue
		}
		var p pkgInfo
		for f := range strings.FieldsSeq(parts[1]) {
			p.imports = append(p.imports, f)
		}
		for f := range strings.FieldsSeq(parts[2]) {
			p.deps = append(p.deps, f)
		}
		g[parts[0]] = p
	}
	return g
}

// path returns a chain of imports from pkg to dep ("a -> b -> dep"), as
// far as the module's own packages show it.
func (g depGraph) path(pkg, dep string) string {
	prev := map[string]string{pkg: ""}
	queue := []string{pkg}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == dep {
			var chain []string
			for at := dep; at != ""; at = prev[at] {
				chain = append(chain, at)
			}
			slices.Reverse(chain)
			for i := range chain {
				chain[i] = short(chain[i])
			}
			return strings.Join(chain, " -> ")
		}
		for _, next := range g[cur].imports {
			if _, seen := prev[next]; !seen {
				prev[next] = cur
				queue = append(queue, next)
			}
		}
	}
	return short(pkg) + " -> ... -> " + short(dep)
}

// otherModule reports whether path is a package of another module (its
// first element has a dot) rather than of this one or the standard
// library.
func otherModule(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return strings.Contains(first, ".") && !strings.HasPrefix(path, module)
}

// short is an import path without the module's prefix.
func short(path string) string { return strings.TrimPrefix(path, module) }

// within reports whether path is one of roots or under one of them.
func within(path string, roots []string) bool {
	for _, r := range roots {
		if path == r || strings.HasPrefix(path, r+"/") {
			return true
		}
	}
	return false
}

package webui_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/catalog"
)

// enumFamily is a field the UI shows through tv(prefix, value): the values
// the server can send in it, read from the Go code that defines them.
type enumFamily struct {
	prefix string
	from   string // where the values come from, for the failure message
	values []string
}

// labelledEnums lists the families. To label a new family, add its row:
// the Go package directory and which of its string constants are values.
func labelledEnums(t *testing.T) []enumFamily {
	t.Helper()
	byName := func(prefix string) func(name, typ string) bool {
		return func(name, _ string) bool { return strings.HasPrefix(name, prefix) }
	}
	byType := func(typ string) func(name, typ string) bool {
		return func(_, tp string) bool { return tp == typ }
	}
	fam := func(prefix, dir string, pick func(name, typ string) bool, except ...string) enumFamily {
		vs := constStrings(t, dir, pick)
		vs = slices.DeleteFunc(vs, func(v string) bool { return slices.Contains(except, v) })
		return enumFamily{prefix: prefix, from: dir, values: vs}
	}
	return []enumFamily{
		{prefix: "type", from: "domain/catalog (catalog.Events.Types)", values: catalog.Events.Types()},
		fam("alert", "projections/alert", byName("Kind")),
		fam("severity", "projections/alert", byName("Severity")),
		fam("status", "projections/recalllist", byName("Status")),
		fam("role", "domain/access", byType("Role")),
		fam("entRole", "domain/enterprise", byType("Role")),
		fam("certState", "domain/product", byType("Status")),
		fam("cert", "domain/product", byType("Status")),
		fam("caseStatus", "domain/complaint", byType("Status")),
		fam("caseStep", "domain/complaint", byName("Type")),
		fam("caseFiledBy", "domain/complaint", byName("By")),
		fam("withdraw.reason", "domain/batch", byName("Reason")),
		fam("withdraw.disposition", "domain/batch", byName("Disposition"), "returned"),
		fam("withdraw.kind", "app/query", byName("WithdrawalKind")),
		fam("customs", "domain/batch", byName("Decision")),
		fam("find.kind", "projections/search", byName("Kind")),
		fam("source", "app/query", byName("Source")),
		fam("node", "projections/trace", byName("Node")),
		fam("blacklist.reason", "projections/risk", byName("Violation")),
		{prefix: "factor", from: "projections/risk factorValues", values: mapKeys(t, "projections/risk", "factorValues")},
		{prefix: "dir.sort", from: "app/query (the *Sorts lists)", values: listStrings(t, "app/query", "Sorts")},
	}
}

// constStrings answers the string constants of the package in dir (from
// the module root) that pick keeps, given their name and declared type.
func constStrings(t *testing.T, dir string, pick func(name, typ string) bool) []string {
	t.Helper()
	var out []string
	for _, f := range parseDir(t, dir) {
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				typ := ""
				if id, ok := vs.Type.(*ast.Ident); ok {
					typ = id.Name
				}
				for i, name := range vs.Names {
					if i >= len(vs.Values) || !name.IsExported() || !pick(name.Name, typ) {
						continue
					}
					if s, ok := stringLit(vs.Values[i]); ok {
						out = append(out, s)
					}
				}
			}
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// listStrings answers the strings of the package-level []string literals
// whose names end in suffix.
func listStrings(t *testing.T, dir, suffix string) []string {
	t.Helper()
	var out []string
	for _, f := range parseDir(t, dir) {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || !strings.HasSuffix(vs.Names[0].Name, suffix) || len(vs.Values) != 1 {
				return true
			}
			if cl, ok := vs.Values[0].(*ast.CompositeLit); ok {
				for _, e := range cl.Elts {
					if s, ok := stringLit(e); ok {
						out = append(out, s)
					}
				}
			}
			return false
		})
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// mapKeys answers the string keys of the package-level map literal name.
func mapKeys(t *testing.T, dir, name string) []string {
	t.Helper()
	var out []string
	for _, f := range parseDir(t, dir) {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || vs.Names[0].Name != name || len(vs.Values) != 1 {
				return true
			}
			if cl, ok := vs.Values[0].(*ast.CompositeLit); ok {
				for _, e := range cl.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok {
						if s, ok := stringLit(kv.Key); ok {
							out = append(out, s)
						}
					}
				}
			}
			return false
		})
	}
	sort.Strings(out)
	return out
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(bl.Value)
	return s, err == nil
}

func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", dir, "*.go"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	var files []*ast.File
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

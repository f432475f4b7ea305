package webui_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// reasonSite is one place the server refuses with a stable reason: the
// reason, its English format and how many parameters it carries.
type reasonSite struct {
	Reason string `json:"reason"`
	Format string `json:"format"`
	Params int    `json:"params"`
	At     string `json:"at"`
}

// reasonCalls names the constructors of refusals and where, in their
// arguments, the reason and the format are.
var reasonCalls = map[string]struct{ reason, format, extra int }{
	"domain.Invalid":    {1, 2, 0},
	"domain.Conflict":   {0, 1, 0},
	"domain.NotFound":   {1, 2, 0},
	"domain.Forbidden":  {1, 2, 0},
	"domain.ConflictAt": {1, 2, 0},
	"badRequest":        {1, 2, 0},
	"bad":               {1, 2, 0},
	"invalidFor":        {2, 3, 1}, // the input is the first parameter
	"refuse":            {0, 2, 0}, // an EPCIS capture rule: its reason is "epcis_" + the rule
}

// serverReasons walks the module's Go sources (tests aside) and answers
// every reason a refusal can carry; a reason that is not a literal fails t.
func serverReasons(t *testing.T) []reasonSite {
	t.Helper()
	root := filepath.Join("..", "..")
	var sites []reasonSite
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := callName(n.Fun)
				if f.Name.Name == "domain" && !strings.Contains(name, ".") {
					name = "domain." + name
				}
				c, ok := reasonCalls[name]
				if !ok || len(n.Args) <= c.format {
					return true
				}
				if name == "bad" && f.Name.Name != "search" || name == "invalidFor" && f.Name.Name != "ident" || name == "refuse" && f.Name.Name != "command" {
					return true
				}
				reason, ok1 := literal(n.Args[c.reason])
				format, _ := literal(n.Args[c.format])
				if !ok1 {
					if _, isFunc := n.Args[c.reason].(*ast.Ident); isFunc && (name == "domain.Invalid" || name == "bad") {
						return true // a wrapper passing its own reason on
					}
					t.Errorf("%s: %s's reason is not a string literal", fset.Position(n.Pos()), name)
					return true
				}
				if name == "refuse" {
					reason = "epcis_" + reason
				}
				sites = append(sites, reasonSite{reason, format, len(n.Args) - c.format - 1 + c.extra, fset.Position(n.Pos()).String()})
			case *ast.CompositeLit:
				if name := callName(n.Type); (name == "domain.RuleError" || name == "domain.FieldError") && !hasKey(n, "Reason") {
					t.Errorf("%s: a %s built without a Reason: use the domain's constructors", fset.Position(n.Pos()), name)
				}
				id, ok := n.Type.(*ast.Ident)
				if !ok || id.Name != "requestError" && id.Name != "captureRule" {
					return true
				}
				key, prefix := "reason", ""
				if id.Name == "captureRule" {
					key, prefix = "rule", "epcis_"
				}
				for _, e := range n.Elts {
					kv, ok := e.(*ast.KeyValueExpr)
					if k, isKey := kv.Key.(*ast.Ident); ok && isKey && k.Name == key {
						if r, ok := literal(kv.Value); ok {
							sites = append(sites, reasonSite{prefix + r, "", 1, fset.Position(n.Pos()).String()})
						}
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sites
}

func hasKey(c *ast.CompositeLit, key string) bool {
	for _, e := range c.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok && k.Name == key {
				return true
			}
		}
	}
	return false
}

func callName(e ast.Expr) string {
	switch f := e.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok {
			return x.Name + "." + f.Sel.Name
		}
	}
	return ""
}

func literal(e ast.Expr) (string, bool) {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(b.Value)
	return s, err == nil
}

// dictionary reads one language's object of dict_errors.js: key -> text.
func dictionary(t *testing.T, object string) map[string]string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("static", "js", "dict_errors.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i := strings.Index(s, "export const "+object+" = {")
	if i < 0 {
		t.Fatalf("dict_errors.js has no %s", object)
	}
	body := s[i:]
	body = body[:strings.Index(body, "\n};")]
	out := map[string]string{}
	for _, m := range entry.FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2]
	}
	return out
}

var (
	entry       = regexp.MustCompile(`'([a-z_.0-9]+)':\s*'((?:[^'\\]|\\.)*)'`)
	placeholder = regexp.MustCompile(`\{(\d+)\}`)
)

// Every reason the server can refuse with is told in both languages, with
// no placeholder beyond the parameters the refusal carries.
func TestEveryServerReasonIsToldInBothLanguages(t *testing.T) {
	sites := serverReasons(t)
	if len(sites) < 300 {
		t.Fatalf("found %d refusal sites: the scan is broken", len(sites))
	}
	langs := map[string]map[string]string{"en": dictionary(t, "errorsEn"), "zh": dictionary(t, "errorsZh")}
	var missing []reasonSite
	seen := map[string]bool{}
	for _, s := range sites {
		for lang, d := range langs {
			text, ok := d["err."+s.Reason]
			if !ok {
				if !seen[s.Reason] {
					missing = append(missing, s)
					seen[s.Reason] = true
				}
				continue
			}
			for _, m := range placeholder.FindAllStringSubmatch(text, -1) {
				if n, _ := strconv.Atoi(m[1]); n >= s.Params {
					t.Errorf("%s: err.%s (%s) uses {%d} but the refusal at %s carries %d parameters", lang, s.Reason, text, n, s.At, s.Params)
				}
			}
		}
	}
	sort.Slice(missing, func(i, j int) bool { return missing[i].Reason < missing[j].Reason })
	if out := os.Getenv("REASONS_OUT"); out != "" {
		b, _ := json.MarshalIndent(missing, "", " ")
		_ = os.WriteFile(out, b, 0o644)
	}
	for _, m := range missing {
		t.Errorf("err.%s is not in both languages of dict_errors.js (%q, %d parameters, at %s)", m.Reason, m.Format, m.Params, m.At)
	}
}

// The two languages list the same keys.
func TestErrorDictionariesHaveTheSameKeys(t *testing.T) {
	en, zh := dictionary(t, "errorsEn"), dictionary(t, "errorsZh")
	for k := range en {
		if _, ok := zh[k]; !ok {
			t.Errorf("%s is in English only", k)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("%s is in Chinese only", k)
		}
	}
}

// The Chinese catalogue is Chinese: every refusal's text has Chinese words.
func TestChineseRefusalsAreInChinese(t *testing.T) {
	for k, v := range dictionary(t, "errorsZh") {
		if strings.HasPrefix(k, "field.") {
			continue
		}
		if !han.MatchString(v) {
			t.Errorf("%s = %q is not Chinese", k, v)
		}
	}
}

var han = regexp.MustCompile(`\p{Han}`)

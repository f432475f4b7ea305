// Package querydoctest validates EPCIS documents against GS1's EPCIS 2.0
// JSON Schema and XSD (copied into querydoc/testdata), for the tests of
// every package that answers them.
package querydoctest

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// testdata is querydoc's testdata folder, found from this file's place in
// the source tree, so it works from any package's test.
func testdata() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata")
}

var (
	schemaOnce sync.Once
	schema     *jsonschema.Schema
	schemaErr  error
)

func load() (*jsonschema.Schema, error) {
	schemaOnce.Do(func() {
		path := filepath.Join(testdata(), "EPCIS-JSON-Schema.json")
		f, err := os.Open(path)
		if err != nil {
			schemaErr = err
			return
		}
		defer f.Close()
		doc, err := jsonschema.UnmarshalJSON(f)
		if err != nil {
			schemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		c.UseRegexpEngine(lookaheadRegexp)
		if schemaErr = c.AddResource("epcis-schema.json", doc); schemaErr != nil {
			return
		}
		schema, schemaErr = c.Compile("epcis-schema.json")
	})
	return schema, schemaErr
}

// ValidateJSON fails t unless doc validates against the EPCIS 2.0 JSON
// Schema (formats asserted: URIs, date-times).
func ValidateJSON(t testing.TB, doc []byte) {
	t.Helper()
	s, err := load()
	if err != nil {
		t.Fatalf("load the EPCIS JSON Schema: %v", err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, doc)
	}
	if err := s.Validate(v); err != nil {
		var pretty bytes.Buffer
		_ = json.Indent(&pretty, doc, "", "  ")
		t.Fatalf("not a valid EPCIS 2.0 document: %v\n%s", err, pretty.String())
	}
}

// ValidateXML fails t unless doc validates against the EPCIS 2.0 query
// XSD with xmllint. Without xmllint the check is skipped, saying so,
// unless REQUIRE_XMLLINT=1 (CI), when it fails.
func ValidateXML(t testing.TB, doc []byte) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("REQUIRE_XMLLINT") == "1" {
			t.Fatal("xmllint is not installed (apt-get install libxml2-utils) and REQUIRE_XMLLINT=1")
		}
		t.Skip("xmllint is not installed (apt-get install libxml2-utils): XML answers are not validated against the XSD")
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--schema", filepath.Join(testdata(), "xsd", "EPCglobal-epcis-query-2_0.xsd"), f).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s\n%s", err, out, doc)
	}
}

// notPrefix is a pattern "^(?!(X))": a string that does not start with X.
// The EPCIS schema writes "not a CBV URI" so (vocab-other-uri); Go's
// regexp has no lookahead, so it is matched as the negation of ^(X).
type notPrefix struct {
	src string
	re  *regexp.Regexp
}

func (n notPrefix) String() string            { return n.src }
func (n notPrefix) MatchString(s string) bool { return !n.re.MatchString(s) }

// lookaheadRegexp compiles the schema's patterns: Go's regexp, and a
// whole-pattern negative lookahead at the start as notPrefix.
func lookaheadRegexp(s string) (jsonschema.Regexp, error) {
	if inner, ok := strings.CutPrefix(s, "^(?!"); ok && strings.HasSuffix(inner, ")") {
		re, err := regexp.Compile("^(?:" + strings.TrimSuffix(inner, ")") + ")")
		if err != nil {
			return nil, err
		}
		return notPrefix{src: s, re: re}, nil
	}
	return regexp.Compile(s)
}

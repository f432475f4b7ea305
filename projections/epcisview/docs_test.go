package epcisview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/catalog"
)

// TestEveryEventTypeHasARowInTheRenderingTable: docs/epcis.md says for
// every stored event type whether and how it renders as EPCIS, and every
// type the renderers handle is in the catalogue or among the hooks.
func TestEveryEventTypeHasARowInTheRenderingTable(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "epcis.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, name := range catalog.Events.Types() {
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("docs/epcis.md has no row for %s", name)
		}
	}
	for name := range renderers {
		if !catalog.Events.Knows(name) && !byData[name] {
			t.Errorf("renderer for %s, a type neither the catalogue nor the hooks know", name)
		}
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("docs/epcis.md has no row for rendered %s", name)
		}
	}
}

package clickhouse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/traceledger/traceledger/domain/catalog"
)

// Every event type the ledger stores has its row in docs/analytics.md's
// table of what each type puts in the events table's columns.
func TestDocsDescribeEveryCatalogueType(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "analytics.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, name := range catalog.Events.Types() {
		if !strings.Contains(doc, "\n| `"+name+"` |") {
			t.Errorf("docs/analytics.md has no row for %s", name)
		}
	}
}

package benchmark

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/projections/runner"
	"github.com/traceledger/traceledger/projections/search"
)

// benchSearchRounds is how many times each query is asked for a latency.
const benchSearchRounds = 30

// benchSearch measures the search index on the demo data set in demoDir
// (seeded there unless the read figures already did) and on a synthetic
// set ten times as large (in documents):
//
//   - search_{set}_docs_per_s: the projection building its index from the
//     log (folding, keeping each document's state, one synced bleve batch
//     per Apply), beside bleve indexing the same rendered documents in the
//     same batches;
//   - search_{set}_index_mb: the index's size on disk, beside bleve's own
//     index of the same documents;
//   - search_{set}_p99_ms: the 99th percentile of the queries users type
//     (search.SyntheticQueries: words, names, part of a GTIN, a page for
//     one enterprise), beside plain bleve match queries of the same texts
//     on the baseline index.
func benchSearch(ctx context.Context, c Config, demoDir string, out func(Figure)) error {
	ledger := filepath.Join(demoDir, c.LedgerFile)
	if _, err := os.Stat(ledger); err != nil {
		if _, err := benchData(ctx, demoDir, c.LedgerFile, c.Items); err != nil {
			return err
		}
	}
	docs, err := benchSearchDemo(ctx, ledger, filepath.Join(demoDir, "search-bench"), out)
	if err != nil {
		return err
	}
	docs = max(10*docs, 1_000)
	dir, err := os.MkdirTemp("", "traceledger-bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b, l, err := search.MeasureBuildAndQueries(ctx, dir, docs, benchSearchRounds)
	if err != nil {
		return err
	}
	raw, err := search.MeasureRawQueries(ctx, filepath.Join(dir, "baseline"), search.SyntheticQueries(), benchSearchRounds)
	if err != nil {
		return err
	}
	set := fmt.Sprintf("synthetic_%d", docs)
	searchFigures(set, b.DocsPerSec, b.BaselineDocsPerSec, b.IndexBytes, b.BaselineBytes, l, raw, out)
	return nil
}

// benchSearchDemo builds the index of the demo's log as replay does and
// answers how many documents it holds.
func benchSearchDemo(ctx context.Context, ledger, dir string, out func(Figure)) (int, error) {
	store, err := sqlite.OpenReadOnly(ctx, ledger)
	if err != nil {
		return 0, err
	}
	defer store.Close()
	p, err := search.New(filepath.Join(dir, "search"))
	if err != nil {
		return 0, err
	}
	defer p.Close()
	start := time.Now()
	if _, err := runner.Rebuild(ctx, store, "", nil, p); err != nil {
		return 0, err
	}
	took := time.Since(start)
	docs, rawTook, rawBytes, err := search.MeasureBaseline(ctx, p, filepath.Join(dir, "baseline"))
	if err != nil {
		return 0, err
	}
	l, err := search.MeasureQueries(ctx, p, search.SyntheticQueries(), benchSearchRounds)
	if err != nil {
		return 0, err
	}
	raw, err := search.MeasureRawQueries(ctx, filepath.Join(dir, "baseline"), search.SyntheticQueries(), benchSearchRounds)
	if err != nil {
		return 0, err
	}
	searchFigures("demo", float64(docs)/took.Seconds(), float64(docs)/rawTook.Seconds(),
		search.IndexBytes(filepath.Join(dir, "search")), rawBytes, l, raw, out)
	return docs, nil
}

func searchFigures(set string, rate, rawRate float64, size, rawSize int64, l, raw search.LatencyResult, out func(Figure)) {
	out(newFigure("search_"+set+"_docs_per_s", rate, "docs/s", "bleve_raw_docs_per_s", rawRate))
	out(newFigure("search_"+set+"_index_mb", float64(size)/1e6, "MB", "bleve_raw_index_mb", float64(rawSize)/1e6))
	out(newFigure("search_"+set+"_p99_ms", ms(l.P99), "ms", "bleve_match_p99_ms", ms(raw.P99)))
}

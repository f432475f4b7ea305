package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/projections/runner"
)

// BuildResult is what MeasureBuild measured: the projection's rate
// (folding events into documents, keeping their state, one synced bleve
// batch per Apply) beside bleve's own rate for the same documents in the
// same batches (the baseline: what the fold and the state cost on top).
type BuildResult struct {
	Docs, Events int
	Elapsed      time.Duration
	DocsPerSec   float64
	IndexBytes   int64
	// Baseline: the rendered documents alone, straight into a bleve index
	// of the same mapping.
	BaselineElapsed    time.Duration
	BaselineDocsPerSec float64
	BaselineBytes      int64
}

func (r BuildResult) String() string {
	return fmt.Sprintf("search index: %d docs (%d events) in %v = %.0f docs/s, %.1f MB; bleve alone %.0f docs/s, %.1f MB",
		r.Docs, r.Events, r.Elapsed.Round(time.Millisecond), r.DocsPerSec, float64(r.IndexBytes)/1e6,
		r.BaselineDocsPerSec, float64(r.BaselineBytes)/1e6)
}

// ApplyBatch is the number of envelopes MeasureBuild hands to one Apply,
// the runner's default batch.
const ApplyBatch = 4096

// MeasureBuild indexes docs synthetic documents (enterprises, products and
// batches, one registration event each) into a new index under dir, then
// the same documents into a bare bleve index, and reports both rates and
// sizes. dir must not exist or be empty; it is left for the caller to
// inspect or remove.
func MeasureBuild(ctx context.Context, dir string, docs int) (BuildResult, error) {
	envs := SyntheticEvents(docs, 1)
	res := BuildResult{Events: len(envs)}
	p, err := New(filepath.Join(dir, "search"))
	if err != nil {
		return res, err
	}
	defer p.Close()
	start := time.Now()
	for i := 0; i < len(envs); i += ApplyBatch {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := p.Apply(envs[i:min(i+ApplyBatch, len(envs))]); err != nil {
			return res, err
		}
	}
	res.Elapsed = time.Since(start)
	n, err := p.idx.DocCount()
	if err != nil {
		return res, err
	}
	res.Docs = int(n)
	res.DocsPerSec = float64(n) / res.Elapsed.Seconds()
	res.IndexBytes = dirSize(filepath.Join(dir, "search"))

	// The baseline indexes the documents the projection wrote, rendered
	// beforehand, so only bleve's own work is timed.
	var rendered []indexed
	var keys []string
	f := newFold(map[string]*doc{}, nil, func(string) ([]byte, error) { return nil, nil })
	for _, env := range envs {
		if err := f.apply(env); err != nil {
			return res, err
		}
	}
	for _, k := range f.touched {
		keys = append(keys, k)
		rendered = append(rendered, f.docs[k].render())
	}
	res.BaselineElapsed, err = rawIndex(ctx, filepath.Join(dir, "baseline"), keys, rendered)
	if err != nil {
		return res, err
	}
	res.BaselineDocsPerSec = float64(len(rendered)) / res.BaselineElapsed.Seconds()
	res.BaselineBytes = dirSize(filepath.Join(dir, "baseline"))
	return res, nil
}

// rawIndex indexes the rendered documents into a new bleve index of the
// projection's mapping in dir, in batches of ApplyBatch, and answers the
// time bleve took.
func rawIndex(ctx context.Context, dir string, keys []string, rendered []indexed) (time.Duration, error) {
	raw, err := bleve.New(dir, newMapping())
	if err != nil {
		return 0, fmt.Errorf("baseline index: %w", err)
	}
	defer raw.Close()
	start := time.Now()
	for i := 0; i < len(rendered); i += ApplyBatch {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		b := raw.NewBatch()
		for j := i; j < min(i+ApplyBatch, len(rendered)); j++ {
			if err := b.Index(keys[j], rendered[j]); err != nil {
				return 0, fmt.Errorf("baseline index: %w", err)
			}
		}
		if err := raw.Batch(b); err != nil {
			return 0, fmt.Errorf("baseline index: %w", err)
		}
	}
	return time.Since(start), nil
}

// MeasureBaseline indexes every document p holds, as p renders it, into a
// bare bleve index of the same mapping in dir (which must not exist), and
// reports the documents, bleve's own time and the index's size: the
// baseline of a build of p from a real log.
func MeasureBaseline(ctx context.Context, p *Projection, dir string) (docs int, took time.Duration, size int64, err error) {
	p.mu.RLock()
	idx := p.idx
	p.mu.RUnlock()
	if idx == nil {
		return 0, 0, 0, errors.New("search: the index is closed")
	}
	adv, err := idx.Advanced()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("search: %w", err)
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return 0, 0, 0, fmt.Errorf("search: %w", err)
	}
	defer all.Close()
	var keys []string
	var rendered []indexed
	for {
		id, err := all.Next()
		if err != nil {
			return 0, 0, 0, fmt.Errorf("search: %w", err)
		}
		if id == nil {
			break
		}
		key, err := r.ExternalID(id)
		if err != nil {
			return 0, 0, 0, fmt.Errorf("search: %w", err)
		}
		raw, err := storedState(r, key)
		if err != nil || raw == nil {
			continue
		}
		d := &doc{}
		if err := json.Unmarshal(raw, d); err != nil {
			return 0, 0, 0, fmt.Errorf("search: decode %s: %w", key, err)
		}
		if d.F == nil {
			d.F = map[string]string{}
		}
		keys, rendered = append(keys, key), append(rendered, d.render())
	}
	took, err = rawIndex(ctx, dir, keys, rendered)
	return len(keys), took, dirSize(dir), err
}

// MeasureRawQueries answers the queries' texts rounds times as plain bleve
// match queries on the text field of the index in dir (no identifiers, no
// boosts, no visibility filter, no fragments): the baseline of
// MeasureQueries.
func MeasureRawQueries(ctx context.Context, dir string, queries []Query, rounds int) (LatencyResult, error) {
	idx, err := bleve.Open(dir)
	if err != nil {
		return LatencyResult{}, fmt.Errorf("open baseline index: %w", err)
	}
	defer idx.Close()
	var took []time.Duration
	for range rounds {
		for _, q := range queries {
			m := bleve.NewMatchQuery(q.Text)
			m.SetField("text")
			req := bleve.NewSearchRequestOptions(m, max(q.Limit, DefaultLimit), 0, false)
			start := time.Now()
			if _, err := idx.SearchInContext(ctx, req); err != nil {
				return LatencyResult{}, fmt.Errorf("baseline query: %w", err)
			}
			took = append(took, time.Since(start))
		}
	}
	return percentiles(took), nil
}

// percentiles is the p50 and p99 of took.
func percentiles(took []time.Duration) LatencyResult {
	if len(took) == 0 {
		return LatencyResult{}
	}
	slices.Sort(took)
	at := func(q float64) time.Duration { return took[min(len(took)-1, int(q*float64(len(took))))] }
	return LatencyResult{Queries: len(took), P50: at(0.50), P99: at(0.99)}
}

// IndexBytes is the size on disk of the index in dir.
func IndexBytes(dir string) int64 { return dirSize(dir) }

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// LatencyResult is the latency of queries, answered one after another.
type LatencyResult struct {
	Queries  int
	P50, P99 time.Duration
}

func (r LatencyResult) String() string {
	return fmt.Sprintf("search queries: %d, p50 %v, p99 %v", r.Queries, r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond))
}

// SyntheticQueries are the kinds of query users type: a Chinese word, a
// name, a region, a category, a Latin brand, part of a GTIN, an unknown
// word, and a page filtered for one enterprise.
func SyntheticQueries() []Query {
	return []Query{
		{Text: "燕麦"}, {Text: "福瑞"}, {Text: "哈尔滨"}, {Text: "乳制品"}, {Text: "nordic"},
		{Text: "123457"}, {Text: "全脂 纯牛奶"}, {Text: "不存在的词"},
		{Text: "有限公司", Visible: syntheticUSCC(3)}, {Text: "奶粉", Kinds: []string{KindProduct}, Limit: 50},
	}
}

// MeasureQueries answers each query rounds times and reports p50 and p99.
func MeasureQueries(ctx context.Context, p *Projection, queries []Query, rounds int) (LatencyResult, error) {
	var took []time.Duration
	for range rounds {
		for _, q := range queries {
			start := time.Now()
			if _, err := p.Search(ctx, q); err != nil {
				return LatencyResult{}, err
			}
			took = append(took, time.Since(start))
		}
	}
	return percentiles(took), nil
}

// MeasureBuildAndQueries builds an index of docs synthetic documents in dir
// and measures SyntheticQueries on it: the figures `make bench` reports.
func MeasureBuildAndQueries(ctx context.Context, dir string, docs, rounds int) (BuildResult, LatencyResult, error) {
	b, err := MeasureBuild(ctx, dir, docs)
	if err != nil {
		return b, LatencyResult{}, err
	}
	p, err := New(filepath.Join(dir, "search"))
	if err != nil {
		return b, LatencyResult{}, err
	}
	defer p.Close()
	l, err := MeasureQueries(ctx, p, SyntheticQueries(), rounds)
	return b, l, err
}

// Tables the synthetic documents are drawn from.
var (
	synthCities   = []string{"北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "厦门", "青岛", "天津", "哈尔滨", "西安", "昆明"}
	synthTrade    = []string{"明辉", "恒信", "金桥", "瑞丰", "嘉和", "鼎盛", "永安", "福瑞", "康乐", "星河", "润恒", "君泰", "锦程", "鹏远", "海泰", "中瑞"}
	synthSuffixes = []string{"进出口贸易有限公司", "食品贸易有限公司", "超市有限公司", "电子商务有限公司", "物流有限公司"}
	synthProducts = []string{"即食燕麦片", "燕麦奶", "全脂纯牛奶", "脱脂纯牛奶", "婴儿配方奶粉", "深海鱼油软胶囊", "特级初榨橄榄油",
		"赤霞珠干红葡萄酒", "黄油曲奇饼干", "芒果干", "海盐薯片", "保湿修护面霜"}
	synthCategories = []string{"谷物制品", "乳制品", "婴幼儿配方食品", "保健食品", "食用油", "酒类", "休闲食品", "化妆品"}
	synthBrands     = []string{"Nordic Farm", "Alpenmilch", "MorningOat", "Avena", "Sunny Coast", "Olivia", "Maple Leaf"}
	synthCountries  = []string{"AU", "NZ", "DE", "FR", "SE", "US", "JP", "IT"}
	synthRoles      = []string{"importer", "distributor", "retailer", "ecommerce", "logistics"}
)

func syntheticUSCC(i int) string { return fmt.Sprintf("91%06dMA%08d", 110000+i%890000, i) }

// SyntheticEvents are n registration events for n documents: one
// enterprise per 20 documents, one product per 5, batches for the rest,
// deterministic for a seed. Identifiers are well-formed in shape (not
// check-digit valid: the projection does not check them, the aggregates
// did).
func SyntheticEvents(n int, seed uint64) []runner.Envelope {
	r := rand.New(rand.NewPCG(seed, 0x5ea7c4))
	ents, prods := max(1, n/20), max(1, n/5)
	out := make([]runner.Envelope, 0, n)
	at := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	push := func(e event.Event) {
		pos := uint64(len(out) + 1)
		out = append(out, runner.Envelope{Record: event.Record{Position: pos, Type: e.EventType(),
			Metadata: event.Metadata{OccurredAt: at.Add(time.Duration(pos) * time.Minute)}}, Event: e})
	}
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	for i := 0; i < ents && len(out) < n; i++ {
		push(enterprise.Registered{USCC: syntheticUSCC(i), Name: pick(synthCities) + pick(synthTrade) + strconv.Itoa(i) + pick(synthSuffixes),
			Region: pick(synthCities), Roles: []string{pick(synthRoles)}, FoodOperator: r.IntN(2) == 0})
	}
	gtinOf := func(i int) string { return fmt.Sprintf("0690%09d%d", i, i%10) }
	for i := 0; i < prods && len(out) < n; i++ {
		push(product.Registered{GTIN: gtinOf(i), Name: pick(synthProducts), Brand: pick(synthBrands), Spec: strconv.Itoa(100+r.IntN(900)) + "g",
			Category: pick(synthCategories), OriginCountry: pick(synthCountries), Manufacturer: pick(synthBrands) + " Ltd",
			OwnerUSCC: syntheticUSCC(r.IntN(ents)), ShelfLifeDays: 365})
	}
	for i := 0; len(out) < n; i++ {
		day := at.AddDate(0, 0, r.IntN(365))
		push(batch.Registered{GTIN: gtinOf(r.IntN(prods)), Lot: fmt.Sprintf("L%07d", i), Quantity: int64(1 + r.IntN(1000)),
			ProducedOn: day.Format("2006-01-02"), ExpiresOn: day.AddDate(1, 0, 0).Format("2006-01-02"),
			OwnerUSCC: syntheticUSCC(r.IntN(ents)), OriginCountry: pick(synthCountries), Imported: true})
	}
	return out
}

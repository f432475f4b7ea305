package demo_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/adapters/demo"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/app/command"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/domain/ident"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/domain/shipment"
)

// now is the tests' fixed clock, so that runs on different days compare.
var now = time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC)

// run appends a demo data set to a fresh SQLite ledger and returns the
// summary and every stored record.
func run(t *testing.T, o demo.Options) (demo.Summary, []event.Record) {
	t.Helper()
	st := sqlitetest.Open(t)
	h := command.NewHandlers(st, demo.CommandOptions(o.Seed, "https://id.example.cn"))
	o.Now = now
	sum, err := demo.Run(t.Context(), h, o)
	if err != nil {
		t.Fatalf("demo.Run: %v", err)
	}
	return sum, readAll(t, st)
}

func readAll(t *testing.T, st event.Store) []event.Record {
	t.Helper()
	var out []event.Record
	for {
		var after uint64
		if len(out) > 0 {
			after = out[len(out)-1].Position
		}
		recs, err := st.ReadAll(t.Context(), after, 5000)
		if err != nil {
			t.Fatalf("ReadAll: %v", err)
		}
		out = append(out, recs...)
		if len(recs) < 5000 {
			return out
		}
	}
}

// byStream groups records by stream, each in version order.
func byStream(recs []event.Record) map[string][]event.Record {
	out := map[string][]event.Record{}
	for _, r := range recs {
		out[r.Stream] = append(out[r.Stream], r)
	}
	return out
}

func decode[T any](t *testing.T, r event.Record) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.Data, &v); err != nil {
		t.Fatalf("decode %s at %d: %v", r.Type, r.Position, err)
	}
	return v
}

// TestSmallRun checks a small data set against what the ledger holds: the
// summary's counts, every certificate state, recalls with work left and one
// closed, penalties, failed inspections, and every stream moving forward in
// time.
func TestSmallRun(t *testing.T) {
	var calls, lastDone, lastTotal int
	sum, recs := run(t, demo.Options{Items: 500, Seed: 1, Workers: 8, Progress: func(done, total int) {
		calls++
		lastDone, lastTotal = done, total
	}})
	if calls == 0 || lastDone != lastTotal || lastTotal == 0 {
		t.Errorf("progress: %d calls, last %d/%d; want a final call with done == total", calls, lastDone, lastTotal)
	}
	if uint64(len(recs)) != sum.Events {
		t.Errorf("summary says %d events, the ledger holds %d", sum.Events, len(recs))
	}
	types := map[string]int{}
	labels, fails, customsFails := 0, 0, 0
	levels := map[int]int{}
	for _, r := range recs {
		types[r.Type]++
		switch r.Type {
		case batch.TypeLabelled:
			labels += len(decode[batch.Labelled](t, r).Serials)
		case batch.TypeInspected:
			if decode[batch.Inspected](t, r).Result == "fail" {
				fails++
			}
		case customs.TypeInspected:
			if decode[customs.Inspected](t, r).Result == "fail" {
				customsFails++
			}
		case recall.TypeStarted:
			levels[decode[recall.Started](t, r).Level]++
		}
	}
	for _, c := range []struct {
		what      string
		sum, held int
	}{
		{"enterprises", sum.Enterprises, types[enterprise.TypeRegistered]},
		{"products", sum.Products, types[product.TypeRegistered]},
		{"batches", sum.Batches, types[batch.TypeRegistered]},
		{"declarations", sum.Declarations, types[customs.TypeDeclared]},
		{"customs inspections", sum.CustomsInspections, types[customs.TypeInspected]},
		{"labels", sum.Labels, labels},
		{"shipments", sum.Shipments, types[shipment.TypeDispatched]},
		{"receipts", sum.Receipts, types[shipment.TypeReceived]},
		{"sales", sum.Sales, types[batch.TypeSold]},
		{"inspections", sum.Inspections, types[batch.TypeInspected]},
		{"complaints", sum.Complaints, types[complaint.TypeFiled]},
		{"resolutions", sum.Resolutions, types[complaint.TypeResolved]},
		{"recalls", sum.Recalls, types[recall.TypeStarted]},
		{"returns", sum.Returns, types[batch.TypeReturned]},
		{"closed recalls", sum.ClosedRecalls, types[recall.TypeClosed]},
		{"penalties", sum.Penalties, types[enterprise.TypePenaltyImposed]},
		{"certificate renewals", sum.Renewals, types[product.TypeCertificateRenewed]},
		{"certificate amendments", sum.Amendments, types[product.TypeCertificateAmended]},
		{"leaves to notify again", sum.Renotifications, types[product.TypeRenotificationAllowed]},
	} {
		if c.sum != c.held {
			t.Errorf("%s: summary says %d, the ledger holds %d", c.what, c.sum, c.held)
		}
	}
	if labels < 400 || labels > 600 {
		t.Errorf("labelled %d units, want about 500", labels)
	}
	switch {
	case levels[1] == 0 || levels[2]+levels[3] == 0:
		t.Errorf("recall levels %v: want a level 1 and a level 2 or 3", levels)
	case sum.ClosedRecalls == 0 || sum.Returns == 0:
		t.Errorf("want a closed recall and recorded returns, got %d and %d", sum.ClosedRecalls, sum.Returns)
	case sum.Renewals == 0 || sum.Amendments == 0 || sum.Renotifications == 0:
		t.Errorf("want certificate renewals, amendments and a new notification after a revocation; got %d, %d, %d",
			sum.Renewals, sum.Amendments, sum.Renotifications)
	case sum.Penalties == 0 || fails == 0 || customsFails == 0 || types[customs.TypeRejected] == 0:
		t.Errorf("want penalties, failed market and customs inspections and a rejected declaration; got %d, %d, %d, %d",
			sum.Penalties, fails, customsFails, types[customs.TypeRejected])
	}
	streams := byStream(recs)
	checkCertificates(t, sum, streams)
	checkRecallLeftWork(t, sum, streams)
	checkSampleItem(t, sum, streams)
	for name, rs := range streams {
		for i, r := range rs {
			if r.Metadata.OccurredAt.After(now) {
				t.Fatalf("%s v%d %s occurred at %s, after now", name, r.Version, r.Type, r.Metadata.OccurredAt)
			}
			if i > 0 && r.Metadata.OccurredAt.Before(rs[i-1].Metadata.OccurredAt) {
				t.Fatalf("%s v%d %s occurred at %s, before v%d at %s", name, r.Version, r.Type,
					r.Metadata.OccurredAt, rs[i-1].Version, rs[i-1].Metadata.OccurredAt)
			}
		}
	}
}

// checkCertificates folds every product and finds each certificate state,
// as many of each as the summary says.
func checkCertificates(t *testing.T, sum demo.Summary, streams map[string][]event.Record) {
	t.Helper()
	got := map[string]int{}
	for name, rs := range streams {
		if strings.HasPrefix(name, "product-") {
			p, err := product.Load(rs)
			if err != nil {
				t.Fatalf("load %s: %v", name, err)
			}
			got[string(p.Status(now))]++
		}
	}
	for _, s := range []product.Status{product.StatusNone, product.StatusNotified, product.StatusIssued,
		product.StatusRejected, product.StatusExpired, product.StatusRevoked} {
		if got[string(s)] == 0 {
			t.Errorf("no product's certificate is %s: %v", s, got)
		}
		if got[string(s)] != sum.Certificates[string(s)] {
			t.Errorf("certificates %s: summary says %d, the ledger holds %d", s, sum.Certificates[string(s)], got[string(s)])
		}
	}
}

// checkRecallLeftWork finds units of the level-1 recall's batch still in
// stock at several holders: the recall list has work left.
func checkRecallLeftWork(t *testing.T, sum demo.Summary, streams map[string][]event.Record) {
	t.Helper()
	name := batch.StreamOf(sum.SampleBatch[0], sum.SampleBatch[1])
	b, err := batch.Load(streams[name])
	if err != nil || !b.Recalled() {
		t.Fatalf("sample batch %s: loaded %v, recalled %v", name, err, b.Recalled())
	}
	var holders, outstanding int64
	for _, tl := range b.Tallies() {
		if tl.Outstanding() > 0 {
			holders++
			outstanding += tl.Outstanding()
		}
	}
	if holders < 2 {
		t.Errorf("level-1 recall: %d holders with %d units outstanding; want several: %+v", holders, outstanding, b.Tallies())
	}
}

// checkSampleItem finds the sample item labelled and sold.
func checkSampleItem(t *testing.T, sum demo.Summary, streams map[string][]event.Record) {
	t.Helper()
	c, err := ident.ParseItemCode(sum.SampleItem)
	if err != nil {
		t.Fatalf("sample item %q: %v", sum.SampleItem, err)
	}
	b, err := batch.Load(streams[batch.Stream(c.GTIN, c.Lot)])
	if err != nil {
		t.Fatalf("sample item's batch: %v", err)
	}
	holder, state, ok := b.ItemHolder(c.Serial.String())
	if !ok || state != batch.StateSold || holder != sum.Retailer || c.GTIN.String() != sum.SampleGTIN {
		t.Errorf("sample item %s: held by %s in state %d (known %v), want sold by %s", sum.SampleItem, holder, state, ok, sum.Retailer)
	}
}

// TestDeterministic runs the same seed into separate ledgers: one worker
// twice gives the same events exactly; eight workers give the same events
// once the ids the ledger draws while workers interleave (shipment ids and
// label serials) are named by what they stand for; another seed differs.
func TestDeterministic(t *testing.T) {
	_, a := run(t, demo.Options{Items: 300, Seed: 7, Workers: 1})
	_, b := run(t, demo.Options{Items: 300, Seed: 7, Workers: 1})
	sameEvents(t, "same seed, one worker", multiset(a, nil), multiset(b, nil))
	_, c := run(t, demo.Options{Items: 300, Seed: 7, Workers: 8})
	sameEvents(t, "same seed, eight workers", multiset(a, canonicalIDs(t, a)), multiset(c, canonicalIDs(t, c)))
	_, d := run(t, demo.Options{Items: 300, Seed: 8, Workers: 1})
	if equalMultisets(multiset(a, nil), multiset(d, nil)) {
		t.Error("seeds 7 and 8 gave the same data set")
	}
}

// multiset counts events by stream, type and data, with ids renamed by
// rename when given.
func multiset(recs []event.Record, rename map[string]string) map[string]int {
	out := map[string]int{}
	for _, r := range recs {
		stream, data := r.Stream, string(r.Data)
		if rename != nil {
			if id, ok := strings.CutPrefix(stream, "shipment-"); ok {
				stream = "shipment-" + rename[id]
			}
			var v any
			if err := json.Unmarshal(r.Data, &v); err == nil {
				b, _ := json.Marshal(renamed(v, rename))
				data = string(b)
			}
		}
		out[stream+"\x00"+r.Type+"\x00"+data]++
	}
	return out
}

func renamed(v any, rename map[string]string) any {
	switch v := v.(type) {
	case string:
		if n, ok := rename[v]; ok {
			return n
		}
	case []any:
		for i := range v {
			v[i] = renamed(v[i], rename)
		}
	case map[string]any:
		for k := range v {
			v[k] = renamed(v[k], rename)
		}
	}
	return v
}

// canonicalIDs names each shipment by its waybill and each serial by its
// batch and labelling order.
func canonicalIDs(t *testing.T, recs []event.Record) map[string]string {
	t.Helper()
	out := map[string]string{}
	n := map[string]int{}
	for _, r := range recs {
		switch r.Type {
		case shipment.TypeDispatched:
			d := decode[shipment.Dispatched](t, r)
			out[d.ShipmentID] = "waybill:" + d.Waybill
		case batch.TypeWithdrawalOrdered:
			d := decode[batch.WithdrawalOrdered](t, r)
			out[d.OrderID] = "order:" + r.Stream + "/" + d.HolderUSCC + "/" + d.Deadline
		case batch.TypeLabelled:
			for _, s := range decode[batch.Labelled](t, r).Serials {
				out[s] = fmt.Sprintf("%s#%d", r.Stream, n[r.Stream])
				n[r.Stream]++
			}
		}
	}
	return out
}

func equalMultisets(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func sameEvents(t *testing.T, what string, a, b map[string]int) {
	t.Helper()
	if equalMultisets(a, b) {
		return
	}
	var diff []string
	for k, v := range a {
		if b[k] != v {
			diff = append(diff, "first only: "+k)
		}
	}
	for k, v := range b {
		if a[k] != v {
			diff = append(diff, "second only: "+k)
		}
	}
	slices.Sort(diff)
	t.Errorf("%s: the data sets differ in %d events, e.g.\n%s", what, len(diff), strings.Join(diff[:min(6, len(diff))], "\n"))
}

// TestDefaultScale runs the default data set, as `traceledger demo` does,
// on a durable ledger and reports its size and time. It takes a while, so it
// runs only when TRACELEDGER_DEMO_FULL is set.
func TestDefaultScale(t *testing.T) {
	if os.Getenv("TRACELEDGER_DEMO_FULL") == "" {
		t.Skip("set TRACELEDGER_DEMO_FULL=1 to run the default data set")
	}
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ledger.db"), sqlite.Options{})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	h := command.NewHandlers(st, demo.CommandOptions(1, ""))
	sum, err := demo.Run(t.Context(), h, demo.Options{})
	if err != nil {
		t.Fatalf("demo.Run: %v", err)
	}
	if sum.Events < 100_000 {
		t.Errorf("default data set has %d events, want at least 100,000", sum.Events)
	}
	t.Logf("%d events in %s: %+v", sum.Events, sum.Elapsed, sum)
}

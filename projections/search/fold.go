package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/complaint"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/enterprise"
	"github.com/traceledger/traceledger/domain/product"
	"github.com/traceledger/traceledger/domain/recall"
	"github.com/traceledger/traceledger/projections/runner"
)

// fold applies one Apply call's envelopes to the documents they touch,
// taking each from the cache or loading it from the index, and keeping it
// in the cache (changed in place) for the batch to write.
type fold struct {
	load func(key string) ([]byte, error)
	// docs is the cache's current generation, older its previous one: a
	// document found in older moves to docs.
	docs, older map[string]*doc
	seen        map[string]bool
	touched     []string
}

func newFold(cache, older map[string]*doc, load func(string) ([]byte, error)) *fold {
	return &fold{load: load, docs: cache, older: older, seen: map[string]bool{}}
}

// cached returns the document under k from either generation of the
// cache, moving it to the current one.
func (f *fold) cached(k string) (*doc, bool) {
	if d, ok := f.docs[k]; ok {
		return d, true
	}
	d, ok := f.older[k]
	if ok {
		delete(f.older, k)
		f.docs[k] = d
	}
	return d, ok
}

// touch marks k for the batch to write.
func (f *fold) touch(k string) {
	if !f.seen[k] {
		f.seen[k] = true
		f.touched = append(f.touched, k)
	}
}

// get returns the document, loaded from the index or new, and marks it
// touched so the batch rewrites it.
func (f *fold) get(kind, id string) (*doc, error) {
	k := docKey(kind, id)
	if d, ok := f.cached(k); ok {
		f.touch(k)
		return d, nil
	}
	d := newDoc(kind, id)
	raw, err := f.load(k)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", k, err)
	}
	if raw != nil {
		if err := json.Unmarshal(raw, d); err != nil {
			return nil, fmt.Errorf("decode %s: %w", k, err)
		}
		if d.F == nil {
			d.F = map[string]string{}
		}
		d.wrote(raw)
	}
	f.docs[k] = d
	f.touch(k)
	return d, nil
}

// peek returns a field of another document without marking it touched:
// names shown beside a reference. Only facts fixed at registration are
// read this way, so a replay reads the same value whatever the index holds.
func (f *fold) peek(kind, id, field string) string {
	k := docKey(kind, id)
	if d, ok := f.cached(k); ok {
		return d.F[field]
	}
	raw, err := f.load(k)
	if err != nil || raw == nil {
		return ""
	}
	d := newDoc(kind, id)
	if json.Unmarshal(raw, d) != nil {
		return ""
	}
	if d.F == nil {
		d.F = map[string]string{}
	}
	d.wrote(raw)
	f.docs[k] = d
	return d.F[field]
}

// apply folds one envelope. Events of other kinds are ignored.
func (f *fold) apply(env runner.Envelope) error {
	// The record's day is its civil day in China, as every from/to day of
	// the API means it (query.DayBound).
	day := query.DayOf(env.Metadata.OccurredAt)
	switch ev := env.Event.(type) {
	case enterprise.Registered:
		d, err := f.get(KindEnterprise, ev.USCC)
		if err != nil {
			return err
		}
		d.set("name", ev.Name)
		d.set("region", ev.Region)
		d.set("date", day)
		d.F["food"] = strconv.FormatBool(ev.FoodOperator)
		roles := slices.Clone(ev.Roles)
		slices.Sort(roles)
		d.F["roles"] = joinWords(roles)
		add(&d.Visible, ev.USCC)
	case enterprise.PenaltyImposed:
		d, err := f.get(KindEnterprise, ev.USCC)
		if err != nil {
			return err
		}
		add(&d.Notes, ev.Authority+" "+ev.Reason)
		add(&d.Visible, ev.USCC)
	case product.Registered, product.BarcodeNotified, product.CertificateIssued, product.CertificateRejected, product.CertificateRevoked,
		product.CertificateAmended:
		return f.product(ev, day)
	case batch.Registered, batch.Cleared, batch.Shipped, batch.Received, batch.Sold, batch.Recalled, batch.Inspected:
		return f.batch(ev)
	case customs.Declared, customs.Inspected, customs.Released, customs.Rejected:
		return f.declaration(ev, day)
	case complaint.Filed, complaint.Accepted, complaint.Refused, complaint.InvestigationStarted, complaint.Resolved, complaint.Transferred:
		return f.complaint(ev, day)
	case recall.Started, recall.Closed:
		return f.recall(ev, day)
	}
	return nil
}

// holder gives uscc sight of a batch, of its product, of the recalls that
// name the batch, and of the enterprises it trades with.
func (f *fold) holder(b *doc, uscc string) error {
	if uscc == "" {
		return nil
	}
	add(&b.Visible, uscc)
	p, err := f.get(KindProduct, b.F["gtin"])
	if err != nil {
		return err
	}
	add(&p.Visible, uscc)
	for _, id := range b.Links {
		r, err := f.get(KindRecall, id)
		if err != nil {
			return err
		}
		add(&r.Visible, uscc)
	}
	return nil
}

// partners lets two enterprises that traded find each other by name.
func (f *fold) partners(a, b string) error {
	if a == "" || b == "" || a == b {
		return nil
	}
	da, err := f.get(KindEnterprise, a)
	if err != nil {
		return err
	}
	db, err := f.get(KindEnterprise, b)
	if err != nil {
		return err
	}
	add(&da.Visible, a, b)
	add(&db.Visible, a, b)
	return nil
}

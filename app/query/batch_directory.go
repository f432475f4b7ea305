package query

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
)

// BatchSummary is one batch (lot) as the batch directory lists it.
type BatchSummary struct {
	GTIN         string    `json:"gtin"`
	Lot          string    `json:"lot"`
	OwnerUSCC    string    `json:"owner_uscc"`
	Origin       string    `json:"origin_country,omitempty"`
	Imported     bool      `json:"imported"`
	Quantity     int64     `json:"quantity"`
	ProducedOn   string    `json:"produced_on,omitempty"`
	ExpiresOn    string    `json:"expires_on,omitempty"`
	RegisteredAt time.Time `json:"registered_at"`
	// Clearance is customs' decision on the batch (released, rejected), if
	// any; Recalls the recalls naming it.
	Clearance string   `json:"clearance,omitempty"`
	Recalls   []string `json:"recalls"`
}

// BatchFilter selects batches: each set field must match. Holder is an
// enterprise that held or holds units of the batch (its owner included);
// ExpiresBefore and ExpiresAfter (YYYY-MM-DD, exclusive) bound the expiry
// date; Recalled, when set, keeps the batches a recall names (true) or
// none names (false).
type BatchFilter struct {
	GTIN          string
	Owner         string
	Holder        string
	ExpiresBefore string
	ExpiresAfter  string
	Recalled      *bool

	// Lot and Origin keep one lot and one origin country; Registered the
	// batches registered in the range.
	Lot, Origin string
	Registered  TimeRange
}

// BatchDirectoryModel lists batches every one of involving held or holds
// units of (all of them when none is given); a failed read is an error,
// never a shorter list. *trace.Projection implements it.
type BatchDirectoryModel interface {
	Batches(involving ...string) ([]BatchSummary, error)
}

// BatchSorts are the batch directory's sort keys, the default first.
var BatchSorts = []string{"registered", "gtin", "expires"}

// BatchDirectory answers the batch directory: overseers list every batch,
// an enterprise the batches it held or holds units of (the others are
// absent, not refused).
type BatchDirectory struct {
	consistency
	model BatchDirectoryModel
}

// NewBatchDirectory reads model once progress has reached the client's
// position.
func NewBatchDirectory(model BatchDirectoryModel, progress Progress) *BatchDirectory {
	return &BatchDirectory{consistency: consistency{progress}, model: model}
}

// List is a page of the batches rd's actor may see that match f, sorted
// and paged by pg.
func (q *BatchDirectory) List(ctx context.Context, rd Read, f BatchFilter, pg DirectoryPage) ([]BatchSummary, string, error) {
	if err := mayBrowse(rd.Actor); err != nil {
		return nil, "", err
	}
	for _, d := range []struct{ field, value string }{{"expires_before", f.ExpiresBefore}, {"expires_after", f.ExpiresAfter}} {
		if _, err := time.Parse(time.DateOnly, d.value); d.value != "" && err != nil {
			return nil, "", domain.Invalid(d.field, "not_yyyy_mm_dd_date", "%q is not a YYYY-MM-DD date", d.value)
		}
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	var involving []string
	if own, only := rd.Actor.OwnOnly(); only {
		involving = append(involving, own)
	}
	if f.Holder != "" {
		involving = append(involving, f.Holder)
	}
	all, err := q.model.Batches(involving...)
	if err != nil {
		return nil, "", err
	}
	var rows []BatchSummary
	for _, b := range all {
		if (f.GTIN != "" && b.GTIN != f.GTIN) || (f.Lot != "" && b.Lot != f.Lot) || (f.Origin != "" && b.Origin != f.Origin) ||
			!f.Registered.Holds(b.RegisteredAt) || (f.Owner != "" && b.OwnerUSCC != f.Owner) ||
			(f.ExpiresBefore != "" && (b.ExpiresOn == "" || b.ExpiresOn >= f.ExpiresBefore)) ||
			(f.ExpiresAfter != "" && (b.ExpiresOn == "" || b.ExpiresOn <= f.ExpiresAfter)) ||
			(f.Recalled != nil && (len(b.Recalls) > 0) != *f.Recalled) {
			continue
		}
		rows = append(rows, b)
	}
	id := func(b BatchSummary) string { return b.GTIN + "/" + b.Lot }
	return pageSorted(rows, pg, BatchSorts, map[string]func(BatchSummary) sortKey{
		"registered": func(b BatchSummary) sortKey { return sortKey{timeKey(b.RegisteredAt), id(b)} },
		"gtin":       func(b BatchSummary) sortKey { return sortKey{id(b), id(b)} },
		"expires":    func(b BatchSummary) sortKey { return sortKey{b.ExpiresOn, id(b)} },
	})
}

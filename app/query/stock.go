package query

import (
	"context"
	"fmt"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// HeldBatch is one batch an enterprise holds units of now, as its stock
// page lists it: its own units in stock and on their way to a receiver
// (in transit counts at the sender until received, as the recall list
// counts it), what it sold and took back, the batch's expiry date and the
// recalls naming it.
type HeldBatch struct {
	GTIN      string   `json:"gtin"`
	Lot       string   `json:"lot"`
	OwnerUSCC string   `json:"owner_uscc"`
	Imported  bool     `json:"imported"`
	ExpiresOn string   `json:"expires_on,omitempty"`
	InStock   int64    `json:"in_stock"`
	InTransit int64    `json:"in_transit"`
	Sold      int64    `json:"sold"`
	Returned  int64    `json:"returned"`
	Recalled  bool     `json:"recalled"`
	Recalls   []string `json:"recalls"`
}

// StockModel lists the batches uscc holds units of now (in stock or in
// transit), in no particular order; a failed read is an error, never a
// shorter list. *trace.Projection implements it.
type StockModel interface {
	Held(uscc string) ([]HeldBatch, error)
}

// StockSorts are the stock list's sort keys, the default first: the batch
// that expires first is the one to sell or clear first.
var StockSorts = []string{"expires", "gtin", "in_stock"}

// Stocks answers an enterprise's stock by batch: overseers read any
// enterprise's, an enterprise its own (another's answers as an unknown
// enterprise).
type Stocks struct {
	consistency
	model StockModel
}

// NewStocks reads model once progress has reached the client's position.
func NewStocks(model StockModel, progress Progress) *Stocks {
	return &Stocks{consistency: consistency{progress}, model: model}
}

// Of is a page of the batches enterprise uscc holds units of now, sorted
// and paged by pg.
func (q *Stocks) Of(ctx context.Context, rd Read, uscc string, pg DirectoryPage) ([]HeldBatch, string, error) {
	if err := mayBrowse(rd.Actor); err != nil {
		return nil, "", err
	}
	if err := access.MayReadStock(rd.Actor, uscc); err != nil {
		return nil, "", unseen(err, domain.NotFound("uscc", "enterprise_not_known_ledger", "enterprise %s is not known to the ledger", uscc))
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	held, err := q.model.Held(uscc)
	if err != nil {
		return nil, "", err
	}
	id := func(b HeldBatch) string { return b.GTIN + "/" + b.Lot }
	return pageSorted(held, pg, StockSorts, map[string]func(HeldBatch) sortKey{
		// A batch without an expiry date sorts after every dated one.
		"expires":  func(b HeldBatch) sortKey { return sortKey{expiryKey(b.ExpiresOn), id(b)} },
		"gtin":     func(b HeldBatch) sortKey { return sortKey{id(b), id(b)} },
		"in_stock": func(b HeldBatch) sortKey { return sortKey{fmt.Sprintf("%020d", b.InStock), id(b)} },
	})
}

func expiryKey(day string) string {
	if day == "" {
		return "~"
	}
	return day
}

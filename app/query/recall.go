package query

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// RecallModel answers recall lists as of a time; *recalllist.Projection
// implements it.
type RecallModel interface {
	Get(ctx context.Context, id string, now time.Time, dir Directory) (RecallList, error)
	All(ctx context.Context, now time.Time, dir Directory) ([]RecallList, error)
	Inbox(ctx context.Context, uscc string, now time.Time, dir Directory, after uint64, limit int) ([]RecallNotice, uint64, error)
}

// Recalls answers recall lists. Overseers see every list whole; an
// enterprise sees the whole list of a recall it initiated and only its own
// row (and that row's progress) of a recall it holds units of.
type Recalls struct {
	consistency
	model    RecallModel
	dir      Directory
	products ProductNames
}

// ProductNames gives a product's registered name by GTIN-14 (ok is false
// for an unknown product); the certificate model implements it.
type ProductNames interface {
	ProductName(gtin string) (name string, ok bool)
}

// WithProducts names the recalled products from p (without it they carry
// their GTIN only). The progress q waits for must then cover p's model.
func (q *Recalls) WithProducts(p ProductNames) *Recalls {
	q.products = p
	return q
}

// named fills in the names of l's products.
func (q *Recalls) named(l RecallList) RecallList {
	if q.products == nil || len(l.Products) == 0 {
		return l
	}
	ps := make([]RecallProduct, len(l.Products))
	for i, p := range l.Products {
		ps[i] = p
		ps[i].Name, _ = q.products.ProductName(p.GTIN)
	}
	l.Products = ps
	return l
}

// NewRecalls reads model, with names and contacts from dir, once progress
// has reached the client's position.
func NewRecalls(model RecallModel, dir Directory, progress Progress) *Recalls {
	return &Recalls{consistency: consistency{progress}, model: model, dir: dir}
}

// Get is recall id's list as of now, as much of it as rd's actor may see.
func (q *Recalls) Get(ctx context.Context, rd Read, id string, now time.Time) (RecallList, error) {
	if err := q.await(ctx, rd); err != nil {
		return RecallList{}, err
	}
	l, err := q.model.Get(ctx, id, now, q.dir)
	if err != nil {
		return RecallList{}, err
	}
	l, ok := visible(rd.Actor, l)
	if !ok {
		return RecallList{}, domain.NotFound("id", "recall_not_known", "recall %s is not known", id)
	}
	return q.named(l), nil
}

// All is every recall rd's actor may see as of now, each as much as it may
// see (without names and contacts: a summary).
func (q *Recalls) All(ctx context.Context, rd Read, now time.Time) ([]RecallList, error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, err
	}
	all, err := q.model.All(ctx, now, nil)
	if err != nil {
		return nil, fmt.Errorf("read recall lists: %w", err)
	}
	var out []RecallList
	for _, l := range all {
		if l, ok := visible(rd.Actor, l); ok {
			out = append(out, q.named(l))
		}
	}
	return out, nil
}

// Inbox is the recall notices of rd's actor, an enterprise: the open
// recalls it holds units of (and did not start), a page after position
// after (see RecallModel.Inbox). Overseers hold no units: they have no
// inbox.
func (q *Recalls) Inbox(ctx context.Context, rd Read, now time.Time, after uint64, limit int) ([]RecallNotice, uint64, error) {
	if !rd.Actor.IsEnterprise() {
		return nil, 0, domain.Forbidden("", "only_enterprise_has_recall_notice", "only an enterprise has a recall notice inbox")
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, 0, err
	}
	ns, next, err := q.model.Inbox(ctx, rd.Actor.USCC, now, q.dir, after, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("read recall notices: %w", err)
	}
	for i := range ns {
		ns[i].RecallList = q.named(ns[i].RecallList)
	}
	return ns, next, nil
}

// visible is what a may see of l; ok is false when nothing.
func visible(a access.Actor, l RecallList) (RecallList, bool) {
	if uscc, only := a.OwnOnly(); only {
		return l.For(uscc)
	}
	return l, true
}

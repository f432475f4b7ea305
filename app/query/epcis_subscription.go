package query

import (
	"context"
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/domain/epcissub"
)

// EPCISSubscription is a webhook subscription to a named EPCIS query, as
// the subscription model folds it.
type EPCISSubscription struct {
	ID        string
	Owner     string
	QueryName string
	// Query is the named query's parameters (URL-encoded).
	Query string
	// Subscriber is the reader whose read rule deliveries follow.
	Subscriber access.Actor
	Dest       string
	// SignatureSealed is the sealed signature token ("": unsigned).
	SignatureSealed string
	Stream          bool
	// Schedule, when set, is when a scheduled subscription runs, and
	// ReportIfEmpty whether a run without events still reports.
	Schedule          *epcissub.Schedule
	ReportIfEmpty     bool
	InitialRecordTime *time.Time
	EPCFormat         string
	CreatedAt         time.Time
	// Position is where the subscription was recorded: without an
	// initial record time, deliveries start after it.
	Position uint64
	// Active is false once cancelled or once its query was deleted.
	Active bool
}

// EPCISSubscriptionModel is the read model of subscriptions.
// *epcissub.Projection implements it.
type EPCISSubscriptionModel interface {
	// EPCISSubscriptions are the active subscriptions of an owner's query,
	// oldest first; all of them when owner is "".
	EPCISSubscriptions(owner, queryName string) []EPCISSubscription
	// EPCISSubscription is one subscription, active or not.
	EPCISSubscription(id string) (EPCISSubscription, bool)
}

// EPCISSubscriptions answers a reader's subscriptions.
type EPCISSubscriptions struct {
	consistency
	model EPCISSubscriptionModel
}

// NewEPCISSubscriptions reads model once progress has reached the
// client's position.
func NewEPCISSubscriptions(model EPCISSubscriptionModel, progress Progress) *EPCISSubscriptions {
	return &EPCISSubscriptions{consistency: consistency{progress}, model: model}
}

// Of lists the active subscriptions of the reader's query queryName, after
// the subscription after ("" from the first), at most limit; next is the
// last id when more follow.
func (q *EPCISSubscriptions) Of(ctx context.Context, rd Read, queryName, after string, limit int) (page []EPCISSubscription, next string, err error) {
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	if err := probeRole(rd.Actor); err != nil {
		return nil, "", err
	}
	all := q.model.EPCISSubscriptions(epcisquery.OwnerOf(rd.Actor), queryName)
	i := 0
	if after != "" {
		i = slices.IndexFunc(all, func(s EPCISSubscription) bool { return s.ID == after }) + 1
	}
	page = all[i:min(i+limit, len(all))]
	if i+limit < len(all) {
		next = page[len(page)-1].ID
	}
	return page, next, nil
}

// Get is one of the reader's active subscriptions of queryName; another
// reader's, a cancelled one and a missing one answer alike.
func (q *EPCISSubscriptions) Get(ctx context.Context, rd Read, queryName, id string) (EPCISSubscription, error) {
	if err := q.await(ctx, rd); err != nil {
		return EPCISSubscription{}, err
	}
	if err := probeRole(rd.Actor); err != nil {
		return EPCISSubscription{}, err
	}
	s, ok := q.model.EPCISSubscription(id)
	if !ok || !s.Active || s.Owner != epcisquery.OwnerOf(rd.Actor) || s.QueryName != queryName {
		return EPCISSubscription{}, domain.NotFound("subscriptionID", "no_such_subscription", "no such subscription")
	}
	return s, nil
}

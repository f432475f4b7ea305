package command

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/domain/epcissub"
)

// SubscribeEPCISQuery subscribes a webhook to one of the reader's named
// EPCIS queries. SignatureToken is the client's HMAC key for deliveries,
// sealed before it is recorded.
type SubscribeEPCISQuery struct {
	Common
	QueryName         string             `json:"-"`
	Dest              string             `json:"dest" text:"para"`
	SignatureToken    string             `json:"signatureToken"`
	Stream            bool               `json:"stream"`
	Schedule          *epcissub.Schedule `json:"schedule,omitempty"`
	ReportIfEmpty     bool               `json:"reportIfEmpty,omitempty"`
	InitialRecordTime *time.Time         `json:"initialRecordTime,omitempty"`
	EPCFormat         string             `json:"epcFormat,omitempty"`
}

// UnsubscribeEPCISQuery cancels one of the reader's subscriptions.
type UnsubscribeEPCISQuery struct {
	Common
	SubscriptionID string `json:"-"`
}

// SubscribeEPCISQuery records a webhook subscription (any reader, to its
// own named query, read from the query's stream under a read lock, so a
// deletion cannot cross it); the outcome names the new subscription's id,
// kept with an idempotency key.
func (h *Handlers) SubscribeEPCISQuery(ctx context.Context, a access.Actor, in SubscribeEPCISQuery) (Outcome, error) {
	return h.execute("SubscribeEPCISQuery", a, in, func() (Outcome, error) {
		owner := epcisquery.OwnerOf(a)
		if err := epcisquery.CheckName(in.QueryName); err != nil {
			return Outcome{}, domain.NotFound("queryName", "no_query_named", "no query is named %s", in.QueryName)
		}
		id := newV7().String()
		qs := epcisquery.Stream(owner, in.QueryName)
		u := h.begin(h.metadata(ctx, a, in.Common), []string{epcissub.Stream(id)}, []string{qs})
		defer u.end()
		text, err := h.namedQuery(ctx, qs)
		if err != nil {
			return Outcome{}, err
		}
		if text == "" {
			return Outcome{}, domain.NotFound("queryName", "no_query_named", "no query is named %s", in.QueryName)
		}
		c := epcissub.Created{ID: id, Owner: owner, Role: string(a.Role), USCC: a.USCC, QueryName: in.QueryName, Query: text,
			Dest: in.Dest, Stream: in.Stream, Schedule: in.Schedule, ReportIfEmpty: in.ReportIfEmpty, EPCFormat: in.EPCFormat}
		if in.InitialRecordTime != nil {
			t := in.InitialRecordTime.UTC()
			c.InitialRecordTime = &t
		}
		if in.SignatureToken != "" {
			if h.sealer == nil {
				return Outcome{}, domain.Invalid("signatureToken", "this_server_keeps_no_key", "this server keeps no key to seal it with")
			}
			sealed, err := h.sealer.Seal(id, in.SignatureToken)
			if err != nil {
				return Outcome{}, err
			}
			c.SignatureSealed = sealed
		}
		s, err := load(ctx, u, epcissub.Stream(id), epcissub.Load)
		if err != nil {
			return Outcome{}, err
		}
		if err := s.Create(c); err != nil {
			return Outcome{}, err
		}
		return u.commitWith(ctx, Outcome{SubscriptionID: id})
	})
}

// namedQuery reads a named query's stream: its parameters while it is
// defined, "" when it is not.
func (h *Handlers) namedQuery(ctx context.Context, stream string) (string, error) {
	recs, err := h.store.ReadStream(ctx, stream, 0)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", stream, err)
	}
	text := ""
	for _, r := range recs {
		decode, ok := epcisquery.Decoders[r.Type]
		if !ok {
			continue
		}
		e, err := decode(r)
		if err != nil {
			return "", fmt.Errorf("read %s: %w", stream, err)
		}
		switch e := e.(type) {
		case epcisquery.Defined:
			text = e.Query
		case epcisquery.Deleted:
			text = ""
		}
	}
	return text, nil
}

// UnsubscribeEPCISQuery cancels one of the reader's subscriptions.
func (h *Handlers) UnsubscribeEPCISQuery(ctx context.Context, a access.Actor, in UnsubscribeEPCISQuery) (Outcome, error) {
	return h.execute("UnsubscribeEPCISQuery", a, in, func() (Outcome, error) {
		return decideOn(ctx, h, h.metadata(ctx, a, in.Common), epcissub.Stream(in.SubscriptionID), epcissub.Load,
			func(s *epcissub.Subscription) error { return s.Cancel(epcisquery.OwnerOf(a)) })
	})
}

// maySubscribeEPCIS: those who read histories subscribe to their queries.
func maySubscribeEPCIS(a access.Actor) error {
	if !slices.Contains(access.Readers, a.Role) {
		return domain.Forbidden("", "role_may_not_subscribe_epcis", "role %s may not subscribe to EPCIS queries", a.Role)
	}
	return nil
}

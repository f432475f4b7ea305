package command

import (
	"context"
	"slices"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/epcisquery"
	"github.com/traceledger/traceledger/domain/epcissub"
)

// SubscribeEPCISQuery subscribes a webhook to one of the reader's named
// EPCIS queries. Query is the named query's parameters as the EPCIS port
// read them; SignatureToken is the client's HMAC key for deliveries,
// sealed before it is recorded.
type SubscribeEPCISQuery struct {
	Common
	QueryName         string             `json:"-"`
	Query             string             `json:"query" text:"para"`
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
// own named query); the outcome names the new subscription's id.
func (h *Handlers) SubscribeEPCISQuery(ctx context.Context, a access.Actor, in SubscribeEPCISQuery) (Outcome, error) {
	return h.execute("SubscribeEPCISQuery", in, maySubscribeEPCIS(a), func() (Outcome, error) {
		id := newV7().String()
		c := epcissub.Created{ID: id, Owner: epcisquery.OwnerOf(a), Role: string(a.Role), USCC: a.USCC,
			QueryName: in.QueryName, Query: in.Query, Dest: in.Dest, Stream: in.Stream, Schedule: in.Schedule,
			ReportIfEmpty: in.ReportIfEmpty, EPCFormat: in.EPCFormat}
		if in.InitialRecordTime != nil {
			t := in.InitialRecordTime.UTC()
			c.InitialRecordTime = &t
		}
		if in.SignatureToken != "" {
			if h.sealer == nil {
				return Outcome{}, domain.Invalid("signatureToken", "this server keeps no key to seal it with")
			}
			sealed, err := h.sealer.Seal(id, in.SignatureToken)
			if err != nil {
				return Outcome{}, err
			}
			c.SignatureSealed = sealed
		}
		out, err := decideOn(ctx, h, h.metadata(ctx, a, in.Common), epcissub.Stream(id), epcissub.Load,
			func(s *epcissub.Subscription) error { return s.Create(c) })
		out.SubscriptionID = id
		return out, err
	})
}

// UnsubscribeEPCISQuery cancels one of the reader's subscriptions.
func (h *Handlers) UnsubscribeEPCISQuery(ctx context.Context, a access.Actor, in UnsubscribeEPCISQuery) (Outcome, error) {
	return h.execute("UnsubscribeEPCISQuery", in, maySubscribeEPCIS(a), func() (Outcome, error) {
		return decideOn(ctx, h, h.metadata(ctx, a, in.Common), epcissub.Stream(in.SubscriptionID), epcissub.Load,
			func(s *epcissub.Subscription) error { return s.Cancel(epcisquery.OwnerOf(a)) })
	})
}

// maySubscribeEPCIS: those who read histories subscribe to their queries.
func maySubscribeEPCIS(a access.Actor) func() error {
	return func() error {
		if !slices.Contains(access.Readers, a.Role) {
			return domain.Forbidden("", "role %s may not subscribe to EPCIS queries", a.Role)
		}
		return nil
	}
}

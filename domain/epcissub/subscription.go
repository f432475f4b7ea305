// Package epcissub is the EPCIS query subscription aggregate: a standing
// order to deliver every new event matching one of a reader's named EPCIS
// queries to a webhook (the binding's dest), for as long as neither the
// subscriber cancels it nor the query is deleted. WebSocket subscriptions
// last as long as their connection and are not recorded.
package epcissub

import (
	"net/url"
	"strings"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Event type names, written by hand and versioned.
const (
	TypeCreated   = "epcis.subscription_created.v1"
	TypeCancelled = "epcis.subscription_cancelled.v1"
)

// Created: Owner subscribed Dest to its query QueryName. Query is the
// query's parameters when it subscribed (a name holds one query until it
// is deleted, and deleting it ends the subscription, so they never
// change). Role and USCC are the subscriber's: deliveries follow the read
// rule of that reader. The signature token (the binding's signatureToken,
// the HMAC key of every delivery) is sealed with a key the log never
// holds, bound to the subscription's id.
type Created struct {
	ID                string     `json:"id"`
	Owner             string     `json:"owner"`
	Role              string     `json:"role"`
	USCC              string     `json:"uscc,omitempty"`
	QueryName         string     `json:"query_name"`
	Query             string     `json:"query"`
	Dest              string     `json:"dest"`
	SignatureSealed   string     `json:"signature_token_sealed,omitempty"`
	Stream            bool       `json:"stream"`
	Schedule          *Schedule  `json:"schedule,omitempty"`
	ReportIfEmpty     bool       `json:"report_if_empty,omitempty"`
	InitialRecordTime *time.Time `json:"initial_record_time,omitempty"`
	EPCFormat         string     `json:"epc_format,omitempty"`
}

// Cancelled: the subscriber unsubscribed.
type Cancelled struct {
	ID        string `json:"id"`
	Owner     string `json:"owner"`
	QueryName string `json:"query_name"`
}

// EventType names the event.
func (Created) EventType() string { return TypeCreated }

// EventType names the event.
func (Cancelled) EventType() string { return TypeCancelled }

// Decoders decode the stored events of this aggregate.
var Decoders = aggregate.Decoders{
	TypeCreated:   aggregate.As[Created](),
	TypeCancelled: aggregate.As[Cancelled](),
}

// MaxDest is the longest webhook URL.
const MaxDest = 2000

// Stream is the stream of one subscription.
func Stream(id string) string { return "epcissub-" + id }

// Subscription is one webhook subscription and whether it still runs.
type Subscription struct {
	aggregate.Root
	created   *Created
	cancelled bool
}

// Load rebuilds a subscription from its stream.
func Load(recs []event.Record) (*Subscription, error) {
	s := &Subscription{}
	return s, aggregate.Replay("epcissub", recs, Decoders, &s.Root, s.apply)
}

// Create records a new subscription. The binding makes a subscription
// say when it is delivered, one way only: stream (each new matching event
// as it is recorded) or a schedule (the events since the last run, at
// each time it names).
func (s *Subscription) Create(c Created) error {
	if s.created != nil {
		return domain.Conflict("subscription_exists", "subscription %s exists", c.ID)
	}
	if c.ID == "" || c.Owner == "" || c.QueryName == "" || c.Query == "" {
		return domain.Invalid("subscriptionID", "subscription_names_id_owner_and", "a subscription names its id, owner and query")
	}
	if err := CheckDest(c.Dest); err != nil {
		return err
	}
	switch {
	case c.Stream && c.Schedule != nil:
		return domain.Invalid("schedule", "subscription_either_stream_or_scheduled", "a subscription is either stream or scheduled, not both")
	case c.Schedule != nil:
		if err := c.Schedule.Check(); err != nil {
			return err
		}
	case !c.Stream:
		return domain.Invalid("stream", "must_true_unless_schedule_given", "must be true unless a schedule is given: the binding asks a subscription to say when it is delivered")
	}
	s.Raise(c, s.apply)
	return nil
}

// Cancel ends a running subscription; only its owner may, and to anyone
// else it answers as a missing one.
func (s *Subscription) Cancel(owner string) error {
	if s.created == nil || s.cancelled || s.created.Owner != owner {
		return domain.NotFound("subscriptionID", "no_such_subscription", "no such subscription")
	}
	s.Raise(Cancelled{ID: s.created.ID, Owner: owner, QueryName: s.created.QueryName}, s.apply)
	return nil
}

// CheckDest refuses a webhook URL that is not an absolute http or https
// URL with a host, is longer than MaxDest or holds spaces or controls.
func CheckDest(dest string) error {
	if dest == "" || len(dest) > MaxDest || strings.ContainsFunc(dest, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return domain.Invalid("dest", "must_http_or_https_url", "must be an http or https URL of at most %d characters", MaxDest)
	}
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return domain.Invalid("dest", "must_absolute_http_or_https", "must be an absolute http or https URL without credentials")
	}
	return nil
}

func (s *Subscription) apply(e event.Event) {
	switch e := e.(type) {
	case Created:
		s.created = &e
	case Cancelled:
		s.cancelled = true
	}
}

package command

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

// Options tune the handlers. Zero values give the production behaviour.
type Options struct {
	// Now is the clock (default time.Now).
	Now func() time.Time
	// NewID makes event and entity ids (default time-ordered UUIDv7: the event
	// store's unique index on event ids then grows at its end instead of being
	// written at a random page per event). The demo passes a seeded generator
	// so its data set is the same on every run.
	NewID func() uuid.UUID
	// BaseURL is the resolver base of the Digital Link codes labels answer
	// with, e.g. "https://id.example.cn".
	BaseURL string
	// CacheSize bounds how many aggregates stay in memory (default 50,000).
	CacheSize int
	// Sealer seals an enterprise's webhook secret into its registration
	// event, so the secret is recorded in the same atomic append as the
	// registration and never in clear in the log (which every regulator
	// reads and which is kept forever). Without one, a secret is dropped.
	Sealer Sealer
}

// Sealer encrypts and authenticates a webhook secret, bound to the
// enterprise it belongs to, with a key the log never holds
// (adapters/notify).
type Sealer interface {
	Seal(uscc, secret string) (string, error)
}

// Handlers decides every command of the ledger against the event store.
// Aggregates stay cached between commands; commands on the same streams are
// serialised in this process by striped locks, so the cache never holds an
// aggregate another command is changing, and concurrent commands on distinct
// streams reach the store together (its group commit batches them).
type Handlers struct {
	store   event.Store
	cache   *cache
	locks   *lockTable
	now     func() time.Time
	newID   func() uuid.UUID
	baseURL string
	sealer  Sealer
}

// NewHandlers builds the handlers on a store.
func NewHandlers(store event.Store, o Options) *Handlers {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.NewID == nil {
		o.NewID = newV7
	}
	if o.BaseURL == "" {
		o.BaseURL = "https://id.gs1.org"
	}
	if o.CacheSize <= 0 {
		o.CacheSize = 50_000
	}
	return &Handlers{store: store, cache: newCache(o.CacheSize), locks: newLockTable(), now: o.Now, newID: o.NewID, baseURL: o.BaseURL,
		sealer: o.Sealer}
}

type ctxKey int

const (
	correlationKey ctxKey = iota
	causationKey
)

// WithCorrelation returns a context whose commands record the given
// correlation and causation ids in their events' metadata.
func WithCorrelation(ctx context.Context, correlationID, causationID string) context.Context {
	ctx = context.WithValue(ctx, correlationKey, correlationID)
	return context.WithValue(ctx, causationKey, causationID)
}

func (h *Handlers) metadata(ctx context.Context, a access.Actor, c Common) event.Metadata {
	md := event.Metadata{ActorUSCC: a.USCC, ActorRole: string(a.Role), OccurredAt: h.now().UTC()}
	if c.OccurredAt != nil {
		md.OccurredAt = c.OccurredAt.UTC()
	}
	md.CorrelationID, _ = ctx.Value(correlationKey).(string)
	md.CausationID, _ = ctx.Value(causationKey).(string)
	return md
}

// newV7 is a time-ordered random UUID. uuid.NewV7 fails only when the system's
// random source does, as uuid.New would panic then too.
func newV7() uuid.UUID { return uuid.Must(uuid.NewV7()) }

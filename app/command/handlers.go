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
	// Now is the ledger's clock (default time.Now): every rule is judged at
	// it, whatever occurred_at a client claims.
	Now func() time.Time
	// SimulatedPast judges each command at the occurred_at it carries, as
	// if the ledger's clock had read it then: for the demo, which records a
	// simulated past in order. Never set it for a port that takes clients'
	// input: it lets occurred_at decide what the rules allow.
	SimulatedPast bool
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
	// Observer hears how every command ended (default: nobody).
	Observer Observer
	// NewFollowUpCode makes the secret code a consumer follows a complaint
	// with (default: 80 bits from crypto/rand). The demo passes a seeded
	// generator so its data set is the same on every run.
	NewFollowUpCode func() string
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
	store         event.Store
	cache         *cache
	locks         *lockTable
	now           func() time.Time
	newID         func() uuid.UUID
	simulatedPast bool
	baseURL       string
	sealer        Sealer
	observer      Observer
	newCode       func() string
	// doc, when set, is the document unit every command of these handlers
	// decides in (see within).
	doc *document
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
	if o.Observer == nil {
		o.Observer = noObserver{}
	}
	if o.NewFollowUpCode == nil {
		o.NewFollowUpCode = RandomFollowUpCode
	}
	return &Handlers{store: store, cache: newCache(o.CacheSize), locks: newLockTable(), now: o.Now, simulatedPast: o.SimulatedPast, newID: o.NewID, baseURL: o.BaseURL,
		sealer: o.Sealer, observer: o.Observer, newCode: o.NewFollowUpCode}
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

// recording is when and by whom a command is recorded: the ledger's clock
// (now), by which every rule is judged, and the metadata of its events,
// whose occurred_at is the client's claim when it made one.
type recording struct {
	md      event.Metadata
	now     time.Time
	claimed *time.Time // the client's occurred_at as sent, checked at commit
}

func (h *Handlers) metadata(ctx context.Context, a access.Actor, c Common) recording {
	now := h.now().UTC()
	if h.simulatedPast && c.OccurredAt != nil {
		now = c.OccurredAt.UTC()
	}
	md := event.Metadata{ActorUSCC: a.USCC, ActorRole: string(a.Role), OccurredAt: now}
	if c.OccurredAt != nil {
		md.OccurredAt = c.OccurredAt.UTC()
	}
	md.CorrelationID, _ = ctx.Value(correlationKey).(string)
	md.CausationID, _ = ctx.Value(causationKey).(string)
	return recording{md: md, now: now, claimed: c.OccurredAt}
}

// newV7 is a time-ordered random UUID. uuid.NewV7 fails only when the system's
// random source does, as uuid.New would panic then too.
func newV7() uuid.UUID { return uuid.Must(uuid.NewV7()) }

package query

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain/access"
)

// ServerStatus is what an admin watches: the log's head, every background
// component, every read model's checkpoint against the head, the newest
// signed checkpoints, and where the ledger delivers outside (EPCIS
// subscriptions' webhooks, enterprises' recall webhooks).
type ServerStatus struct {
	Head        uint64            `json:"head"`
	CheckedAt   time.Time         `json:"checked_at"`
	Components  []ComponentStatus `json:"components"`
	ReadModels  []ReadModelStatus `json:"read_models"`
	Checkpoints []CheckpointInfo  `json:"checkpoints"`
	// VerifierKey checks the checkpoints' signatures offline.
	VerifierKey   string               `json:"verifier_key,omitempty"`
	Subscriptions []SubscriptionStatus `json:"subscriptions"`
	Webhooks      []WebhookStatus      `json:"webhooks"`
}

// ComponentStatus is a background component as the supervisor reports it
// ("running", "restarting", "failed", "stopped"); Error is its last failure.
type ComponentStatus struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	Error    string `json:"error,omitempty"`
	Restarts int    `json:"restarts,omitempty"`
}

// ReadModelStatus is one projection's checkpoint: the log position it has
// applied and how many events it is behind the head. Runner names the
// runner that folds it (the read models, the search index, the EPCIS
// view, the ClickHouse sink).
type ReadModelStatus struct {
	Name     string `json:"name"`
	Runner   string `json:"runner"`
	Position uint64 `json:"position"`
	Lag      uint64 `json:"lag"`
	Failed   bool   `json:"failed"`
	Error    string `json:"error,omitempty"`
}

// CheckpointInfo is one signed checkpoint: the tree size and root hash it
// commits to, and when it was signed.
type CheckpointInfo struct {
	Size     uint64    `json:"size"`
	RootHash string    `json:"root_hash"`
	SignedAt time.Time `json:"signed_at"`
}

// SubscriptionStatus is one active EPCIS webhook subscription: where it
// delivers, the position it delivered through (its checkpoint) and its
// lag behind the head, and how its deliveries went since the server
// started.
type SubscriptionStatus struct {
	ID              string     `json:"id"`
	QueryName       string     `json:"query_name"`
	Subscriber      string     `json:"subscriber"`
	Dest            string     `json:"dest"`
	Scheduled       bool       `json:"scheduled"`
	Checkpoint      uint64     `json:"checkpoint"`
	Lag             uint64     `json:"lag"`
	LastDeliveredAt *time.Time `json:"last_delivered_at"`
	Failures        int        `json:"failures"`
	LastError       string     `json:"last_error,omitempty"`
}

// WebhookStatus is an enterprise's recall notice webhook.
type WebhookStatus struct {
	USCC string `json:"uscc"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url"`
}

// StatusSource gathers the server's status; the process wiring implements
// it over its runners, supervisor, notary and deliverers.
type StatusSource interface {
	Status(ctx context.Context) (ServerStatus, error)
}

// Operations answers the server's status.
type Operations struct{ source StatusSource }

// NewOperations reads the status from source.
func NewOperations(source StatusSource) *Operations { return &Operations{source: source} }

// MayReadStatus: the server's status (components, lags, webhooks and their
// destinations) is an admin's, who runs the server; it names no goods.
func MayReadStatus(a access.Actor) error { return roleIn(access.RoleAdmin)(a) }

// Status is the server's status, for an admin only.
func (q *Operations) Status(ctx context.Context, rd Read) (ServerStatus, error) {
	if err := MayReadStatus(rd.Actor); err != nil {
		return ServerStatus{}, err
	}
	st, err := q.source.Status(ctx)
	if err != nil {
		return ServerStatus{}, fmt.Errorf("server status: %w", err)
	}
	return st, nil
}

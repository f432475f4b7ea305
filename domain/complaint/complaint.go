// Package complaint is the 12315 consumer complaint aggregate: filed against
// an enterprise about a product, batch or item, then resolved as
// substantiated or not.
package complaint

import (
	"strings"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/aggregate"
	"github.com/traceledger/traceledger/domain/event"
)

// Event type names, written by hand and versioned.
const (
	TypeFiled    = "complaint.filed.v1"
	TypeResolved = "complaint.resolved.v1"
)

// Filed: a complaint was taken in.
type Filed struct {
	ComplaintID string `json:"complaint_id"`
	GTIN        string `json:"gtin"`
	Lot         string `json:"lot,omitempty"`
	Serial      string `json:"serial,omitempty"`
	AgainstUSCC string `json:"against_uscc"`
	Category    string `json:"category"`
	Severity    int    `json:"severity"`
	Channel     string `json:"channel"`
}

// Resolved: the complaint was closed.
type Resolved struct {
	ComplaintID   string `json:"complaint_id"`
	AgainstUSCC   string `json:"against_uscc"`
	Substantiated bool   `json:"substantiated"`
	Outcome       string `json:"outcome"`
}

// EventType names the event.
func (Filed) EventType() string { return TypeFiled }

// EventType names the event.
func (Resolved) EventType() string { return TypeResolved }

// Complaint is one complaint.
type Complaint struct {
	aggregate.Root
	f        Filed
	resolved bool
}

// Stream is the complaint's stream name.
func Stream(id string) string { return "complaint-" + id }

// Decoders decode the stored events of this aggregate, for its fold and for
// projections.
var Decoders = aggregate.Decoders{
	TypeFiled:    aggregate.As[Filed](),
	TypeResolved: aggregate.As[Resolved](),
}

// Load rebuilds a complaint from its stream.
func Load(recs []event.Record) (*Complaint, error) {
	c := &Complaint{}
	return c, aggregate.Replay("complaint", recs, Decoders, &c.Root, c.apply)
}

// File takes the complaint in once.
func (c *Complaint) File(f Filed) error {
	if c.f.ComplaintID != "" {
		return domain.Conflict("complaint %s already exists", f.ComplaintID)
	}
	if f.Severity < 1 || f.Severity > 3 {
		return domain.Invalid("severity", "must be 1, 2 or 3")
	}
	if strings.TrimSpace(f.Category) == "" {
		return domain.Invalid("category", "is required")
	}
	if strings.TrimSpace(f.Channel) == "" {
		return domain.Invalid("channel", "is required")
	}
	c.Raise(f, c.apply)
	return nil
}

// Resolve closes the complaint, once.
func (c *Complaint) Resolve(substantiated bool, outcome string) error {
	if c.f.ComplaintID == "" {
		return domain.NotFound("id", "complaint is not known")
	}
	if c.resolved {
		return domain.Conflict("complaint %s is already resolved", c.f.ComplaintID)
	}
	if strings.TrimSpace(outcome) == "" {
		return domain.Invalid("outcome", "is required")
	}
	c.Raise(Resolved{ComplaintID: c.f.ComplaintID, AgainstUSCC: c.f.AgainstUSCC, Substantiated: substantiated, Outcome: outcome}, c.apply)
	return nil
}

func (c *Complaint) apply(ev event.Event) {
	switch ev := ev.(type) {
	case Filed:
		c.f = ev
	case Resolved:
		c.resolved = true
	}
}

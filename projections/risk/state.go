package risk

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/holding"
)

// The fold's state. Every type is exported with JSON tags so that the
// snapshot is encoding/json of it (map keys sorted, slices in log order):
// the same events give the same bytes.

// state is the whole read model.
type state struct {
	Enterprises map[string]*Enterprise `json:"enterprises"`
	Batches     map[string]*Batch      `json:"batches"`
	Products    map[string]*Product    `json:"products"`
	// Declarations maps a declaration number to the importer that filed it.
	Declarations map[string]string  `json:"declarations"`
	Recalls      map[string]*Recall `json:"recalls"`
	// Blacklist is every listing and de-listing (class 4 entered or left),
	// in the order the fold saw them.
	Blacklist []query.BlacklistChange `json:"blacklist,omitempty"`
	// Listed is each enterprise's current listing: the index in Blacklist
	// of the change that listed it.
	Listed map[string]int `json:"listed,omitempty"`
	// Pending are the recalls whose completion deadline no event has yet
	// passed, in the order they started.
	Pending []string `json:"pending,omitempty"`
}

func newState() *state {
	return &state{Enterprises: map[string]*Enterprise{}, Batches: map[string]*Batch{}, Products: map[string]*Product{},
		Declarations: map[string]string{}, Recalls: map[string]*Recall{}, Listed: map[string]int{}}
}

// Enterprise is what the fold knows of one enterprise. The query adds the
// time-dependent features (recall deadlines missed, certificates expired
// while in use) to Facts.
type Enterprise struct {
	Registered bool                     `json:"registered,omitempty"`
	Name       string                   `json:"name,omitempty"`
	Facts      query.GradeFeatures      `json:"facts"`
	Serious    []query.SeriousViolation `json:"serious,omitempty"`
	// Recalls are the recalls it initiated or holds affected units of, in
	// the order it joined them; Products the GTINs it owns or notified.
	Recalls  []string `json:"recalls,omitempty"`
	Products []string `json:"products,omitempty"`
}

// The kinds of serious violation (DOMAIN.md).
const (
	ViolationSoldRecalled = "sold_recalled_goods"
	ViolationSmuggling    = "smuggling_customs_rejection"
	ViolationCustomsFine  = "customs_fine_over_limit"
	ViolationLevel1Recall = "level_1_recall_of_own_batch"
	// ViolationOverdueRecall is a recall of the enterprise's goods (or one
	// it must complete) past its deadline and not closed: it holds only
	// while the recall stays open, so completing it ends the listing.
	ViolationOverdueRecall = "overdue_recall_of_own_goods"
)

// Batch is where a batch's units are, as counts per holder: enough to know
// who still holds units when a recall is due.
type Batch struct {
	GTIN  string `json:"gtin"`
	Owner string `json:"owner,omitempty"`
	// Imported and ExpiresOn are the registration's: an imported batch is
	// sold only under a valid certificate, and no batch after its expiry.
	Imported  bool     `json:"imported,omitempty"`
	ExpiresOn string   `json:"expires_on,omitempty"`
	Recalls   []string `json:"recalls,omitempty"`
	Holders   holders  `json:"holders,omitempty"`
	// Transits are shipments not yet received, by shipment id; nil when
	// none is on its way.
	Transits map[string]Transit `json:"transits,omitempty"`
	// Sold are the labelled units sold and not returned since, by hash of
	// their serial: a returned serial is then known to come back from a
	// consumer, not out of the holder's stock.
	Sold *serialSet `json:"sold,omitempty"`
}

// Holding is one holder's units of a batch. Units on their way count at the
// sender until received, as in the batch aggregate's tallies.
type Holding struct {
	// Units are the holder's unlabelled units, folded by domain/holding's
	// rules as the batch aggregate folds them.
	holding.Units
	Labelled  int64 `json:"labelled,omitempty"`
	InTransit int64 `json:"in_transit,omitempty"`
}

// Outstanding is what a recall still waits for at this holder: units in
// stock or in transit.
func (h *Holding) Outstanding() int64 { return h.Stock + h.Labelled + h.InTransit }

// Transit is a shipment's part of a batch on its way.
type Transit struct {
	From     string `json:"from"`
	Quantity int64  `json:"quantity,omitempty"`
	Serials  int64  `json:"serials,omitempty"`
}

// Product is a GTIN's owner, notifier and current certificate.
type Product struct {
	Owner    string `json:"owner,omitempty"`
	Notifier string `json:"notifier,omitempty"`
	// Status is the stored certificate state: notified, issued, rejected or
	// revoked (expired is derived at query time from ValidTo).
	Status    string `json:"status,omitempty"`
	ValidFrom string `json:"valid_from,omitempty"`
	ValidTo   string `json:"valid_to,omitempty"`
	// Outstanding is the units of the GTIN's batches in stock or in transit.
	Outstanding int64 `json:"outstanding,omitempty"`
}

// Recall is a recall's deadline and, per affected holder, when it had
// accounted for every unit.
type Recall struct {
	Level     int    `json:"level"`
	Initiator string `json:"initiator,omitempty"`
	// Ordered: a regulator recorded it (责令召回); a recall the enterprise
	// recorded itself is voluntary. Owners are its batches' owners then;
	// Position, StartedAt and Reason are its start's.
	Ordered    bool                     `json:"ordered,omitempty"`
	Owners     []string                 `json:"owners,omitempty"`
	Position   uint64                   `json:"position,omitempty"`
	Reason     string                   `json:"reason,omitempty"`
	Batches    []string                 `json:"batches"`
	CompleteBy time.Time                `json:"complete_by"`
	ClosedAt   time.Time                `json:"closed_at,omitzero"`
	Closed     bool                     `json:"closed,omitempty"`
	Holders    map[string]*RecallHolder `json:"holders,omitempty"`
}

// RecallHolder is one affected holder of a recall. AccountedAt is when its
// outstanding units last reached zero (zero time while it still holds some).
type RecallHolder struct {
	AccountedAt time.Time `json:"accounted_at,omitzero"`
}

package analytics

import (
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// layoutVersion versions the snapshot's layout.
const layoutVersion = 3

// Projection is the embedded analytics read model: counts per product, risk
// events per month and recalls with their deadlines. It implements
// runner.Projection; the fold has no clock (times come from occurred_at),
// so the same log gives the same snapshot bytes.
type Projection struct {
	runner.JSONModel[state]
}

var _ runner.Projection = (*Projection)(nil)

// state is the whole model, encoded as the snapshot (encoding/json sorts
// map keys, so equal states write equal bytes).
type state struct {
	// Products are counts per GTIN, with the category and origin country
	// its registration gave.
	Products map[string]*Product `json:"products"`
	// Complaints maps a complaint id to the GTIN it was filed about, so a
	// resolution counts against that product.
	Complaints map[string]string            `json:"complaints"`
	Months     map[string]*query.TrendMonth `json:"months"`
	Recalls    map[string]*Recall           `json:"recalls"`
	// Operators are counts per enterprise (USCC) and China day, for the
	// rates by operator and region over a period, and what the dashboard's
	// filters judge an enterprise by.
	Operators map[string]*Operator `json:"operators"`
	// Declarations maps a customs declaration to its importer, the
	// operator of its inspections and rejection.
	Declarations map[string]string `json:"declarations"`
}

// Operator is one enterprise's name and region as registered, its counts
// by China day (YYYY-MM-DD; only days that count something are kept), its
// risk events by month (as the trend counts them) and the GTINs it
// registered as owner or sold.
type Operator struct {
	Name   string                       `json:"name,omitempty"`
	Region string                       `json:"region,omitempty"`
	Days   map[string]*Counts           `json:"days,omitempty"`
	Months map[string]*query.TrendMonth `json:"months,omitempty"`
	GTINs  map[string]bool              `json:"gtins,omitempty"`
	// Goods are the operator's share of each product's counts (the events
	// the operator is the enterprise of), for the rates by category and
	// origin of one region's operators.
	Goods map[string]*Product `json:"goods,omitempty"`
}

// Counts are an operator's counts on one day.
type Counts struct {
	Products      int64 `json:"products,omitempty"`
	UnitsSold     int64 `json:"units_sold,omitempty"`
	Complaints    int64 `json:"complaints,omitempty"`
	Resolved      int64 `json:"resolved,omitempty"`
	Substantiated int64 `json:"substantiated,omitempty"`
	Inspections   int64 `json:"inspections,omitempty"`
	Failed        int64 `json:"failed,omitempty"`
	Recalls       int64 `json:"recalls,omitempty"`
	Withdrawals   int64 `json:"withdrawals,omitempty"`
}

// Product is one GTIN's counts.
type Product struct {
	Registered              bool   `json:"registered,omitempty"`
	Category                string `json:"category,omitempty"`
	OriginCountry           string `json:"origin_country,omitempty"`
	UnitsSold               int64  `json:"units_sold,omitempty"`
	Complaints              int64  `json:"complaints,omitempty"`
	ComplaintsResolved      int64  `json:"complaints_resolved,omitempty"`
	ComplaintsSubstantiated int64  `json:"complaints_substantiated,omitempty"`
	Inspections             int64  `json:"inspections,omitempty"`
	InspectionsFailed       int64  `json:"inspections_failed,omitempty"`
}

// Recall is one recall's level, initiator and deadline, and whether it
// closed.
type Recall struct {
	Level       int       `json:"level"`
	Initiator   string    `json:"initiator,omitempty"`
	StartedAt   time.Time `json:"started_at"`
	CompleteBy  time.Time `json:"complete_by,omitzero"`
	HasDeadline bool      `json:"has_deadline,omitempty"`
	Closed      bool      `json:"closed,omitempty"`
}

func newState() *state {
	return &state{Products: map[string]*Product{}, Complaints: map[string]string{},
		Months: map[string]*query.TrendMonth{}, Recalls: map[string]*Recall{}, Operators: map[string]*Operator{},
		Declarations: map[string]string{}}
}

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("analytics", newState, p.apply)
	return p
}

// Version is the snapshot layout's version.
func (p *Projection) Version() int { return layoutVersion }

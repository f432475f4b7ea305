// Package trace is the trace read model: per batch (GTIN-14 + lot) who owns
// it, where every unit is now (each unit once, per holder) and the moves that
// took it there, its customs declarations and clearance, market inspections
// and recalls. It answers the downstream and upstream traces of a batch and
// the path of one item, in the time a recall team needs (see bench.go).
//
// Its state lives in the on-disk model store (projections/modelstore; the
// layout is in keys.go), so memory does not grow with units or events: per
// batch, one row per holder with its tallies, one row per move and one per
// labelled item. In memory it keeps only the enterprises' numbers.
package trace

import (
	"github.com/traceledger/traceledger/domain/batch"
	"github.com/traceledger/traceledger/domain/customs"
	"github.com/traceledger/traceledger/domain/transformation"
)

// Batch is what the trace keeps of one batch besides its units (the B row).
type Batch struct {
	GTIN         string `json:"gtin"`
	Lot          string `json:"lot"`
	Owner        string `json:"owner"`
	Origin       string `json:"origin"`
	Imported     bool   `json:"imported,omitempty"`
	Quantity     int64  `json:"quantity"`
	ProducedOn   string `json:"produced_on"`
	ExpiresOn    string `json:"expires_on"`
	RegisteredAt int64  `json:"registered_at"`
	// Moves counts the batch's moves (the M rows); Items its labelled
	// items (the U rows).
	Moves uint32 `json:"moves,omitempty"`
	Items int64  `json:"items,omitempty"`
	// Holding counts the holders with units of the batch in stock or on
	// their way now: while it is zero the batch is left out of the expiry,
	// recalled and rejected indexes, which alerts read, so their cost
	// follows the stock held rather than every batch ever registered.
	Holding uint32 `json:"-"`
	// No is the batch's number, in order of registration (keys.go).
	No uint32 `json:"-"`
	// Declarations are the customs declarations whose lines name the batch.
	Declarations []string     `json:"declarations,omitempty"`
	Clearance    *Clearance   `json:"clearance,omitempty"`
	Inspections  []Inspection `json:"inspections,omitempty"`
	Recalls      []RecallRef  `json:"recalls,omitempty"`
	// MadeFrom are the inputs of the transformations that made this batch;
	// MadeInto the outputs of those that consumed its units.
	MadeFrom []Made `json:"made_from,omitempty"`
	MadeInto []Made `json:"made_into,omitempty"`
}

// Made is one edge of a transformation, seen from one of its batches: the
// batch at the other end, the units of the input consumed, who transformed
// and when.
type Made struct {
	TransformationID string `json:"id"`
	GTIN             string `json:"gtin"`
	Lot              string `json:"lot"`
	Units            int64  `json:"units"`
	By               string `json:"by"`
	At               int64  `json:"at"`
}

// Clearance is customs' decision for the batch (batch.Cleared).
type Clearance struct {
	DeclarationNo string `json:"declaration_no"`
	Decision      string `json:"decision"`
	Reason        string `json:"reason,omitempty"`
	At            int64  `json:"at"`
}

// Inspection is a market inspection (抽检) of the batch at an enterprise.
type Inspection struct {
	USCC     string `json:"uscc"`
	Result   string `json:"result"`
	Findings string `json:"findings,omitempty"`
	At       int64  `json:"at"`
}

// RecallRef is a recall naming the batch.
type RecallRef struct {
	RecallID string `json:"recall_id"`
	Level    int    `json:"level"`
	At       int64  `json:"at"`
}

// Declaration is a customs declaration with its inspections and decision.
type Declaration struct {
	Port        string              `json:"port"`
	Importer    string              `json:"importer"`
	DeclaredAt  int64               `json:"declared_at"`
	Lines       []customs.Line      `json:"lines"`
	Inspections []CustomsInspection `json:"inspections,omitempty"`
	Decision    string              `json:"decision,omitempty"`
	Reason      string              `json:"reason,omitempty"`
	DecidedAt   int64               `json:"decided_at,omitempty"`
}

// CustomsInspection is one inspection result (检验检疫) of a declaration.
type CustomsInspection struct {
	Result   string `json:"result"`
	Findings string `json:"findings,omitempty"`
	At       int64  `json:"at"`
}

// key names a batch in the model: the GTIN-14 has a fixed width, so the
// key is unambiguous whatever the lot holds.
func key(gtin, lot string) string { return gtin + "/" + lot }

// Transformation is a recorded transformation.
type Transformation struct {
	Transformer string                 `json:"transformer"`
	Inputs      []transformation.Input `json:"inputs"`
	Outputs     []batch.Ref            `json:"outputs"`
	Note        string                 `json:"note,omitempty"`
	At          int64                  `json:"at"`
	Position    uint64                 `json:"position"`
}

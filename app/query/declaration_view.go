package query

import (
	"time"

	"github.com/traceledger/traceledger/domain/customs"
)

// DeclarationInspection is one customs inspection result.
type DeclarationInspection struct {
	Result   string    `json:"result"`
	Findings string    `json:"findings,omitempty"`
	At       time.Time `json:"at"`
}

// DeclarationView is a declaration as the API answers it.
type DeclarationView struct {
	DeclarationNo string                  `json:"declaration_no"`
	Port          string                  `json:"port"`
	ImporterUSCC  string                  `json:"importer_uscc"`
	ImporterName  string                  `json:"importer_name,omitempty"`
	DeclaredAt    time.Time               `json:"declared_at"`
	Position      uint64                  `json:"position"`
	Lines         []customs.Line          `json:"lines"`
	Inspections   []DeclarationInspection `json:"inspections"`
	Decision      string                  `json:"decision"`
	DecidedAt     *time.Time              `json:"decided_at,omitempty"`
	Reason        string                  `json:"reason,omitempty"`
}

// Package complaintlist is the complaint case list (投诉案件) read model:
// every case with its status, deadlines and timeline, the enterprise
// concerned with its name and region, for the regulator's list and filters,
// the enterprise's own cases, and the overdue alerts. It folds the
// complaint events and the enterprises' registrations (for name and
// region), nothing else.
package complaintlist

import (
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner"
)

// Case is what the model keeps of one case. Times are Unix nanoseconds of
// the events' occurred_at.
type Case struct {
	ID            string `json:"id"`
	Position      uint64 `json:"position"`
	Status        string `json:"status"`
	FiledBy       string `json:"filed_by"`
	Channel       string `json:"channel"`
	Category      string `json:"category"`
	Severity      int    `json:"severity"`
	Description   string `json:"description,omitempty"`
	Contact       string `json:"contact,omitempty"`
	GTIN          string `json:"gtin"`
	Lot           string `json:"lot,omitempty"`
	Serial        string `json:"serial,omitempty"`
	Against       string `json:"against"`
	FiledAt       int64  `json:"filed_at"`
	AcceptBy      string `json:"accept_by,omitempty"`
	AcceptedAt    int64  `json:"accepted_at,omitempty"`
	ConcludeBy    string `json:"conclude_by,omitempty"`
	ClosedAt      int64  `json:"closed_at,omitempty"`
	Substantiated *bool  `json:"substantiated,omitempty"`
	Outcome       string `json:"outcome,omitempty"`
	Reason        string `json:"reason,omitempty"`
	Authority     string `json:"authority,omitempty"`
	Answers       int    `json:"answers,omitempty"`
	Steps         []Step `json:"steps"`
	// FollowUpHash opens the case's public status (complaint.FollowUpMatches).
	FollowUpHash string `json:"follow_up_hash,omitempty"`
}

// Step is one event of a case's timeline.
type Step struct {
	Type     string `json:"type"`
	Position uint64 `json:"position"`
	At       int64  `json:"at"`
	Text     string `json:"text,omitempty"`
	Late     bool   `json:"late,omitempty"`
}

// Enterprise is the name and region of an enterprise concerned.
type Enterprise struct {
	Name   string `json:"name"`
	Region string `json:"region"`
}

type state struct {
	Cases       map[string]*Case       `json:"cases"`
	Order       []string               `json:"order"` // case ids by filing position
	Enterprises map[string]*Enterprise `json:"enterprises"`
}

func newState() *state {
	return &state{Cases: map[string]*Case{}, Order: []string{}, Enterprises: map[string]*Enterprise{}}
}

// Projection is the case list model.
type Projection struct {
	runner.JSONModel[state]
}

// The queries read it through the port app/query declares.
var _ query.ComplaintModel = (*Projection)(nil)
var _ runner.Projection = (*Projection)(nil)

// New returns an empty model.
func New() *Projection {
	p := &Projection{}
	p.JSONModel = runner.NewJSONModel("complaintlist", newState, p.apply)
	return p
}

// Version is the snapshot layout's version: 2 keeps the follow-up hash.
func (p *Projection) Version() int { return 2 }

package httpapi

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

// Page sizes of the global log.
const (
	defaultEventsLimit = 100
	maxEventsLimit     = 1000
)

// eventJSON is one record of the global log as regulators read it: enough to
// recompute its hash (see event.Canonical) and check the chain.
type eventJSON struct {
	Position      uint64          `json:"position"`
	EventID       string          `json:"event_id"`
	Stream        string          `json:"stream"`
	Version       uint64          `json:"version"`
	Type          string          `json:"type"`
	OccurredAt    string          `json:"occurred_at"`
	RecordedAt    string          `json:"recorded_at"`
	Actor         actorJSON       `json:"actor"`
	CorrelationID string          `json:"correlation_id"`
	CausationID   string          `json:"causation_id"`
	Data          json.RawMessage `json:"data"`
	Hash          string          `json:"hash"`
}

type actorJSON struct {
	USCC string `json:"uscc"`
	Role string `json:"role"`
}

// eventsPage is a page of the log: Next is the cursor of the following
// page, null when the page reaches the head.
type eventsPage struct {
	Events []eventJSON `json:"events"`
	Head   uint64      `json:"head"`
	Next   *string     `json:"next"`
}

func (s *Server) routeEvents() {
	s.HandleFunc("GET /api/v1/events", s.listEvents, Roles(access.RoleRegulator))
}

// listEvents answers GET /api/v1/events?after=POS&limit=N: the records after
// POS, in order, the log's head when the page was read and next, the
// cursor of the following page (null once the page reaches the head). A
// client may also page with after = the last position it got, until it
// gets an empty page.
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	after, err := uintParam(q.Get("after"), 0)
	if err != nil {
		return badRequest("after", "bad_cursor", badCursor)
	}
	limit, err := uintParam(q.Get("limit"), defaultEventsLimit)
	if err != nil || limit < 1 || limit > maxEventsLimit {
		return badRequest("limit", "must_integer_from_1", "must be an integer from 1 to %d", maxEventsLimit)
	}
	recs, err := s.log.ReadAll(r.Context(), after, int(limit))
	if err != nil {
		return fmt.Errorf("read log after %d: %w", after, err)
	}
	head, err := s.log.Head(r.Context())
	if err != nil {
		return fmt.Errorf("read log head: %w", err)
	}
	s.metrics.observeHead(head)
	page := eventsPage{Events: make([]eventJSON, len(recs)), Head: head}
	for i, rec := range recs {
		page.Events[i] = recordJSON(rec)
	}
	if n := len(recs); n > 0 && recs[n-1].Position < head {
		page.Next = cursorAt(recs[n-1].Position)
	}
	WriteJSON(w, http.StatusOK, page)
	return nil
}

func recordJSON(r event.Record) eventJSON {
	data := r.Data
	if len(data) == 0 {
		data = json.RawMessage("{}")
	}
	return eventJSON{
		Position:      r.Position,
		EventID:       r.ID.String(),
		Stream:        r.Stream,
		Version:       r.Version,
		Type:          r.Type,
		OccurredAt:    event.FormatTime(r.Metadata.OccurredAt),
		RecordedAt:    event.FormatTime(r.Metadata.RecordedAt),
		Actor:         actorJSON{USCC: r.Metadata.ActorUSCC, Role: r.Metadata.ActorRole},
		CorrelationID: r.Metadata.CorrelationID,
		CausationID:   r.Metadata.CausationID,
		Data:          data,
		Hash:          hex.EncodeToString(r.Hash[:]),
	}
}

// uintParam parses an optional non-negative integer query parameter.
func uintParam(s string, def uint64) (uint64, error) {
	if s == "" {
		return def, nil
	}
	return strconv.ParseUint(s, 10, 64)
}

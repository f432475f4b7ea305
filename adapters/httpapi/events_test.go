package httpapi_test

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/event"
)

type page struct {
	Events []struct {
		Position      uint64 `json:"position"`
		EventID       string `json:"event_id"`
		Stream        string `json:"stream"`
		Version       uint64 `json:"version"`
		Type          string `json:"type"`
		OccurredAt    string `json:"occurred_at"`
		RecordedAt    string `json:"recorded_at"`
		Actor         struct{ USCC, Role string }
		CorrelationID *string         `json:"correlation_id"`
		CausationID   *string         `json:"causation_id"`
		Data          json.RawMessage `json:"data"`
		Hash          string          `json:"hash"`
	} `json:"events"`
	Head uint64 `json:"head"`
}

func getPage(t *testing.T, f *fixture, query string) page {
	t.Helper()
	rec := f.do(t, "GET", "/api/v1/events"+query, regToken, "")
	if rec.Code != 200 {
		t.Fatalf("GET /api/v1/events%s = %d %s", query, rec.Code, rec.Body)
	}
	var p page
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Events == nil {
		t.Fatalf("events is null, want a list: %s", rec.Body)
	}
	return p
}

func TestEventsPaging(t *testing.T) {
	f := newFixture(t, nil)
	recs, err := appendN(t.Context(), f.store, access.Actor{Role: access.RoleEnterprise, USCC: usccA}, "batch-1", "batch.produced.v1", 5)
	if err != nil {
		t.Fatal(err)
	}

	p := getPage(t, f, "")
	if len(p.Events) != 5 || p.Head != 5 {
		t.Fatalf("default page: %d events, head %d", len(p.Events), p.Head)
	}
	e := p.Events[0]
	r := recs[0]
	if e.Position != 1 || e.EventID != r.ID.String() || e.Stream != "batch-1" || e.Version != 1 || e.Type != "batch.produced.v1" ||
		e.Actor.USCC != usccA || e.Actor.Role != "enterprise" || string(e.Data) != `{"n":1}` ||
		e.OccurredAt != event.FormatTime(r.Metadata.OccurredAt) || e.RecordedAt == "" ||
		e.CorrelationID == nil || e.CausationID == nil || e.Hash != hex.EncodeToString(r.Hash[:]) {
		t.Errorf("event = %+v, want record %+v", e, r)
	}

	// The page carries everything needed to check the hash chain.
	var prev [32]byte
	for _, e := range p.Events {
		occurred, _ := event.ParseTime(e.OccurredAt)
		recorded, _ := event.ParseTime(e.RecordedAt)
		r := event.Record{
			ID: uuid.MustParse(e.EventID), Stream: e.Stream, Version: e.Version, Position: e.Position, Type: e.Type, Data: e.Data,
			Metadata: event.Metadata{ActorUSCC: e.Actor.USCC, ActorRole: e.Actor.Role, CorrelationID: *e.CorrelationID,
				CausationID: *e.CausationID, OccurredAt: occurred, RecordedAt: recorded},
		}
		prev = event.Chain(prev, r)
		if hex.EncodeToString(prev[:]) != e.Hash {
			t.Fatalf("position %d: the hash does not chain from the answer's fields", e.Position)
		}
	}

	var got []uint64
	for after := "0"; ; {
		p := getPage(t, f, "?limit=2&after="+after)
		if p.Head != 5 {
			t.Errorf("head %d, want 5", p.Head)
		}
		if len(p.Events) == 0 {
			break
		}
		for _, e := range p.Events {
			got = append(got, e.Position)
		}
		after = strconv.FormatUint(p.Events[len(p.Events)-1].Position, 10)
	}
	if !slices.Equal(got, []uint64{1, 2, 3, 4, 5}) {
		t.Errorf("paged positions %v, want 1..5", got)
	}
}

func TestEventsParameters(t *testing.T) {
	f := newFixture(t, nil)
	for _, tt := range []struct{ query, field string }{
		{"?after=-1", "after"},
		{"?after=x", "after"},
		{"?limit=0", "limit"},
		{"?limit=1001", "limit"},
		{"?limit=ten", "limit"},
	} {
		wantError(t, f.do(t, "GET", "/api/v1/events"+tt.query, regToken, ""), 400, "invalid", tt.field)
	}
	if p := getPage(t, f, "?limit=1000&after=99"); len(p.Events) != 0 || p.Head != 0 {
		t.Errorf("empty log page = %+v", p)
	}
}

func TestHealthz(t *testing.T) {
	f := newFixture(t, nil)
	if _, err := appendN(t.Context(), f.store, access.Actor{Role: access.RoleRegulator}, "s", "t.v1", 3); err != nil {
		t.Fatal(err)
	}
	rec := f.do(t, "GET", "/healthz", "", "")
	if rec.Code != 200 || strings.TrimSpace(rec.Body.String()) != `{"status":"ok","head":3}` {
		t.Errorf("/healthz = %d %s", rec.Code, rec.Body)
	}
}

func TestMetrics(t *testing.T) {
	f := newFixture(t, nil)
	f.do(t, "POST", "/api/v1/products/06901234567892/notifications", entToken, `{}`)
	f.do(t, "GET", "/api/v1/events", regToken, "")
	f.do(t, "GET", "/nowhere", "", "")
	rec := f.do(t, "GET", "/metrics", "", "")
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics = %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	body := rec.Body.String()
	for _, want := range []string{
		"traceledger_http_requests_total",
		"traceledger_http_request_duration_seconds_bucket",
		"traceledger_events_appended_total 1",
		"traceledger_append_conflicts_total 0",
		"traceledger_log_head 1",
		`route="/api/v1/products/{gtin}/notifications"`,
		`route="unmatched"`,
		`code="201"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "06901234567892") {
		t.Error("a raw path reached a metric label")
	}
}

package epcisview

import (
	"testing"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/runner/runnertest"
)

// events, keys and eventByID ask p as the query layer does, failing the test
// when p cannot read what it should.
func events(t *testing.T, p *Projection, f query.EPCISFilter, visible func(*query.EPCISEvent) bool, limit int) []query.EPCISEvent {
	t.Helper()
	evs, err := p.EPCISEvents(f, visible, limit)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func keys(t *testing.T, p *Projection, kind query.EPCISKeyKind, after string, visible func(*query.EPCISEvent) bool, limit int) []string {
	t.Helper()
	ks, err := p.EPCISKeys(kind, after, visible, limit)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}

func eventByID(t *testing.T, p *Projection, id string) (query.EPCISEvent, bool) {
	t.Helper()
	ev, ok, err := p.EPCISEvent(id)
	if err != nil {
		t.Fatal(err)
	}
	return ev, ok
}

// An event the store holds but cannot decode is the query's failure: a
// page that skipped it would look complete.
func TestAnEventThatCannotBeReadFailsTheQueryNotShortensIt(t *testing.T) {
	p := newModel(t)
	runnertest.Fold(t, p, trade())
	all := func(*query.EPCISEvent) bool { return true }
	first := events(t, p, query.EPCISFilter{}, all, 1)[0]
	at, err := p.m.Position()
	if err != nil {
		t.Fatal(err)
	}
	b := p.m.Begin()
	if err := b.Set(eventKey(row(first.Position, 0)), []byte("not an event")); err != nil {
		t.Fatal(err)
	}
	if err := b.Commit(at); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]query.EPCISFilter{
		"every event": {},
		"a step":      {BizSteps: []string{first.BizStep}},
		"by event id": {EventIDs: []string{first.EventID}},
		"event time":  {OrderBy: "eventTime"},
	} {
		if evs, err := p.EPCISEvents(f, all, 100); err == nil {
			t.Errorf("%s: %d events and no error; want the failure to read one", name, len(evs))
		}
	}
	if _, _, err := p.EPCISEvent(first.EventID); err == nil {
		t.Error("the event by its id: no error; want the failure to read it")
	}
	if evs, err := p.Scan(query.EPCISFilter{}, 100); err == nil {
		t.Errorf("the scan of every event: %d events and no error; want the failure to read one", len(evs))
	}
}

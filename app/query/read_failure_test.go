package query_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/ident"
)

// errStore is a read model's store failing (a disk fault, ClickHouse down).
var errStore = errors.New("store unreachable")

// brokenHistory is the history model of one item whose reads fail where
// broken says: "all", or "holders" (the item exists, who held it fails).
type brokenHistory struct {
	oneItem
	broken string
}

func (m brokenHistory) fail() error {
	if m.broken == "all" {
		return errStore
	}
	return nil
}
func (m brokenHistory) Item(ctx context.Context, k query.ItemKey) ([]uint64, bool, error) {
	if err := m.fail(); err != nil {
		return nil, false, err
	}
	return m.oneItem.Item(ctx, k)
}
func (m brokenHistory) LotsOf(ctx context.Context, gtin, serial string) ([]string, error) {
	if err := m.fail(); err != nil {
		return nil, err
	}
	return m.oneItem.LotsOf(ctx, gtin, serial)
}
func (m brokenHistory) ItemHeldBy(context.Context, query.ItemKey, string) (bool, error) {
	return false, errStore
}
func (m brokenHistory) Card(ctx context.Context, k query.ItemKey, now time.Time) (query.ItemCard, bool, error) {
	if err := m.fail(); err != nil {
		return query.ItemCard{}, false, err
	}
	return m.oneItem.Card(ctx, k, now)
}

func TestAFailingHistoryReadAnswersAnErrorNotAMissingItem(t *testing.T) {
	withLot, err := ident.ParseItemCode("/01/06901234567892/10/L1/21/S1")
	if err != nil {
		t.Fatal(err)
	}
	withoutLot, err := ident.ParseItemCode("/01/06901234567892/21/S1")
	if err != nil {
		t.Fatal(err)
	}
	k := query.ItemKey{GTIN: withLot.GTIN.String(), Lot: withLot.Lot.String(), Serial: withLot.Serial.String()}
	holder := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: maker}}
	stranger := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}
	for _, c := range []struct {
		name   string
		broken string
		rd     query.Read
		code   ident.ItemCode
	}{
		{"the history read fails", "all", holder, withLot},
		{"the lots of a serial fail to read", "all", holder, withoutLot},
		{"who held the item fails to read, for its holder", "holders", holder, withLot},
		{"who held the item fails to read, for a stranger", "holders", stranger, withLot},
		{"who held a serial's lots fails to read", "holders", holder, withoutLot},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := query.NewHistories(brokenHistory{oneItem{k}, c.broken}, positions{}, settled(2))
			_, err := q.Item(t.Context(), c.rd, c.code, query.PageSpec{})
			if !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("item history: %v; want the store's failure, not a missing item", err)
			}
		})
	}
	t.Run("the public card fails to read", func(t *testing.T) {
		q := query.NewHistories(brokenHistory{oneItem{k}, "all"}, positions{}, settled(2))
		if _, err := q.Card(t.Context(), query.Read{}, withLot); !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("card: %v; want the store's failure, not a missing item", err)
		}
	})
}

// brokenTrace is a trace model that finds a batch's trace but fails to
// read who handled it, or fails every read when all is set.
type brokenTrace struct{ all bool }

func (m brokenTrace) Downstream(context.Context, string, string, query.Names) (query.TraceGraph, error) {
	if m.all {
		return query.TraceGraph{}, errStore
	}
	return query.TraceGraph{}, nil
}
func (m brokenTrace) Upstream(ctx context.Context, gtin, lot string, names query.Names) (query.TraceGraph, error) {
	return m.Downstream(ctx, gtin, lot, names)
}
func (m brokenTrace) ItemPath(context.Context, string, string, string, query.Names) (query.ItemPath, error) {
	return query.ItemPath{}, errStore
}
func (m brokenTrace) Involved(context.Context, string, string, string) (bool, error) {
	return false, errStore
}

func TestAFailingTraceReadAnswersAnErrorNotAnUnknownBatch(t *testing.T) {
	enterprise := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}
	for _, c := range []struct {
		name string
		all  bool
	}{
		{"the trace fails to read", true},
		{"who handled the batch fails to read", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := query.NewTraces(brokenTrace{c.all}, nil, settled(2))
			for _, dir := range []string{query.Downstream, query.Upstream} {
				_, err := q.Batch(t.Context(), enterprise, "06901234567892", "L1", dir)
				if !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
					t.Fatalf("%s trace: %v; want the store's failure, not an unknown batch", dir, err)
				}
			}
		})
	}
	t.Run("an item's path fails to read", func(t *testing.T) {
		q := query.NewTraces(brokenTrace{}, nil, settled(2))
		if _, err := q.Item(t.Context(), enterprise, "06901234567892", "L1", "S1"); !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
			t.Fatalf("item path: %v; want the store's failure", err)
		}
	})
}

// brokenRecalls is a recall model whose every read fails.
type brokenRecalls struct{}

func (brokenRecalls) Get(context.Context, string, time.Time, query.Directory) (query.RecallList, error) {
	return query.RecallList{}, errStore
}
func (brokenRecalls) All(context.Context, time.Time, query.Directory) ([]query.RecallList, error) {
	return nil, errStore
}
func (brokenRecalls) Inbox(context.Context, string, time.Time, query.Directory, uint64, int) ([]query.RecallNotice, uint64, error) {
	return nil, 0, errStore
}

func TestAFailingRecallReadAnswersAnErrorNotAnEmptyList(t *testing.T) {
	q := query.NewRecalls(brokenRecalls{}, nil, settled(2))
	regulator := query.Read{Actor: access.Actor{Role: access.RoleRegulator}}
	enterprise := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: shop}}
	now := time.Now()
	if _, err := q.Get(t.Context(), regulator, "R1", now); !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
		t.Errorf("a recall's list: %v; want the store's failure, not an unknown recall", err)
	}
	if ls, err := q.All(t.Context(), regulator, now); !errors.Is(err, errStore) {
		t.Errorf("every recall: %d lists, %v; want the store's failure, not an empty list", len(ls), err)
	}
	if ns, _, err := q.Inbox(t.Context(), enterprise, now, 0, 10); !errors.Is(err, errStore) {
		t.Errorf("the recall notices: %d notices, %v; want the store's failure, not an empty inbox", len(ns), err)
	}
	if ls, _, err := q.List(t.Context(), regulator, query.RecallFilter{}, query.DirectoryPage{}, now); !errors.Is(err, errStore) {
		t.Errorf("the recall directory: %d lists, %v; want the store's failure, not an empty page", len(ls), err)
	}
}

// brokenTransformations hold one transformation of batch L1 into L2 by
// maker, and fail to read who handled those batches.
type brokenTransformations struct{ lost bool }

func (m brokenTransformations) Transformation(id string, _ query.Names) (query.Transformation, error) {
	if m.lost {
		return query.Transformation{}, errStore
	}
	return query.Transformation{TransformationID: id, TransformerUSCC: maker,
		Inputs:  []query.TransformationInput{{TraceRef: query.TraceRef{GTIN: "06901234567892", Lot: "L1"}}},
		Outputs: []query.TraceRef{{GTIN: "06901234567892", Lot: "L2"}}}, nil
}
func (brokenTransformations) Involved(context.Context, string, string, string) (bool, error) {
	return false, errStore
}

func TestAFailingTransformationReadAnswersAnErrorNotAnUnknownTransformation(t *testing.T) {
	enterprise := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}
	for _, c := range []struct {
		name string
		lost bool
	}{
		{"the transformation fails to read", true},
		{"who handled its batches fails to read", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := query.NewTransformations(brokenTransformations{c.lost}, nil, settled(2))
			if _, err := q.Get(t.Context(), enterprise, "T1"); !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
				t.Fatalf("transformation: %v; want the store's failure, not an unknown transformation", err)
			}
		})
	}
}

// oneEPCISEvent is an EPCIS model holding one event, which moves goods
// of batch L1 between two others.
type oneEPCISEvent struct{ query.EPCISModel }

func (oneEPCISEvent) EPCISEvent(id string) (query.EPCISEvent, bool, error) {
	return query.EPCISEvent{Enterprises: []string{maker, shop}, Batches: []query.BatchKey{{GTIN: "06901234567892", Lot: "L1"}}}, id == "E1", nil
}
func (m oneEPCISEvent) EPCISEvents(_ query.EPCISFilter, visible func(*query.EPCISEvent) bool, _ int) ([]query.EPCISEvent, error) {
	ev, _, _ := m.EPCISEvent("E1")
	if visible(&ev) {
		return []query.EPCISEvent{ev}, nil
	}
	return nil, nil
}

// brokenEPCISView is an EPCIS model whose store fails to read.
type brokenEPCISView struct{ query.EPCISModel }

func (brokenEPCISView) EPCISEvent(string) (query.EPCISEvent, bool, error) {
	return query.EPCISEvent{}, false, errStore
}
func (brokenEPCISView) EPCISEvents(query.EPCISFilter, func(*query.EPCISEvent) bool, int) ([]query.EPCISEvent, error) {
	return nil, errStore
}
func (brokenEPCISView) EPCISKeys(query.EPCISKeyKind, string, func(*query.EPCISEvent) bool, int) ([]string, error) {
	return nil, errStore
}

func TestAFailingEPCISViewReadAnswersAnErrorNotAShorterAnswer(t *testing.T) {
	q := query.NewEPCISQueries(brokenEPCISView{}, brokenHolders{}, settled(2))
	regulator := query.Read{Actor: access.Actor{Role: access.RoleRegulator}}
	if _, err := q.Event(t.Context(), regulator, "E1"); !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
		t.Errorf("one event: %v; want the store's failure, not a missing event", err)
	}
	if pg, err := q.Events(t.Context(), regulator, query.EPCISFilter{}, 10, ""); !errors.Is(err, errStore) {
		t.Errorf("a page of events: %d events, %v; want the store's failure, not an empty page", len(pg.Events), err)
	}
	if pg, err := q.Keys(t.Context(), regulator, query.EPCISKeyEPC, 10, ""); !errors.Is(err, errStore) {
		t.Errorf("a page of EPCs: %d, %v; want the store's failure, not an empty page", len(pg.Members), err)
	}
	if _, _, err := q.Since(t.Context(), regulator.Actor, query.EPCISFilter{}, 0); !errors.Is(err, errStore) {
		t.Errorf("a subscription's events: %v; want the store's failure, not events skipped", err)
	}
}

// brokenHolders fail to say who held a batch.
type brokenHolders struct{}

func (brokenHolders) BatchHeldBy(context.Context, query.BatchKey, string) (bool, error) {
	return false, errStore
}

func TestAFailingHolderReadAnswersAnEPCISErrorNotAHiddenEvent(t *testing.T) {
	q := query.NewEPCISQueries(oneEPCISEvent{}, brokenHolders{}, settled(2))
	enterprise := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}
	if _, err := q.Event(t.Context(), enterprise, "E1"); !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
		t.Errorf("one event: %v; want the store's failure, not a missing event", err)
	}
	if pg, err := q.Events(t.Context(), enterprise, query.EPCISFilter{}, 10, ""); !errors.Is(err, errStore) {
		t.Errorf("a page of events: %d events, %v; want the store's failure, not an empty page", len(pg.Events), err)
	}
	if _, _, err := q.Since(t.Context(), enterprise.Actor, query.EPCISFilter{}, 0); !errors.Is(err, errStore) {
		t.Errorf("a subscription's events: %v; want the store's failure, not events skipped", err)
	}
}

// brokenTraceLists is the trace model failing to read: the stock, the batch
// directory and who traded with whom.
type brokenTraceLists struct{}

func (brokenTraceLists) Held(string) ([]query.HeldBatch, error)          { return nil, errStore }
func (brokenTraceLists) Batches(...string) ([]query.BatchSummary, error) { return nil, errStore }
func (brokenTraceLists) SharesGoods(string, string) (bool, error)        { return false, errStore }

func TestAFailingTraceReadAnswersAnErrorNotAShorterListOrAStranger(t *testing.T) {
	ents := manyEnterprises(2)
	own, other := ents[0].USCC, ents[1].USCC
	enterprise := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: own}}
	if rows, _, err := query.NewStocks(brokenTraceLists{}, settled(2)).Of(t.Context(), enterprise, own, query.DirectoryPage{}); !errors.Is(err, errStore) {
		t.Errorf("the enterprise's stock: %d batches, %v; want the store's failure, not an empty stock", len(rows), err)
	}
	if rows, _, err := query.NewBatchDirectory(brokenTraceLists{}, settled(2)).List(t.Context(), enterprise, query.BatchFilter{}, query.DirectoryPage{}); !errors.Is(err, errStore) {
		t.Errorf("the batch directory: %d batches, %v; want the store's failure, not an empty list", len(rows), err)
	}
	profiles := query.NewEnterpriseProfiles(ents, nil, brokenTraceLists{}, settled(2))
	if _, err := profiles.Profile(t.Context(), enterprise, other, time.Now()); !errors.Is(err, errStore) || errors.Is(err, domain.ErrNotFound) {
		t.Errorf("another enterprise's registration: %v; want the store's failure, not an unknown enterprise", err)
	}
}

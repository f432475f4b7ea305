package query_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

const (
	maker    = "91310000MA1FL0001A"
	shop     = "91310000MA1FL0002B"
	stranger = "91310000MA1FL0003C"
)

// recalls is a recall model holding one list.
type recalls struct{ l query.RecallList }

func (m recalls) Get(_ context.Context, id string, _ time.Time, _ query.Directory) (query.RecallList, error) {
	if id != m.l.RecallID {
		return query.RecallList{}, domain.NotFound("id", "no_recall", "no recall %s", id)
	}
	return m.l, nil
}
func (m recalls) All(context.Context, time.Time, query.Directory) ([]query.RecallList, error) {
	return []query.RecallList{m.l}, nil
}
func (m recalls) Inbox(_ context.Context, uscc string, _ time.Time, _ query.Directory, _ uint64, _ int) ([]query.RecallNotice, uint64, error) {
	if l, ok := m.l.For(uscc); ok && uscc != m.l.InitiatedBy {
		return []query.RecallNotice{{RecallList: l}}, 0, nil
	}
	return nil, 0, nil
}

// settled is read models that have applied everything up to its value.
type settled uint64

func (s settled) WaitFor(_ context.Context, pos uint64) error {
	if pos > uint64(s) {
		return errors.New("read model recalllist stopped")
	}
	return nil
}
func (s settled) Position() uint64 { return uint64(s) }

func TestAnEnterpriseSeesOnlyItsOwnRowOfARecallItHoldsUnitsOf(t *testing.T) {
	l := query.RecallList{RecallID: "R1", InitiatedBy: maker, Holders: []query.RecallRow{
		{USCC: maker, Affected: 10, Returned: 10},
		{USCC: shop, Affected: 4, Returned: 1},
	}}
	q := query.NewRecalls(recalls{l}, nil, settled(5))
	ctx := t.Context()
	now := time.Now()

	for _, c := range []struct {
		name  string
		actor access.Actor
		rows  int
	}{
		{"a regulator sees every row", access.Actor{Role: access.RoleRegulator}, 2},
		{"an analyst sees every row", access.Actor{Role: access.RoleAnalyst}, 2},
		{"the initiator sees every row", access.Actor{Role: access.RoleEnterprise, USCC: maker}, 2},
		{"a holder sees its own row", access.Actor{Role: access.RoleEnterprise, USCC: shop}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := q.Get(ctx, query.Read{Actor: c.actor}, "R1", now)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Holders) != c.rows {
				t.Fatalf("%d rows, want %d", len(got.Holders), c.rows)
			}
			all, err := q.All(ctx, query.Read{Actor: c.actor}, now)
			if err != nil || len(all) != 1 || len(all[0].Holders) != c.rows {
				t.Fatalf("list of recalls %v, %v: want the one recall with %d rows", all, err, c.rows)
			}
		})
	}
	got, _ := q.Get(ctx, query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: shop}}, "R1", now)
	if got.Holders[0].USCC != shop || got.Progress.Affected != 4 {
		t.Fatalf("the holder's view %+v: want its own row and its own progress", got)
	}

	outsider := query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: stranger}}
	if _, err := q.Get(ctx, outsider, "R1", now); !errors.Is(err, domain.ErrNotFound) {
		t.Fatalf("an enterprise outside the recall: %v, want the answer of an unknown recall", err)
	}
	if all, err := q.All(ctx, outsider, now); err != nil || len(all) != 0 {
		t.Fatalf("list of recalls for an outsider: %v, %v; want none", all, err)
	}
}

func TestAReadWaitsForItsModelsToReachTheClientsPosition(t *testing.T) {
	q := query.NewRecalls(recalls{query.RecallList{RecallID: "R1", InitiatedBy: maker}}, nil, settled(5))
	reg := access.Actor{Role: access.RoleRegulator}
	if _, err := q.Get(t.Context(), query.Read{Actor: reg, MinPosition: 5}, "R1", time.Now()); err != nil {
		t.Fatalf("read at the models' position: %v", err)
	}
	_, err := q.Get(t.Context(), query.Read{Actor: reg, MinPosition: 6}, "R1", time.Now())
	var stale *query.StaleError
	if !errors.As(err, &stale) {
		t.Fatalf("read past the models' position: %v, want a *query.StaleError", err)
	}
	if q.Position() != 5 {
		t.Fatalf("position %d, want 5", q.Position())
	}
}

// TestOnlyAnEnterpriseHasARecallNoticeInbox: a holder reads its notices; an
// overseer, holding nothing, is refused.
func TestOnlyAnEnterpriseHasARecallNoticeInbox(t *testing.T) {
	l := query.RecallList{RecallID: "R1", InitiatedBy: maker, Holders: []query.RecallRow{{USCC: maker}, {USCC: shop, Affected: 4}}}
	q := query.NewRecalls(recalls{l}, nil, settled(5))
	ns, _, err := q.Inbox(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: shop}}, time.Now(), 0, 10)
	if err != nil || len(ns) != 1 || len(ns[0].Holders) != 1 || ns[0].Holders[0].USCC != shop {
		t.Fatalf("the shop's inbox: %+v, %v", ns, err)
	}
	if _, _, err := q.Inbox(t.Context(), query.Read{Actor: access.Actor{Role: access.RoleRegulator}}, time.Now(), 0, 10); !errors.Is(err, domain.ErrForbidden) {
		t.Fatalf("a regulator's inbox: %v, want forbidden", err)
	}
}

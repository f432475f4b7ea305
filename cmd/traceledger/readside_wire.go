package main

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/adapters/clickhouse/readside"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/projections/history"
)

// The read sides serve can answer histories, traces and recall lists from.
const (
	readSideEmbedded   = "embedded"
	readSideClickHouse = "clickhouse"
)

// readSide answers histories, traces and recall lists from ClickHouse once
// the sink holds the log (with --read-side clickhouse), and from the
// embedded models before that, as the dashboards move (analytics_wire.go).
// A nil *readSide is the embedded read side.
type readSide struct {
	ch atomic.Pointer[readSideSource]
}

type readSideSource struct {
	histories *readside.Histories
	traces    *readside.Traces
	recalls   *readside.Recalls
	sink      *clickhouse.Sink
}

// newReadSide is the read side cfg asks for: nil for the embedded one.
func newReadSide(cfg Config) *readSide {
	if cfg.ReadSide != readSideClickHouse {
		return nil
	}
	return &readSide{}
}

// table is the sink's index table for the read side (nil: none). Its
// history fold keeps its state on disk beside the models, in a key range of
// its own, emptied whenever the sink folds the log from position 1 again.
func (rs *readSide) table(m *models) (clickhouse.Table, error) {
	if rs == nil {
		return nil, nil
	}
	return readside.NewIndexTable(m.disk.Model("readside-history"))
}

// start moves the reads to ClickHouse: called once the sink holds the log.
// Cards stay with the embedded history model; All and Inbox of the recall
// lists with the embedded recall list model.
func (rs *readSide) start(ctx context.Context, conn *clickhouse.Conn, sink *clickhouse.Sink, reader query.EventReader, m *models, log *slog.Logger) {
	if rs == nil {
		return
	}
	x := readside.NewIndex(conn, log).WithHead(func() uint64 { return sink.Position(readside.TableName) })
	traces := readside.NewTraces(x, reader)
	rs.ch.Store(&readSideSource{histories: readside.NewHistories(x, m.history), traces: traces,
		recalls: readside.NewRecalls(x, reader, traces, m.recalls), sink: sink})
	log.Info("histories, traces and recall lists answer from ClickHouse")
}

// stop moves the reads back to the embedded models.
func (rs *readSide) stop() {
	if rs != nil {
		rs.ch.Store(nil)
	}
}

func (rs *readSide) current() *readSideSource {
	if rs == nil {
		return nil
	}
	return rs.ch.Load()
}

// histories, traces and recalls are the models the queries read: the
// embedded one given, or ClickHouse's while it answers.
func (rs *readSide) histories(embedded query.HistoryModel) query.HistoryModel {
	if rs == nil {
		return embedded
	}
	return switchedHistories{rs, embedded}
}

func (rs *readSide) traces(embedded query.TraceModel) query.TraceModel {
	if rs == nil {
		return embedded
	}
	return switchedTraces{rs, embedded}
}

func (rs *readSide) recalls(embedded query.RecallModel) query.RecallModel {
	if rs == nil {
		return embedded
	}
	return switchedRecalls{rs, embedded}
}

// progress is what a query over the read side waits for: the embedded
// models it still reads (names, cards) and, while ClickHouse answers, the
// sink too, so that ?min_position= reads a client's own writes there.
func (rs *readSide) progress(embedded query.Progress) query.Progress {
	if rs == nil {
		return embedded
	}
	return switchedProgress{rs, embedded}
}

type switchedProgress struct {
	rs       *readSide
	embedded query.Progress
}

func (p switchedProgress) WaitFor(ctx context.Context, pos uint64) error {
	if err := p.embedded.WaitFor(ctx, pos); err != nil {
		return err
	}
	if s := p.rs.current(); s != nil {
		return s.sink.WaitFor(ctx, pos)
	}
	return nil
}

func (p switchedProgress) Position() uint64 {
	pos := p.embedded.Position()
	if s := p.rs.current(); s != nil {
		for _, st := range s.sink.Statuses() {
			pos = min(pos, st.Position)
		}
	}
	return pos
}

type switchedHistories struct {
	rs       *readSide
	embedded query.HistoryModel
}

func (h switchedHistories) model() query.HistoryModel {
	if s := h.rs.current(); s != nil {
		return s.histories
	}
	return h.embedded
}

func (h switchedHistories) Item(ctx context.Context, k query.ItemKey) ([]uint64, bool, error) {
	return h.model().Item(ctx, k)
}
func (h switchedHistories) ItemPage(ctx context.Context, k query.ItemKey, spec query.PageSpec) (query.PositionPage, bool, error) {
	return h.model().ItemPage(ctx, k, spec)
}
func (h switchedHistories) BatchPage(ctx context.Context, k query.BatchKey, spec query.PageSpec) (query.PositionPage, bool, error) {
	return h.model().BatchPage(ctx, k, spec)
}
func (h switchedHistories) ProductPage(ctx context.Context, gtin14 string, spec query.PageSpec) (query.PositionPage, bool, error) {
	return h.model().ProductPage(ctx, gtin14, spec)
}
func (h switchedHistories) EnterprisePage(ctx context.Context, uscc string, spec query.PageSpec) (query.PositionPage, bool, error) {
	return h.model().EnterprisePage(ctx, uscc, spec)
}
func (h switchedHistories) LotsOf(ctx context.Context, gtin14, serial string) ([]string, error) {
	return h.model().LotsOf(ctx, gtin14, serial)
}
func (h switchedHistories) ItemHeldBy(ctx context.Context, k query.ItemKey, uscc string) (bool, error) {
	return h.model().ItemHeldBy(ctx, k, uscc)
}
func (h switchedHistories) BatchHeldBy(ctx context.Context, k query.BatchKey, uscc string) (bool, error) {
	return h.model().BatchHeldBy(ctx, k, uscc)
}
func (h switchedHistories) ProductHeldBy(ctx context.Context, gtin14, uscc string) (bool, error) {
	return h.model().ProductHeldBy(ctx, gtin14, uscc)
}
func (h switchedHistories) Card(ctx context.Context, k query.ItemKey, now time.Time) (query.ItemCard, bool, error) {
	return h.model().Card(ctx, k, now)
}
func (h switchedHistories) ProductCard(ctx context.Context, gtin14 string, now time.Time) (query.ProductCard, bool, error) {
	return h.model().ProductCard(ctx, gtin14, now)
}

type switchedTraces struct {
	rs       *readSide
	embedded query.TraceModel
}

func (t switchedTraces) model() query.TraceModel {
	if s := t.rs.current(); s != nil {
		return s.traces
	}
	return t.embedded
}

func (t switchedTraces) Downstream(ctx context.Context, gtin, lot string, names query.Names) (query.TraceGraph, error) {
	return t.model().Downstream(ctx, gtin, lot, names)
}
func (t switchedTraces) Upstream(ctx context.Context, gtin, lot string, names query.Names) (query.TraceGraph, error) {
	return t.model().Upstream(ctx, gtin, lot, names)
}
func (t switchedTraces) ItemPath(ctx context.Context, gtin, lot, serial string, names query.Names) (query.ItemPath, error) {
	return t.model().ItemPath(ctx, gtin, lot, serial, names)
}
func (t switchedTraces) Involved(ctx context.Context, gtin, lot, uscc string) (bool, error) {
	return t.model().Involved(ctx, gtin, lot, uscc)
}

type switchedRecalls struct {
	rs       *readSide
	embedded query.RecallModel
}

func (r switchedRecalls) model() query.RecallModel {
	if s := r.rs.current(); s != nil {
		return s.recalls
	}
	return r.embedded
}

func (r switchedRecalls) Get(ctx context.Context, id string, now time.Time, dir query.Directory) (query.RecallList, error) {
	return r.model().Get(ctx, id, now, dir)
}
func (r switchedRecalls) All(ctx context.Context, now time.Time, dir query.Directory) ([]query.RecallList, error) {
	return r.model().All(ctx, now, dir)
}
func (r switchedRecalls) Inbox(ctx context.Context, uscc string, now time.Time, dir query.Directory, after uint64, limit int) ([]query.RecallNotice, uint64, error) {
	return r.model().Inbox(ctx, uscc, now, dir, after, limit)
}

// The card source the read side keeps embedded.
var _ readside.Cards = (*history.Projection)(nil)

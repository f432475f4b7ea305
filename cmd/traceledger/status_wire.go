package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/traceledger/traceledger/adapters/clickhouse"
	"github.com/traceledger/traceledger/adapters/epcis/subscription"
	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain/event"
	"github.com/traceledger/traceledger/projections/runner"
)

// recentCheckpoints is how many signed checkpoints the status lists.
const recentCheckpoints = 10

// namedRunner is a runner and what the status calls it.
type namedRunner struct {
	name string
	r    *runner.Runner
}

// serverStatus gathers an admin's view of the server (query.StatusSource)
// from what serve built: the log, the runners, the supervisor, the
// notary's archive, the EPCIS subscriptions and their deliverer, the
// enterprises' webhooks and the ClickHouse sink while it runs.
type serverStatus struct {
	store          event.Store
	runners        []namedRunner
	sup            *supervisor
	checkpointsDir string
	verifierKey    string
	subs           subscription.Subscriptions
	deliverer      *subscription.Deliverer
	webhooks       func() []query.WebhookStatus
	sink           *atomic.Pointer[clickhouse.Sink]
	now            func() time.Time
}

// Status answers the server's status; only a failure to read the log's
// head or the checkpoint archive is an error.
func (s *serverStatus) Status(ctx context.Context) (query.ServerStatus, error) {
	head, err := s.store.Head(ctx)
	if err != nil {
		return query.ServerStatus{}, fmt.Errorf("read log head: %w", err)
	}
	st := query.ServerStatus{Head: head, CheckedAt: s.now().UTC(), VerifierKey: s.verifierKey,
		Components: []query.ComponentStatus{}, ReadModels: []query.ReadModelStatus{}, Checkpoints: []query.CheckpointInfo{},
		Subscriptions: []query.SubscriptionStatus{}, Webhooks: []query.WebhookStatus{}}
	if s.sup != nil {
		for _, c := range s.sup.Components() {
			st.Components = append(st.Components, query.ComponentStatus{Name: c.Name, Status: c.Status, Error: c.Error, Restarts: c.Restarts})
		}
	}
	for _, nr := range s.runners {
		for _, p := range nr.r.Statuses() {
			m := query.ReadModelStatus{Name: p.Name, Runner: nr.name, Position: p.Position, Lag: head - min(head, p.Position), Failed: p.Err != nil}
			if p.Err != nil {
				m.Error = p.Err.Error()
			}
			st.ReadModels = append(st.ReadModels, m)
		}
	}
	if s.sink != nil {
		if sink := s.sink.Load(); sink != nil {
			for _, t := range sink.Statuses() {
				m := query.ReadModelStatus{Name: t.Table, Runner: componentClickHouse, Position: t.Position, Lag: head - min(head, t.Position), Failed: t.Err != nil}
				if t.Err != nil {
					m.Error = t.Err.Error()
				}
				st.ReadModels = append(st.ReadModels, m)
			}
		}
	}
	kept, err := notary.RecentInArchive(s.checkpointsDir, recentCheckpoints)
	if err != nil {
		return query.ServerStatus{}, err
	}
	for _, k := range kept {
		st.Checkpoints = append(st.Checkpoints, query.CheckpointInfo{Size: k.Size, RootHash: base64.StdEncoding.EncodeToString(k.Root[:]), SignedAt: k.SignedAt.UTC()})
	}
	if s.subs != nil {
		for _, sub := range s.subs.EPCISSubscriptions("", "") {
			if sub.Stream {
				continue // a WebSocket follows the client's own connection
			}
			row := query.SubscriptionStatus{ID: sub.ID, QueryName: sub.QueryName, Subscriber: sub.Subscriber.String(), Dest: sub.Dest,
				Scheduled: sub.Schedule != nil, Checkpoint: sub.Position}
			if s.deliverer != nil {
				if pos, ok, err := s.deliverer.Checkpoint(sub.ID); err == nil && ok {
					row.Checkpoint = pos
				}
				d := s.deliverer.Stats(sub.ID)
				if !d.LastDeliveredAt.IsZero() {
					at := d.LastDeliveredAt.UTC()
					row.LastDeliveredAt = &at
				}
				row.Failures, row.LastError = d.Failures, d.LastError
			}
			row.Lag = head - min(head, row.Checkpoint)
			st.Subscriptions = append(st.Subscriptions, row)
		}
	}
	if s.webhooks != nil {
		st.Webhooks = append(st.Webhooks, s.webhooks()...)
	}
	return st, nil
}

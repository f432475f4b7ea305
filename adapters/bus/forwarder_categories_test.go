package bus_test

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ThreeDotsLabs/watermill/message"

	"github.com/traceledger/traceledger/adapters/bus"
	"github.com/traceledger/traceledger/adapters/eventstore/sqlite/sqlitetest"
	"github.com/traceledger/traceledger/domain/event"
)

func TestInProcessBusNamesTheCategoriesItsConsumersTake(t *testing.T) {
	ps := bus.NewGoChannel(nil)
	defer ps.Close()
	if got := ps.Categories(); got == nil || len(got) != 0 {
		t.Fatalf("Categories with no consumer = %#v, want an empty list (forward nothing)", got)
	}
	runRouter(t, ps, newSeen(), "traceledger.recall", "traceledger.batch")
	if got := ps.Categories(); !slices.Equal(got, []string{"batch", "recall"}) {
		t.Fatalf("Categories = %v, want [batch recall]", got)
	}
}

// handing counts the records a store hands over through Subscribe and
// ReadAll; it reads by category only when its store does.
type handing struct {
	event.Store
	handed atomic.Int64
}

func (h *handing) Subscribe(ctx context.Context, after uint64, fn func(event.Record) error) error {
	return h.Store.Subscribe(ctx, after, func(r event.Record) error {
		h.handed.Add(1)
		return fn(r)
	})
}

func (h *handing) ReadAll(ctx context.Context, after uint64, limit int) ([]event.Record, error) {
	recs, err := h.Store.ReadAll(ctx, after, limit)
	h.handed.Add(int64(len(recs)))
	return recs, err
}

type categoryHanding struct{ *handing }

func (h categoryHanding) ReadCategories(ctx context.Context, after uint64, cats []string, limit int) ([]event.Record, uint64, error) {
	return h.Store.(event.CategoryReader).ReadCategories(ctx, after, cats, limit)
}

// publishing counts what is published, by topic.
type publishing struct {
	message.Publisher
	mu     sync.Mutex
	topics map[string]int
}

func (p *publishing) Publish(topic string, msgs ...*message.Message) error {
	p.mu.Lock()
	p.topics[topic] += len(msgs)
	p.mu.Unlock()
	return p.Publisher.Publish(topic, msgs...)
}

func (p *publishing) count(topic string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.topics[topic]
}

// Into a bus whose consumers take recalls, the forwarder publishes the
// recalls alone, moves its checkpoint past the rest, and reads the stored
// log by category where the store can: it decodes none of the history,
// only what commits while it runs. A store that cannot read by category
// gives the same messages.
func TestForwarderIntoASelectiveBusPublishesOnlyItsCategories(t *testing.T) {
	for _, byCategory := range []bool{true, false} {
		name := "StoreReadsByCategory"
		if !byCategory {
			name = "StoreReadsItAll"
		}
		t.Run(name, func(t *testing.T) {
			sq := sqlitetest.Open(t)
			h := &handing{Store: sq}
			var store event.Store = h
			if byCategory {
				store = categoryHanding{h}
			}
			ps := bus.NewGoChannel(nil)
			defer ps.Close()
			s := newSeen()
			runRouter(t, ps, s, "traceledger.recall")
			pub := &publishing{Publisher: ps.Publisher(), topics: map[string]int{}}
			cp := bus.NewFileCheckpoint(filepath.Join(t.TempDir(), "bus.checkpoint"))
			appendN(t, sq, 60)                                                                                   // 20 recalls
			f := bus.NewForwarder(store, pub, bus.ForwarderOptions{Checkpoint: cp, Categories: ps.Categories()}) // as NewForwarderInto does
			ctx, cancel := context.WithCancel(t.Context())
			var wg sync.WaitGroup
			wg.Go(func() {
				if err := f.Run(ctx); err != nil {
					t.Errorf("forwarder: %v", err)
				}
			})
			eventually(t, 10*time.Second, "the stored log forwarded", func() bool { return f.Position() == 60 })
			if byCategory && h.handed.Load() != 0 {
				t.Fatalf("the store handed over %d records of its history; want them read by category", h.handed.Load())
			}
			appendN(t, sq, 30) // 10 recalls, live
			eventually(t, 10*time.Second, "the live records forwarded", func() bool { return f.Position() == 90 })
			cancel()
			wg.Wait()
			eventually(t, 5*time.Second, "30 recalls consumed", func() bool { return s.count() == 30 })
			if n := pub.count("traceledger.batch"); n != 0 {
				t.Fatalf("%d batch events published into a bus whose consumers take only recalls", n)
			}
			if n := pub.count("traceledger.recall"); n != 30 {
				t.Fatalf("%d recalls published, want 30", n)
			}
			if !slices.IsSorted(s.order) {
				t.Fatalf("recalls consumed out of order: %v", s.order)
			}
			if p, err := cp.Load(t.Context()); err != nil || p != 90 {
				t.Fatalf("checkpoint = %d, %v; want 90", p, err)
			}
			if byCategory && h.handed.Load() > 30 {
				t.Fatalf("the store handed over %d records; want only the 30 that committed live", h.handed.Load())
			}
		})
	}
}

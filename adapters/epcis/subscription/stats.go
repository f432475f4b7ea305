package subscription

import (
	"strings"
	"sync"
	"time"
)

// DeliveryStats is how one subscription's deliveries went since the
// server started: when the receiver last took one, how many tries it
// refused since (reset by a success), and why the last one failed. It is
// kept in memory: an operator's view, not a record.
type DeliveryStats struct {
	LastDeliveredAt time.Time
	Failures        int
	LastError       string
	LastFailedAt    time.Time
}

type deliveryStats struct {
	mu sync.Mutex
	m  map[string]DeliveryStats
}

// report counts one try of delivery (named "<subscription>/<what>").
func (s *deliveryStats) report(delivery string, err error, at time.Time) {
	id, _, _ := strings.Cut(delivery, "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string]DeliveryStats{}
	}
	st := s.m[id]
	if err == nil {
		st.LastDeliveredAt, st.Failures = at, 0
	} else {
		st.Failures++
		st.LastError, st.LastFailedAt = err.Error(), at
	}
	s.m[id] = st
}

// Stats is how the subscription with id's deliveries went (zero: none
// tried since the server started).
func (d *Deliverer) Stats(id string) DeliveryStats {
	d.stats.mu.Lock()
	defer d.stats.mu.Unlock()
	return d.stats.m[id]
}

// Checkpoint is the position the subscription with id was delivered
// through (ok false: nothing delivered yet).
func (d *Deliverer) Checkpoint(id string) (pos uint64, ok bool, err error) {
	return d.Checkpoints.Load(id)
}

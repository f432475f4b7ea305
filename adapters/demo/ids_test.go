package demo_test

import (
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/traceledger/traceledger/adapters/demo"
)

// TestIDs checks the generator: the same seed gives the same sequence,
// another seed another one, ids are version-4 RFC 4122 UUIDs, and
// concurrent callers never get the same id.
func TestIDs(t *testing.T) {
	a, b, c := demo.IDs(1), demo.IDs(1), demo.IDs(2)
	for i := 0; i < 100; i++ {
		x, y, z := a(), b(), c()
		if x != y {
			t.Fatalf("id %d: seed 1 gave %s and %s", i, x, y)
		}
		if x == z {
			t.Fatalf("id %d: seeds 1 and 2 both gave %s", i, x)
		}
		if x.Version() != 4 || x.Variant() != uuid.RFC4122 {
			t.Fatalf("id %s: version %d variant %s", x, x.Version(), x.Variant())
		}
	}
	gen := demo.IDs(3)
	var mu sync.Mutex
	seen := map[uuid.UUID]bool{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			ids := make([]uuid.UUID, 5000)
			for i := range ids {
				ids[i] = gen()
			}
			mu.Lock()
			defer mu.Unlock()
			for _, id := range ids {
				if seen[id] {
					t.Errorf("id %s drawn twice", id)
				}
				seen[id] = true
			}
		})
	}
	wg.Wait()
}

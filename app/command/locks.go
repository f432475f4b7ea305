package command

import (
	"hash/fnv"
	"sort"
	"sync"
)

const stripes = 1024

// lockTable serialises commands that touch the same streams. A command names
// every stream it will read or write before it loads any, and takes the
// stripes in index order, so two commands can never wait on each other.
type lockTable struct{ mu [stripes]sync.RWMutex }

func newLockTable() *lockTable { return &lockTable{} }

func stripe(stream string) int {
	h := fnv.New32a()
	h.Write([]byte(stream))
	return int(h.Sum32() % stripes)
}

// lock takes write stripes for writes and read stripes for reads (a stripe
// both read and written is taken for writing) and returns the release.
func (t *lockTable) lock(writes, reads []string) (release func()) {
	mode := map[int]bool{}
	for _, s := range reads {
		mode[stripe(s)] = mode[stripe(s)] || false
	}
	for _, s := range writes {
		mode[stripe(s)] = true
	}
	idx := make([]int, 0, len(mode))
	for i := range mode {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	for _, i := range idx {
		if mode[i] {
			t.mu[i].Lock()
		} else {
			t.mu[i].RLock()
		}
	}
	return func() {
		for j := len(idx) - 1; j >= 0; j-- {
			if mode[idx[j]] {
				t.mu[idx[j]].Unlock()
			} else {
				t.mu[idx[j]].RUnlock()
			}
		}
	}
}

// lockAll takes every stripe for writing, in index order: a document whose
// streams are known only as its commands decide holds the whole table.
func (t *lockTable) lockAll() (release func()) {
	for i := range t.mu {
		t.mu[i].Lock()
	}
	return func() {
		for i := len(t.mu) - 1; i >= 0; i-- {
			t.mu[i].Unlock()
		}
	}
}

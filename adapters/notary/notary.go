package notary

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// ErrFork means the tree no longer extends the last checkpoint signed: the
// log was rewritten under the server. The notary never signs such a tree.
var ErrFork = errors.New("the tree does not extend the last signed checkpoint")

// Tree is what the notary signs: the Merkle tree's head, and its root at an
// earlier size to check the new head extends the last one signed.
// *merkle.Projection implements it.
type Tree interface {
	Head() (size uint64, root [32]byte)
	RootAt(size uint64) ([32]byte, error)
}

// Notary signs the tree's head whenever it grew and keeps every checkpoint
// it signs, so each published head stays checkable for ever.
type Notary struct {
	key     *Key
	archive *Archive
	tree    Tree
	now     func() time.Time

	mu     sync.Mutex // one Update at a time
	latest atomic.Pointer[Signed]
}

// New builds a notary that picks up after the newest checkpoint in the
// archive, which must verify with key: a server restarted with another key
// would publish heads no earlier verifier key checks.
func New(key *Key, archive *Archive, tree Tree) (*Notary, error) {
	n := &Notary{key: key, archive: archive, tree: tree, now: time.Now}
	msg, ok, err := archive.Last()
	if err != nil {
		return nil, err
	}
	if ok {
		s, err := Open(msg, key.Verifier())
		if err != nil {
			return nil, fmt.Errorf("the newest kept checkpoint does not verify with ledger key %s: %w", key.VerifierKey(), err)
		}
		n.latest.Store(&s)
	}
	return n, nil
}

// Latest is the newest signed checkpoint; ok is false before the first.
func (n *Notary) Latest() (s Signed, ok bool) {
	p := n.latest.Load()
	if p == nil {
		return Signed{}, false
	}
	return *p, true
}

// LatestCheckpoint is Latest in plain values, for ports that should not
// import this package (httpapi.LedgerHeads).
func (n *Notary) LatestCheckpoint() (note []byte, size uint64, root [32]byte, ok bool) {
	s, ok := n.Latest()
	return s.Note, s.Size, s.Root, ok
}

// VerifierKey is the key that verifies every checkpoint the notary signs.
func (n *Notary) VerifierKey() string { return n.key.VerifierKey() }

// Update signs and keeps a checkpoint of the tree's head if the tree grew
// since the last one, after checking that it extends it (ErrFork if not).
// A tree still catching up after a restart (smaller than the last
// checkpoint) is left alone. It reports whether it signed.
func (n *Notary) Update(ctx context.Context) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	size, root := n.tree.Head()
	last, had := n.Latest()
	switch {
	case size == 0, had && size < last.Size:
		return false, nil
	case had && size == last.Size:
		if root != last.Root {
			return false, fmt.Errorf("tree of %d leaves has root %x, signed %x: %w", size, root, last.Root, ErrFork)
		}
		return false, nil
	case had:
		prev, err := n.tree.RootAt(last.Size)
		if err != nil {
			return false, fmt.Errorf("root at the last checkpoint: %w", err)
		}
		if prev != last.Root {
			return false, fmt.Errorf("tree at %d leaves has root %x, signed %x: %w", last.Size, prev, last.Root, ErrFork)
		}
	}
	s, err := n.key.Sign(size, root)
	if err != nil {
		return false, err
	}
	if err := n.archive.Append(s, n.now()); err != nil {
		return false, err
	}
	n.latest.Store(&s)
	return true, nil
}

// Run signs the head every interval while the tree grows, until ctx ends;
// it then signs a last time, so a stopped server's last events are under a
// checkpoint. It stops at the first failure (a fork or a disk error),
// which the caller logs: a notary must not skip what it cannot keep.
func (n *Notary) Run(ctx context.Context, every time.Duration) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := n.Update(ctx); err != nil && ctx.Err() == nil {
			return fmt.Errorf("notary: %w", err)
		}
		select {
		case <-t.C:
		case <-ctx.Done():
			if _, err := n.Update(context.WithoutCancel(ctx)); err != nil {
				return fmt.Errorf("notary: %w", err)
			}
			return nil
		}
	}
}

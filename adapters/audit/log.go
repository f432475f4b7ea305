package audit

import (
	"context"
	"fmt"
	"slices"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"

	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/domain/event"
)

// Log is what the audit reads of an event store. event.Store implements it.
type Log interface {
	ReadAll(ctx context.Context, after uint64, limit int) ([]event.Record, error)
}

// Recorded is the server's own record of the leaves, in order (the
// tree's level-0 file, *merkle.LeafFile); ok is false past its end.
type Recorded interface {
	Next() (leaf [32]byte, ok bool)
}

// Report is what a passing audit checked.
type Report struct {
	Events      uint64
	Root        [32]byte
	Checkpoints int
	// Latest is the newest kept checkpoint; nil when none is kept.
	Latest *notary.Signed
	// Diverged is the first position whose leaf differs from the server's
	// recorded one, 0 if none. It is not signed evidence: when every
	// checkpoint matches, it points at damaged tree files or at events
	// rewritten before any checkpoint covered them.
	Diverged uint64
}

// pageSize is how many records the audit reads at a time.
const pageSize = 4096

// OpenCheckpoints checks every kept checkpoint's signature with v, oldest
// first, and returns them ordered by tree size.
func OpenCheckpoints(notes [][]byte, v note.Verifier) ([]notary.Signed, error) {
	out := make([]notary.Signed, 0, len(notes))
	for i, msg := range notes {
		s, err := notary.Open(msg, v)
		if err != nil {
			return nil, fmt.Errorf("kept checkpoint %d of %d: %w", i+1, len(notes), err)
		}
		out = append(out, s)
	}
	slices.SortStableFunc(out, func(a, b notary.Signed) int { return compareSize(a.Size, b.Size) })
	return out, nil
}

func compareSize(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// VerifyLog reads the whole log once: it recomputes each event's hash from
// its stored bytes and the hash before it (event.Chain), appends it as a
// leaf of a tree recomputed from scratch, and, at each kept checkpoint's
// size, compares the recomputed root with the signed one. Equal roots at
// every size mean each checkpoint is consistent with the log and with each
// other: the log was only ever appended to. The first failure names its
// position.
//
// A log truncated and regrown has a whole chain; only a checkpoint signed
// before shows the rewrite, and it bounds the rewritten positions to those
// after the last matching checkpoint. recorded, if not nil, narrows that
// to the first position where the log differs from the leaf the server's
// own tree recorded.
func VerifyLog(ctx context.Context, log Log, checkpoints []notary.Signed, recorded Recorded) (Report, error) {
	rep := Report{Checkpoints: len(checkpoints)}
	if len(checkpoints) > 0 {
		rep.Latest = &checkpoints[len(checkpoints)-1]
	}
	h := rfc6962.DefaultHasher
	cr := (&compact.RangeFactory{Hash: h.HashChildren}).NewEmptyRange(0)
	var prev [32]byte
	var matched uint64 // the largest checkpoint size known to match
	next := 0          // the next checkpoint to compare
	for ; next < len(checkpoints) && checkpoints[next].Size == 0; next++ {
		if c := checkpoints[next]; c.Root != [32]byte(h.EmptyRoot()) {
			return rep, failAt(1, "the kept checkpoint of the empty log signed root %x, not the empty tree's", c.Root)
		}
	}
	for {
		recs, err := log.ReadAll(ctx, rep.Events, pageSize)
		if err != nil {
			return rep, fmt.Errorf("read the log after %d: %w", rep.Events, err)
		}
		for _, rec := range recs {
			pos := rep.Events + 1
			switch {
			case rec.Position > pos:
				return rep, failAt(pos, "missing: the log goes from position %d to %d", pos-1, rec.Position)
			case rec.Position < pos:
				return rep, failAt(pos, "out of order: position %d is stored after %d", rec.Position, pos-1)
			}
			if got := event.Chain(prev, rec); got != rec.Hash {
				return rep, failAt(pos, "the stored hash %x is not the hash of the stored event and the hash before it (%x): "+
					"this event, or the one before it, was changed", rec.Hash, got)
			}
			prev = rec.Hash
			leaf := h.HashLeaf(rec.Hash[:])
			if err := cr.Append(leaf, nil); err != nil {
				return rep, fmt.Errorf("tree at %d: %w", pos, err)
			}
			if recorded != nil && rep.Diverged == 0 {
				if was, ok := recorded.Next(); !ok {
					recorded = nil
				} else if was != [32]byte(leaf) {
					rep.Diverged = pos
				}
			}
			rep.Events = pos
			for ; next < len(checkpoints) && checkpoints[next].Size == pos; next++ {
				root, _ := cr.GetRootHash(nil)
				c := checkpoints[next]
				if [32]byte(root) != c.Root {
					return rep, inconsistent(c, root, matched, rep.Diverged)
				}
				matched = c.Size
			}
		}
		if len(recs) < pageSize {
			break
		}
	}
	if rep.Events > 0 {
		root, _ := cr.GetRootHash(nil)
		rep.Root = [32]byte(root)
	} else {
		rep.Root = [32]byte(h.EmptyRoot())
	}
	if next < len(checkpoints) {
		c := checkpoints[next]
		return rep, failAt(rep.Events+1, "missing: the log ends at position %d, but a checkpoint of tree size %d was signed: "+
			"events %d to %d were removed", rep.Events, c.Size, rep.Events+1, c.Size)
	}
	return rep, nil
}

// inconsistent is the failure of a checkpoint whose root the log no longer
// gives: the rewrite lies after matched, the last checkpoint that held, and
// at or before the checkpoint's size; the server's recorded tree, when it
// diverged in that range, names the position itself.
func inconsistent(c notary.Signed, root []byte, matched, diverged uint64) error {
	msg := fmt.Sprintf("the log is not consistent with the kept checkpoint of tree size %d: its first %d events have root %x, "+
		"the checkpoint signed %x; the log was rewritten at a position from %d to %d", c.Size, c.Size, root, c.Root, matched+1, c.Size)
	if diverged > matched && diverged <= c.Size {
		return failAt(diverged, "%s; the server's own tree recorded another event at position %d", msg, diverged)
	}
	return failAt(matched+1, "%s", msg)
}

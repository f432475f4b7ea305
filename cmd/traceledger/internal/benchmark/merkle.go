package benchmark

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/transparency-dev/merkle/compact"
	"github.com/transparency-dev/merkle/rfc6962"

	"github.com/traceledger/traceledger/projections/merkle"
	"github.com/traceledger/traceledger/projections/runner"
)

// benchMerkleLeaves is the tree size the Merkle figures are measured at:
// the ten million.
const benchMerkleLeaves = 10_000_000

// benchMerkle measures the verifiable log's tree at ten million leaves.
func benchMerkle(ctx context.Context, out func(Figure)) error {
	return benchMerkleAt(ctx, benchMerkleLeaves, out)
}

// benchMerkleAt reports two figures for a tree of leaves leaves:
//
//   - merkle_leaves_per_s: the tree projection (projections/merkle)
//     appending leaves as serve folds them, nodes kept in level files in a
//     temporary directory, spills and the final flush included; beside
//     transparency-dev's own compact range appending the same leaves in
//     memory with its RFC 6962 hasher, which stores nothing.
//   - inclusion_proof_p99_ms: the 99th percentile of inclusion proofs of
//     random leaves in the whole tree, read from its level files; beside
//     the goal of 1 ms.
func benchMerkleAt(ctx context.Context, leaves uint64, out func(Figure)) error {
	raw := rawCompactRate(min(leaves, 2_000_000))
	dir, err := os.MkdirTemp("", "traceledger-bench-merkle-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	tree := merkle.New(dir)
	defer tree.Close()
	start := time.Now()
	batch := make([]runner.Envelope, 4096)
	for pos := uint64(1); pos <= leaves; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(uint64(len(batch)), leaves-pos+1)
		for i := range n {
			batch[i].Position, batch[i].Hash = pos+i, benchLeaf(pos+i)
		}
		if err := tree.Apply(batch[:n]); err != nil {
			return err
		}
		pos += n
	}
	if err := tree.Snapshot(io.Discard); err != nil { // the rest of the nodes to disk, as a save does
		return err
	}
	rate := float64(leaves) / time.Since(start).Seconds()
	out(newFigure("merkle_leaves_per_s", rate, "leaves/s", "raw_compact_range_leaves_per_s", raw))

	p99, err := proofP99(ctx, tree, leaves)
	if err != nil {
		return err
	}
	out(newFigure("inclusion_proof_p99_ms", p99, "ms", "goal_ms", 1))
	return nil
}

// benchLeaf is a made-up event hash: cheap, so the figure is the tree's.
func benchLeaf(pos uint64) [32]byte {
	var h [32]byte
	for i := 0; i < 32; i += 8 {
		binary.BigEndian.PutUint64(h[i:], pos*0x9E3779B97F4A7C15+uint64(i))
	}
	return h
}

// rawCompactRate is transparency-dev's compact range appending leaves in
// memory, with nothing kept but the range: the baseline of the append rate.
func rawCompactRate(leaves uint64) float64 {
	h := rfc6962.DefaultHasher
	cr := (&compact.RangeFactory{Hash: h.HashChildren}).NewEmptyRange(0)
	start := time.Now()
	for pos := uint64(1); pos <= leaves; pos++ {
		leaf := benchLeaf(pos)
		_ = cr.Append(h.HashLeaf(leaf[:]), nil)
	}
	return float64(leaves) / time.Since(start).Seconds()
}

// proofP99 times inclusion proofs of random leaves in the whole tree.
func proofP99(ctx context.Context, tree *merkle.Projection, size uint64) (float64, error) {
	const proofs = 20_000
	rng := rand.New(rand.NewPCG(5, 9))
	lat := make([]time.Duration, proofs)
	for i := range lat {
		if i%1000 == 0 && ctx.Err() != nil {
			return 0, ctx.Err()
		}
		index := rng.Uint64N(size)
		start := time.Now()
		if _, err := tree.InclusionProof(index, size); err != nil {
			return 0, fmt.Errorf("inclusion proof of %d: %w", index, err)
		}
		lat[i] = time.Since(start)
	}
	slices.Sort(lat)
	return float64(lat[len(lat)*99/100]) / float64(time.Millisecond), nil
}

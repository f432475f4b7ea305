package benchmark

import (
	"testing"
)

// The Merkle figures come out with their baselines, and on a small tree
// meet the goals by far.
func TestBenchMerkleFigures(t *testing.T) {
	got := map[string]Figure{}
	if err := benchMerkleAt(t.Context(), 200_000, func(f Figure) { got[f.Name] = f }); err != nil {
		t.Fatal(err)
	}
	leaves, proof := got["merkle_leaves_per_s"], got["inclusion_proof_p99_ms"]
	if leaves.Baseline != "raw_compact_range_leaves_per_s" || leaves.BaselineValue <= 0 || leaves.Value < 200_000 {
		t.Errorf("leaves: %+v", leaves)
	}
	if proof.Baseline != "goal_ms" || proof.Value <= 0 || proof.Value > 1 {
		t.Errorf("proofs: %+v", proof)
	}
	t.Logf("%+v\n%+v", leaves, proof)
}

package benchmark

import (
	"testing"
)

// TestBenchMerkleReportsBothFiguresBesideTheirBaselines: the leaf rate and
// the proof latency come out, each beside its baseline. How fast they are
// is for make bench to measure, not for a test to assert on a shared machine.
func TestBenchMerkleReportsBothFiguresBesideTheirBaselines(t *testing.T) {
	got := map[string]Figure{}
	if err := benchMerkleAt(t.Context(), 200_000, func(f Figure) { got[f.Name] = f }); err != nil {
		t.Fatal(err)
	}
	leaves, proof := got["merkle_leaves_per_s"], got["inclusion_proof_p99_ms"]
	if leaves.Baseline != "raw_compact_range_leaves_per_s" || leaves.BaselineValue <= 0 || leaves.Value <= 0 {
		t.Errorf("leaves: %+v", leaves)
	}
	if proof.Baseline != "goal_ms" || proof.Value <= 0 || proof.BaselineValue <= 0 {
		t.Errorf("proofs: %+v", proof)
	}
	t.Logf("%+v\n%+v", leaves, proof)
}

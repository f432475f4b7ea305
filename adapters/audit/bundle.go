package audit

import (
	"context"
	"encoding/hex"
	"fmt"
	"unicode/utf8"

	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/domain/event"
)

// BundleFormat names the layout of a bundle; a change is a new version.
const BundleFormat = "traceledger.bundle.v1"

// Bundle is one item's history made checkable offline: each event with
// every field its hash covers, the hash before it (the chain links each
// hash to the previous one), its inclusion proof, and the signed checkpoint
// the proofs are against. The verifier key is only a label: a verifier
// checks with the key it got from the ledger, never the bundle's own.
type Bundle struct {
	Format      string        `json:"format"`
	Item        string        `json:"item"`
	Checkpoint  string        `json:"checkpoint"`
	VerifierKey string        `json:"verifier_key"`
	TreeSize    uint64        `json:"tree_size"`
	RootHash    string        `json:"root_hash"`
	Events      []BundleEvent `json:"events"`
}

// BundleEvent is an event with the exact fields of event.Canonical. Data
// is the stored JSON as a string, byte for byte: re-encoding it as an
// object could reorder or re-escape it and change its hash.
type BundleEvent struct {
	Position      uint64   `json:"position"`
	EventID       string   `json:"event_id"`
	Stream        string   `json:"stream"`
	Version       uint64   `json:"version"`
	Type          string   `json:"type"`
	Data          string   `json:"data"`
	ActorUSCC     string   `json:"actor_uscc"`
	ActorRole     string   `json:"actor_role"`
	CorrelationID string   `json:"correlation_id"`
	CausationID   string   `json:"causation_id"`
	OccurredAt    string   `json:"occurred_at"`
	RecordedAt    string   `json:"recorded_at"`
	PrevHash      string   `json:"prev_hash"`
	Hash          string   `json:"hash"`
	LeafIndex     uint64   `json:"leaf_index"`
	Proof         []string `json:"proof"`
}

// PositionReader reads records by position. *sqlite.Store implements it.
type PositionReader interface {
	ReadPositions(ctx context.Context, positions []uint64) ([]event.Record, error)
}

// Prover gives inclusion proofs. *merkle.Projection implements it.
type Prover interface {
	InclusionProof(index, size uint64) ([][]byte, error)
}

// BuildBundle bundles the events at positions (all covered by head) with
// the hashes before them and their proofs against head.
func BuildBundle(ctx context.Context, item string, positions []uint64, log PositionReader, tree Prover, head notary.Signed, vkey string) (Bundle, error) {
	b := Bundle{Format: BundleFormat, Item: item, Checkpoint: string(head.Note), VerifierKey: vkey,
		TreeSize: head.Size, RootHash: hex.EncodeToString(head.Root[:]), Events: make([]BundleEvent, 0, len(positions))}
	recs, err := log.ReadPositions(ctx, positions)
	if err != nil {
		return Bundle{}, err
	}
	var before []uint64
	for _, p := range positions {
		if p > 1 {
			before = append(before, p-1)
		}
	}
	prevRecs, err := log.ReadPositions(ctx, before)
	if err != nil {
		return Bundle{}, err
	}
	prevs := make(map[uint64][32]byte, len(prevRecs))
	for _, r := range prevRecs {
		prevs[r.Position+1] = r.Hash
	}
	for _, r := range recs {
		if r.Position > head.Size {
			return Bundle{}, fmt.Errorf("position %d is not under the checkpoint of %d events", r.Position, head.Size)
		}
		if !utf8.Valid(r.Data) {
			return Bundle{}, fmt.Errorf("position %d: data is not UTF-8 text", r.Position)
		}
		proof, err := tree.InclusionProof(r.Position-1, head.Size)
		if err != nil {
			return Bundle{}, err
		}
		prev := prevs[r.Position] // zeros before position 1
		md := r.Metadata
		b.Events = append(b.Events, BundleEvent{Position: r.Position, EventID: r.ID.String(), Stream: r.Stream,
			Version: r.Version, Type: r.Type, Data: string(r.Data), ActorUSCC: md.ActorUSCC, ActorRole: md.ActorRole,
			CorrelationID: md.CorrelationID, CausationID: md.CausationID,
			OccurredAt: event.FormatTime(md.OccurredAt), RecordedAt: event.FormatTime(md.RecordedAt),
			PrevHash: hex.EncodeToString(prev[:]), Hash: hex.EncodeToString(r.Hash[:]),
			LeafIndex: r.Position - 1, Proof: hexAll(proof)})
	}
	return b, nil
}

func hexAll(hs [][]byte) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = hex.EncodeToString(h)
	}
	return out
}

package audit

import (
	"encoding/hex"
	"fmt"

	"github.com/google/uuid"
	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/note"

	"github.com/traceledger/traceledger/adapters/notary"
	"github.com/traceledger/traceledger/domain/event"
)

// VerifyBundle checks a bundle with the ledger's verifier key v alone: the
// checkpoint's signature; for each event, that its fields and the hash
// before it hash to its hash (event.Chain), and that this hash is the leaf
// at its position in the signed tree (an RFC 6962 inclusion proof).
// Because the signed tree commits to each hash, and each hash to its
// record, no field of a bundled event can change unnoticed. It returns the
// checkpoint the bundle proved against.
func VerifyBundle(b Bundle, v note.Verifier) (notary.Signed, error) {
	if b.Format != BundleFormat {
		return notary.Signed{}, fmt.Errorf("bundle format %q, want %q", b.Format, BundleFormat)
	}
	head, err := notary.Open([]byte(b.Checkpoint), v)
	if err != nil {
		return notary.Signed{}, fmt.Errorf("bundle checkpoint: %w", err)
	}
	if b.TreeSize != head.Size || b.RootHash != hex.EncodeToString(head.Root[:]) {
		return notary.Signed{}, fmt.Errorf("bundle says tree size %d root %s, its signed checkpoint %d %x", b.TreeSize, b.RootHash, head.Size, head.Root)
	}
	hashes := map[uint64][32]byte{}
	for _, e := range b.Events {
		rec, prev, err := e.record()
		if err != nil {
			return head, failAt(e.Position, "%v", err)
		}
		h := event.Chain(prev, rec)
		if hex.EncodeToString(h[:]) != e.Hash {
			return head, failAt(e.Position, "its fields and the hash before it hash to %x, not to its hash %s", h, e.Hash)
		}
		if before, ok := hashes[e.Position-1]; ok && before != prev {
			return head, failAt(e.Position, "its hash before is not the bundled hash of position %d", e.Position-1)
		}
		hashes[e.Position] = h
		if e.Position == 0 || e.LeafIndex != e.Position-1 || e.Position > head.Size {
			return head, failAt(e.Position, "leaf index %d is not under the checkpoint of %d leaves at this position", e.LeafIndex, head.Size)
		}
		path, err := unhexAll(e.Proof)
		if err != nil {
			return head, failAt(e.Position, "proof: %v", err)
		}
		leaf := rfc6962.DefaultHasher.HashLeaf(h[:])
		if err := proof.VerifyInclusion(rfc6962.DefaultHasher, e.LeafIndex, head.Size, leaf, path, head.Root[:]); err != nil {
			return head, failAt(e.Position, "not in the signed tree of %d events: %v", head.Size, err)
		}
	}
	return head, nil
}

// record rebuilds the stored record a bundled event stands for, and the
// hash before it.
func (e BundleEvent) record() (event.Record, [32]byte, error) {
	var prev [32]byte
	b, err := hex.DecodeString(e.PrevHash)
	if err != nil || len(b) != len(prev) {
		return event.Record{}, prev, fmt.Errorf("prev_hash %q is not a hex SHA-256 hash", e.PrevHash)
	}
	prev = [32]byte(b)
	id, err := uuid.Parse(e.EventID)
	if err != nil {
		return event.Record{}, prev, fmt.Errorf("event_id: %w", err)
	}
	occurred, err := event.ParseTime(e.OccurredAt)
	if err != nil {
		return event.Record{}, prev, fmt.Errorf("occurred_at: %w", err)
	}
	recorded, err := event.ParseTime(e.RecordedAt)
	if err != nil {
		return event.Record{}, prev, fmt.Errorf("recorded_at: %w", err)
	}
	return event.Record{ID: id, Stream: e.Stream, Version: e.Version, Position: e.Position, Type: e.Type, Data: []byte(e.Data),
		Metadata: event.Metadata{ActorUSCC: e.ActorUSCC, ActorRole: e.ActorRole, CorrelationID: e.CorrelationID,
			CausationID: e.CausationID, OccurredAt: occurred, RecordedAt: recorded}}, prev, nil
}

func unhexAll(hs []string) ([][]byte, error) {
	out := make([][]byte, len(hs))
	for i, h := range hs {
		b, err := hex.DecodeString(h)
		if err != nil {
			return nil, fmt.Errorf("hash %d: %w", i, err)
		}
		out[i] = b
	}
	return out, nil
}

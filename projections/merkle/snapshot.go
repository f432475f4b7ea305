package merkle

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/transparency-dev/merkle/compact"
)

// snapshotMagic starts the snapshot's state, after the runner's header.
const snapshotMagic = "traceledger.merkle.v1\n"

// Snapshot puts every node not yet on disk into the level files (synced),
// then writes the small state that pins them: the tree size, the compact
// range's hashes and the root, as raw bytes. The same tree always writes
// the same bytes, whether its nodes are on disk or in memory, so a served
// model compares byte for byte with a replay.
func (p *Projection) Snapshot(w io.Writer) error {
	p.flushing.Lock()
	defer p.flushing.Unlock()
	snap, err := p.flush(true)
	if err != nil {
		return fmt.Errorf("merkle snapshot: %w", err)
	}
	if _, err := w.Write(snap); err != nil {
		return fmt.Errorf("merkle snapshot: %w", err)
	}
	return nil
}

// state is the snapshot's bytes: magic, size, compact range, root.
func (p *Projection) state() []byte {
	var buf bytes.Buffer
	buf.WriteString(snapshotMagic)
	buf.Write(binary.BigEndian.AppendUint64(nil, p.t.size()))
	for _, h := range p.t.cr.Hashes() {
		buf.Write(h)
	}
	root := p.t.root()
	buf.Write(root[:])
	return buf.Bytes()
}

// Restore reads the state Snapshot wrote and takes the level files'
// nodes up to that size, after checking that the nodes on disk are the
// compact range the snapshot names: files from another ledger, or cut
// short, are refused rather than served as proofs.
func (p *Projection) Restore(r io.Reader) error {
	br := bufio.NewReader(r)
	magic := make([]byte, len(snapshotMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != snapshotMagic {
		return fmt.Errorf("merkle restore: not a merkle snapshot")
	}
	var sizeBuf [8]byte
	if _, err := io.ReadFull(br, sizeBuf[:]); err != nil {
		return fmt.Errorf("merkle restore: %w", err)
	}
	size := binary.BigEndian.Uint64(sizeBuf[:])
	hashes := make([][]byte, compact.RangeSize(0, size))
	for i := range hashes {
		hashes[i] = make([]byte, HashSize)
		if _, err := io.ReadFull(br, hashes[i]); err != nil {
			return fmt.Errorf("merkle restore: %w", err)
		}
	}
	var root [32]byte
	if _, err := io.ReadFull(br, root[:]); err != nil {
		return fmt.Errorf("merkle restore: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.restore(size, hashes, root); err != nil {
		p.t.cr = factory.NewEmptyRange(0)
		p.t.nodes.reset()
		return fmt.Errorf("merkle restore: %w", err)
	}
	return nil
}

func (p *Projection) restore(size uint64, hashes [][]byte, root [32]byte) error {
	if err := p.t.nodes.restore(size); err != nil {
		return err
	}
	stored, err := p.t.fetch(compact.RangeNodes(0, size, nil))
	if err != nil {
		return err
	}
	for i := range stored {
		if !bytes.Equal(stored[i], hashes[i]) {
			return fmt.Errorf("the level files disagree with the snapshot at size %d: run traceledger replay --projection merkle", size)
		}
	}
	cr, err := factory.NewRange(0, size, hashes)
	if err != nil {
		return err
	}
	p.t.cr = cr
	if p.t.root() != root {
		return fmt.Errorf("the snapshot's root does not match its compact range")
	}
	return nil
}

package merkle

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/transparency-dev/merkle/compact"
)

// maxLevels bounds the tree's height: 2^63 leaves is more than any log.
const maxLevels = 64

// keptLevel is the lowest level kept whole in memory once flushed. Every
// proof reads one node of each level, and the upper levels are few nodes
// that every proof shares: reading them from memory leaves a proof
// keptLevel reads of the files (at ten million leaves, 10 instead of 24),
// which were most of an item history's time. The kept levels hold about
// one node per 512 leaves: 0.6 MB at ten million leaves, 62 MB at a
// billion.
const keptLevel = 10

// nodes holds the hash of every perfect subtree, level by level: level 0 the
// leaf hashes, level L the roots of subtrees of 2^L leaves, each level in
// index order. Node i of level L sits at byte 32*i of that level.
//
// A level's nodes are in two parts: a prefix of flushed[L] nodes on disk
// (level-LL.hashes in dir), and those from memFrom[L] on in mem[L]. Below
// keptLevel, mem holds the nodes waiting for the next flush (memFrom is
// flushed); from keptLevel up it holds the whole level (memFrom is 0), so
// a proof reads those levels without touching the files. With dir empty
// the tree lives in memory only (verify, export and the replay comparison
// use that) and nothing is ever flushed.
type nodes struct {
	dir     string
	files   [maxLevels]*os.File
	flushed [maxLevels]uint64
	memFrom [maxLevels]uint64
	mem     [maxLevels][]byte
	// err is the first failure of visit, which cannot return one.
	err error
}

// count is the number of nodes level holds.
func (n *nodes) count(level uint) uint64 {
	return n.memFrom[level] + uint64(len(n.mem[level])/HashSize)
}

// visit stores a node the compact range reports as complete. Nodes of a
// level complete in index order; anything else is a bug worth failing on.
func (n *nodes) visit(id compact.NodeID, hash []byte) {
	if n.err != nil {
		return
	}
	if id.Level >= maxLevels || id.Index != n.count(id.Level) || len(hash) != HashSize {
		n.err = fmt.Errorf("merkle: node %d/%d arrived out of order (level holds %d)", id.Level, id.Index, n.count(id.Level))
		return
	}
	n.mem[id.Level] = append(n.mem[id.Level], hash...)
}

// get returns a copy of a stored node's hash.
func (n *nodes) get(id compact.NodeID) ([]byte, error) {
	if id.Level >= maxLevels || id.Index >= n.count(id.Level) {
		return nil, fmt.Errorf("merkle: no node %d/%d", id.Level, id.Index)
	}
	out := make([]byte, HashSize)
	if id.Index >= n.memFrom[id.Level] {
		off := (id.Index - n.memFrom[id.Level]) * HashSize
		copy(out, n.mem[id.Level][off:off+HashSize])
		return out, nil
	}
	if _, err := n.files[id.Level].ReadAt(out, int64(id.Index*HashSize)); err != nil {
		return nil, fmt.Errorf("merkle: read node %d/%d: %w", id.Level, id.Index, err)
	}
	return out, nil
}

// waiting is level's nodes not yet flushed.
func (n *nodes) waiting(level int) []byte {
	return n.mem[level][(n.flushed[level]-n.memFrom[level])*HashSize:]
}

// pending is how many bytes wait in memory for a flush.
func (n *nodes) pending() int {
	total := 0
	for level := range n.mem {
		total += len(n.waiting(level))
	}
	return total
}

// reset forgets every node. Files are not touched here: the next write cuts
// each level it appends to back to what the tree holds.
func (n *nodes) reset() {
	for level := range n.mem {
		n.mem[level] = nil
		n.flushed[level] = 0
		n.memFrom[level] = 0
	}
	n.err = nil
}

// restore takes the files' nodes of a tree of size leaves as flushed, and
// reads the kept levels into memory. A file shorter than that tree is an
// error: its nodes are lost and only a rebuild (traceledger replay) brings
// them back.
func (n *nodes) restore(size uint64) error {
	n.reset()
	if size == 0 {
		return nil
	}
	if n.dir == "" {
		return fmt.Errorf("merkle: a tree kept in memory cannot restore a snapshot of %d leaves", size)
	}
	for level := uint(0); level < maxLevels && size>>level > 0; level++ {
		f, err := n.file(int(level))
		if err != nil {
			return err
		}
		st, err := f.Stat()
		if err != nil {
			return fmt.Errorf("merkle: level %d: %w", level, err)
		}
		want := (size >> level) * HashSize
		if uint64(st.Size()) < want {
			return fmt.Errorf("merkle: level %d holds %d bytes, the snapshot of %d leaves needs %d: run traceledger replay --projection merkle",
				level, st.Size(), size, want)
		}
		n.flushed[level] = size >> level
		n.memFrom[level] = size >> level
		if level >= keptLevel {
			m := make([]byte, want)
			if _, err := io.ReadFull(io.NewSectionReader(f, 0, int64(want)), m); err != nil {
				n.reset()
				return fmt.Errorf("merkle: read level %d: %w", level, err)
			}
			n.mem[level], n.memFrom[level] = m, 0
		}
	}
	return nil
}

// file opens (creating) a level's file.
func (n *nodes) file(level int) (*os.File, error) {
	if n.files[level] != nil {
		return n.files[level], nil
	}
	if err := os.MkdirAll(n.dir, 0o755); err != nil {
		return nil, fmt.Errorf("merkle: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(n.dir, fmt.Sprintf("level-%02d.hashes", level)), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("merkle: %w", err)
	}
	n.files[level] = f
	return f, nil
}

// close closes the level files.
func (n *nodes) close() error {
	var errs []error
	for level, f := range n.files {
		if f != nil {
			errs = append(errs, f.Close())
			n.files[level] = nil
		}
	}
	return errors.Join(errs...)
}

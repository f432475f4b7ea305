package merkle

import (
	"fmt"
	"os"
)

// flushPlan is the nodes a flush puts on disk: for each level, its file,
// where its waiting nodes go, and those nodes. Planning takes the tree's
// lock (it is quick); writing does not, so proofs go on while the disk
// works: the planned bytes never change until commit, since appends only
// add nodes after them.
type flushPlan []flushLevel

type flushLevel struct {
	level int
	f     *os.File
	off   int64
	nodes []byte
}

// plan lists every level's waiting nodes, opening files as needed.
func (n *nodes) plan() (flushPlan, error) {
	if n.dir == "" {
		return nil, nil
	}
	var p flushPlan
	for level := range n.mem {
		m := n.waiting(level)
		if len(m) == 0 {
			continue
		}
		f, err := n.file(level)
		if err != nil {
			return nil, err
		}
		p = append(p, flushLevel{level: level, f: f, off: int64(n.flushed[level] * HashSize), nodes: m[:len(m):len(m)]})
	}
	return p, nil
}

// write appends each level's planned nodes to its file and syncs it. A
// level's file is first cut to the nodes this tree holds, dropping what a
// crashed run wrote past its snapshot or what a reset tree no longer has.
func (p flushPlan) write() error {
	for _, l := range p {
		if err := l.f.Truncate(l.off); err != nil {
			return fmt.Errorf("merkle: cut level %d: %w", l.level, err)
		}
		if _, err := l.f.WriteAt(l.nodes, l.off); err != nil {
			return fmt.Errorf("merkle: write level %d: %w", l.level, err)
		}
		if err := l.f.Sync(); err != nil {
			return fmt.Errorf("merkle: sync level %d: %w", l.level, err)
		}
	}
	return nil
}

// commit moves the nodes a plan put on disk out of memory, except on the
// kept levels, which stay whole in memory. A level whose buffer grew large
// (a rebuild) gives its memory back.
func (n *nodes) commit(p flushPlan) {
	for _, l := range p {
		w := uint64(len(l.nodes) / HashSize)
		n.flushed[l.level] += w
		if l.level >= keptLevel {
			continue
		}
		rest := n.mem[l.level][len(l.nodes):]
		if len(rest) == 0 && cap(n.mem[l.level]) > 1<<20 {
			n.mem[l.level] = nil
		} else {
			n.mem[l.level] = append(n.mem[l.level][:0], rest...)
		}
		n.memFrom[l.level] += w
	}
}

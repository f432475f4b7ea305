package enginebench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/domain/event"
)

// segmentMax is the size past which the log starts a new segment file.
const segmentMax = 64 << 20

// indexEvery is the spacing of the sparse position index.
const indexEvery = 1024

// segmentLog is the log of our own: files seg-<first position>.jsonl in one
// directory, each a run of record lines (line.go), written only at their
// end. A group is one write and one fsync of the current segment; a new
// segment's directory entry is synced before the first group goes in it.
// Event ids are kept unique by a set in memory, rebuilt from the log on
// open; the position index holds every indexEvery-th position's segment
// and offset, so a read from a position seeks instead of scanning.
type segmentLog struct {
	dir   string
	f     *os.File
	size  int64
	seg   uint64 // the current segment's first position
	ids   map[uuid.UUID]struct{}
	index []indexEntry
	buf   []byte
}

// indexEntry says where position pos starts.
type indexEntry struct {
	pos, seg uint64
	off      int64
}

func openSegment(_ context.Context, dir string) (engine, error) {
	return openSegmentLog(filepath.Join(dir, "segments"))
}

// openSegmentLog opens the log in dir, creating it if missing; a torn last
// line (a crash in the middle of a write) is cut off.
func openSegmentLog(dir string) (*segmentLog, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("segment log: %w", err)
	}
	s := &segmentLog{dir: dir, ids: make(map[uuid.UUID]struct{})}
	segs, err := s.segments()
	if err != nil {
		return nil, err
	}
	for i, first := range segs {
		valid, err := s.scan(first)
		if err != nil {
			return nil, err
		}
		if i == len(segs)-1 {
			if err := s.reopen(first, valid); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// segments lists the segments' first positions, in order.
func (s *segmentLog) segments() ([]uint64, error) {
	names, err := filepath.Glob(filepath.Join(s.dir, "seg-*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("segment log: %w", err)
	}
	var out []uint64
	for _, n := range names {
		var first uint64
		if _, err := fmt.Sscanf(filepath.Base(n), "seg-%020d.jsonl", &first); err == nil {
			out = append(out, first)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

func (s *segmentLog) name(first uint64) string {
	return filepath.Join(s.dir, fmt.Sprintf("seg-%020d.jsonl", first))
}

// scan reads a segment's lines into the id set and index and returns the
// length of its valid part: up to the first line that is cut short or fails
// its CRC.
func (s *segmentLog) scan(first uint64) (int64, error) {
	b, err := os.ReadFile(s.name(first))
	if err != nil {
		return 0, fmt.Errorf("segment log: %w", err)
	}
	var off int64
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			break
		}
		r, err := parseLine(b[:i])
		if err != nil {
			break
		}
		s.ids[r.ID] = struct{}{}
		if r.Position%indexEvery == 1 {
			s.index = append(s.index, indexEntry{pos: r.Position, seg: first, off: off})
		}
		off += int64(i + 1)
		b = b[i+1:]
	}
	return off, nil
}

// reopen makes segment first the one written, cut to valid bytes.
func (s *segmentLog) reopen(first uint64, valid int64) error {
	f, err := os.OpenFile(s.name(first), os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("segment log: %w", err)
	}
	if err := f.Truncate(valid); err == nil {
		err = f.Sync()
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("segment log: cut torn tail: %w", err)
	}
	if _, err := f.Seek(valid, 0); err != nil {
		f.Close()
		return fmt.Errorf("segment log: %w", err)
	}
	s.f, s.size, s.seg = f, valid, first
	return nil
}

// commit writes g's lines at the end of the current segment, or of a new
// one, and syncs them. A failed write is cut off again.
func (s *segmentLog) commit(_ context.Context, g *group) error {
	seen := make(map[uuid.UUID]struct{}, len(g.recs))
	for i := range g.recs {
		id := g.recs[i].ID
		if _, ok := s.ids[id]; ok {
			return fmt.Errorf("segment log: %w: %s", event.ErrDuplicateID, id)
		}
		if _, ok := seen[id]; ok {
			return fmt.Errorf("segment log: %w: %s", event.ErrDuplicateID, id)
		}
		seen[id] = struct{}{}
	}
	if s.f == nil || s.size >= segmentMax {
		if err := s.roll(g.recs[0].Position); err != nil {
			return err
		}
	}
	s.buf = s.buf[:0]
	var entries []indexEntry
	for i := range g.recs {
		if p := g.recs[i].Position; p%indexEvery == 1 {
			entries = append(entries, indexEntry{pos: p, seg: s.seg, off: s.size + int64(len(s.buf))})
		}
		s.buf = appendLine(s.buf, &g.recs[i], g.texts[i], g.recorded)
	}
	_, err := s.f.Write(s.buf)
	if err == nil {
		err = s.f.Sync()
	}
	if err != nil {
		// Nothing of the group may stay: a later group would follow it.
		_ = s.f.Truncate(s.size)
		_, _ = s.f.Seek(s.size, 0)
		return fmt.Errorf("segment log: write group: %w", err)
	}
	s.size += int64(len(s.buf))
	for id := range seen {
		s.ids[id] = struct{}{}
	}
	s.index = append(s.index, entries...)
	return nil
}

// roll closes the current segment and starts one at position first; the
// directory is synced so the new file survives a crash.
func (s *segmentLog) roll(first uint64) error {
	if s.f != nil {
		if err := s.f.Close(); err != nil {
			return fmt.Errorf("segment log: close segment: %w", err)
		}
		s.f = nil
	}
	f, err := os.OpenFile(s.name(first), os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("segment log: new segment: %w", err)
	}
	d, err := os.Open(s.dir)
	if err == nil {
		err = d.Sync()
		d.Close()
	}
	if err != nil {
		f.Close()
		return fmt.Errorf("segment log: sync directory: %w", err)
	}
	s.f, s.size, s.seg = f, 0, first
	return nil
}

func (s *segmentLog) close() error {
	if s.f == nil {
		return nil
	}
	return s.f.Close()
}

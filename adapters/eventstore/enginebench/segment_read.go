package enginebench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/traceledger/traceledger/domain/event"
)

// readChunk is how much of a segment one read takes.
const readChunk = 1 << 20

// replay reads the segments in order, a chunk of whole lines at a time,
// and decodes the chunks on the decoders.
func (s *segmentLog) replay(ctx context.Context, fn func([]event.Record) error) error {
	return s.readFrom(ctx, 0, fn)
}

// readFrom is replay from the first record after position after: the
// sparse index says where to start, the lines before it are skipped.
func (s *segmentLog) readFrom(ctx context.Context, after uint64, fn func([]event.Record) error) error {
	segs, err := s.segments()
	if err != nil {
		return err
	}
	start := indexEntry{}
	for _, e := range s.index {
		if e.pos > after+1 {
			break
		}
		start = e
	}
	return decodeOrdered(ctx, func(emit func([]byte) error) error {
		for _, first := range segs {
			if first < start.seg {
				continue
			}
			off := int64(0)
			if first == start.seg {
				off = start.off
			}
			if err := readSegment(s.name(first), off, emit); err != nil {
				return err
			}
		}
		return nil
	}, decodeLines, func(recs []event.Record) error {
		for len(recs) > 0 && recs[0].Position <= after {
			recs = recs[1:]
		}
		if len(recs) == 0 {
			return nil
		}
		return fn(recs)
	})
}

// readSegment emits the file's lines from off in chunks that end at a
// newline; a last line without one (being written, or torn) is left out.
func readSegment(path string, off int64, emit func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("segment log: %w", err)
	}
	defer f.Close()
	if _, err := f.Seek(off, 0); err != nil {
		return fmt.Errorf("segment log: %w", err)
	}
	var carry []byte
	for {
		buf := make([]byte, len(carry), readChunk+len(carry))
		copy(buf, carry)
		n, err := io.ReadFull(f, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			carry = buf[i+1:]
			if err := emit(buf[:i+1]); err != nil {
				return err
			}
		} else {
			carry = buf
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("segment log: %w", err)
		}
	}
}

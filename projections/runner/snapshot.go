package runner

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// snapshotFormat versions the file layout; a projection versions its own
// state with Version.
const snapshotFormat = 1

// header is the first line of a snapshot file: which projection, at which
// position of the log, in which format. The projection's state follows.
type header struct {
	Format     int    `json:"format"`
	Projection string `json:"projection"`
	Version    int    `json:"version"`
	Position   uint64 `json:"position"`
}

// Versioned is implemented by projections whose snapshot layout changed: a
// snapshot of another version is discarded and the model rebuilt.
type Versioned interface{ Version() int }

func versionOf(p Projection) int {
	if v, ok := p.(Versioned); ok {
		return v.Version()
	}
	return 1
}

func snapshotPath(dir string, p Projection) string { return filepath.Join(dir, p.Name()+".snapshot") }

// save writes p's state at position atomically: a temp file, fsync, rename,
// fsync of the directory. A crash leaves the old snapshot or the new one. A
// Durable projection, whose position is committed with its state, is only
// asked to make it durable.
func save(dir string, p Projection, position uint64) error {
	if d, ok := p.(Durable); ok {
		if err := d.Persist(); err != nil {
			return fmt.Errorf("persist %s: %w", p.Name(), err)
		}
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	path := snapshotPath(dir, p)
	tmp, err := os.CreateTemp(dir, p.Name()+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriterSize(tmp, 1<<20)
	h, _ := json.Marshal(header{Format: snapshotFormat, Projection: p.Name(), Version: versionOf(p), Position: position})
	w.Write(append(h, '\n'))
	if err := p.Snapshot(w); err != nil {
		tmp.Close()
		return fmt.Errorf("snapshot %s: %w", p.Name(), err)
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// load restores p from its snapshot and returns the position it covers: 0
// when there is none or it is of another version (p is then reset). A
// Durable projection tells its own position; a snapshot file left from
// when it was kept in memory is removed, as nothing reads it again.
func load(dir string, p Projection) (uint64, error) {
	if d, ok := p.(Durable); ok {
		pos, err := d.Position()
		if err != nil {
			return 0, fmt.Errorf("position of %s: %w", p.Name(), err)
		}
		if dir != "" {
			if err := os.Remove(snapshotPath(dir, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return 0, fmt.Errorf("remove the old snapshot of %s: %w", p.Name(), err)
			}
		}
		return pos, nil
	}
	f, err := os.Open(snapshotPath(dir, p))
	if errors.Is(err, fs.ErrNotExist) {
		p.Reset()
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	line, err := r.ReadBytes('\n')
	if err != nil {
		return 0, fmt.Errorf("snapshot %s: %w", p.Name(), err)
	}
	var h header
	if err := json.Unmarshal(line, &h); err != nil {
		return 0, fmt.Errorf("snapshot %s header: %w", p.Name(), err)
	}
	if h.Format != snapshotFormat || h.Projection != p.Name() || h.Version != versionOf(p) {
		p.Reset()
		return 0, nil
	}
	p.Reset()
	if err := p.Restore(r); err != nil {
		return 0, fmt.Errorf("restore %s: %w", p.Name(), err)
	}
	return h.Position, nil
}

// Dump writes p's header-less state, for comparing a model with a replay.
func Dump(w io.Writer, p Projection) error { return p.Snapshot(w) }

// WriteJSON writes v as one JSON document: the snapshot form of a model whose
// state is exported structs, maps (keys sorted) and slices in log order, so
// the same state always writes the same bytes.
func WriteJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

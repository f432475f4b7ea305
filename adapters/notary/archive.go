package notary

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ArchiveDir is the kept checkpoints' directory in the data directory, and
// archiveFile the file in it.
const (
	ArchiveDir  = "checkpoints"
	archiveFile = "checkpoints.jsonl"
)

// archived is one line of the archive: the signed note as published and,
// outside the signature, when it was signed.
type archived struct {
	Note     string    `json:"note"`
	SignedAt time.Time `json:"signed_at"`
}

// Archive keeps every signed checkpoint, one JSON line each, appended and
// synced before the checkpoint is published.
type Archive struct {
	dir string
	mu  sync.Mutex
	f   *os.File
}

// OpenArchive opens (creating) the archive in dir. A line a crash left
// half-written is cut off, so the next one starts clean.
func OpenArchive(dir string) (*Archive, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("checkpoint archive: %w", err)
	}
	f, err := os.OpenFile(filepath.Join(dir, archiveFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("checkpoint archive: %w", err)
	}
	if err := cutTornLine(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("checkpoint archive: %w", err)
	}
	return &Archive{dir: dir, f: f}, nil
}

// cutTornLine truncates f after its last newline and leaves the offset at
// the end.
func cutTornLine(f *os.File) error {
	raw, err := io.ReadAll(f)
	if err != nil {
		return err
	}
	keep := bytes.LastIndexByte(raw, '\n') + 1
	if keep != len(raw) {
		if err := f.Truncate(int64(keep)); err != nil {
			return err
		}
	}
	_, err = f.Seek(int64(keep), io.SeekStart)
	return err
}

// Append keeps a signed checkpoint; it returns once the line is synced.
func (a *Archive) Append(s Signed, at time.Time) error {
	line, err := json.Marshal(archived{Note: string(s.Note), SignedAt: at.UTC()})
	if err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := a.f.Write(append(line, '\n')); err != nil {
		return fmt.Errorf("keep checkpoint %d: %w", s.Size, err)
	}
	if err := a.f.Sync(); err != nil {
		return fmt.Errorf("keep checkpoint %d: %w", s.Size, err)
	}
	return nil
}

// Last is the newest checkpoint kept (see LastInArchive).
func (a *Archive) Last() ([]byte, bool, error) { return LastInArchive(a.dir) }

// Close closes the archive.
func (a *Archive) Close() error { return a.f.Close() }

// ReadArchive returns the signed notes kept in dir, oldest first, without
// checking them (see Open). A missing archive is no checkpoints; a torn
// last line is skipped.
func ReadArchive(dir string) ([][]byte, error) {
	f, err := os.Open(filepath.Join(dir, archiveFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint archive: %w", err)
	}
	defer f.Close()
	var notes [][]byte
	r := bufio.NewReader(f)
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if errors.Is(err, io.EOF) {
			return notes, nil
		}
		if err != nil {
			return nil, fmt.Errorf("checkpoint archive: %w", err)
		}
		var a archived
		if err := json.Unmarshal(line, &a); err != nil {
			return nil, fmt.Errorf("checkpoint archive line %d: %w", n, err)
		}
		notes = append(notes, []byte(a.Note))
	}
}

// LastInArchive returns the newest signed note kept in dir, reading only
// the archive's tail, so a server starts fast however many it kept.
func LastInArchive(dir string) ([]byte, bool, error) {
	f, err := os.Open(filepath.Join(dir, archiveFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("checkpoint archive: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, false, fmt.Errorf("checkpoint archive: %w", err)
	}
	for tail := int64(4096); ; tail *= 2 {
		off := max(st.Size()-tail, 0)
		buf := make([]byte, st.Size()-off)
		if _, err := f.ReadAt(buf, off); err != nil && !errors.Is(err, io.EOF) {
			return nil, false, fmt.Errorf("checkpoint archive: %w", err)
		}
		buf = buf[:bytes.LastIndexByte(buf, '\n')+1] // drop a torn line
		lines := bytes.Split(bytes.TrimSuffix(buf, []byte("\n")), []byte("\n"))
		last := lines[len(lines)-1]
		if len(lines) < 2 && off > 0 {
			continue // the last line may start before this tail
		}
		if len(last) == 0 {
			return nil, false, nil
		}
		var a archived
		if err := json.Unmarshal(last, &a); err != nil {
			return nil, false, fmt.Errorf("checkpoint archive, last line: %w", err)
		}
		return []byte(a.Note), true, nil
	}
}

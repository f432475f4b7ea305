package notary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Kept is one checkpoint of the archive as an operator lists it: the tree
// size and root it signed, when, and the signed note itself.
type Kept struct {
	Checkpoint
	SignedAt time.Time
	Note     []byte
}

// RecentInArchive returns the newest n checkpoints kept in dir, newest
// first, reading only the archive's tail (the notary signs up to one a
// second, so the archive grows long). A torn last line is skipped.
func RecentInArchive(dir string, n int) ([]Kept, error) {
	f, err := os.Open(filepath.Join(dir, archiveFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint archive: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("checkpoint archive: %w", err)
	}
	for tail := int64(4096) * int64(max(n, 1)); ; tail *= 2 {
		off := max(st.Size()-tail, 0)
		buf := make([]byte, st.Size()-off)
		if _, err := f.ReadAt(buf, off); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("checkpoint archive: %w", err)
		}
		buf = buf[:bytes.LastIndexByte(buf, '\n')+1] // drop a torn line
		lines := bytes.Split(bytes.TrimSuffix(buf, []byte("\n")), []byte("\n"))
		if off > 0 {
			lines = lines[1:] // the first line may start before this tail
		}
		if len(lines) < n && off > 0 {
			continue
		}
		var out []Kept
		for i := len(lines) - 1; i >= 0 && len(out) < n; i-- {
			if len(lines[i]) == 0 {
				continue
			}
			var a archived
			if err := json.Unmarshal(lines[i], &a); err != nil {
				return nil, fmt.Errorf("checkpoint archive: %w", err)
			}
			body, _, _ := bytes.Cut([]byte(a.Note), []byte("\n\n"))
			c, err := ParseCheckpoint(append(body, '\n'))
			if err != nil {
				return nil, fmt.Errorf("checkpoint archive: %w", err)
			}
			out = append(out, Kept{Checkpoint: c, SignedAt: a.SignedAt, Note: []byte(a.Note)})
		}
		return out, nil
	}
}

//go:build cgo

package enginebench

import (
	"context"
	"path/filepath"

	_ "github.com/mattn/go-sqlite3" // the cgo driver "sqlite3"
)

// mattnCandidate is the cgo SQLite; a build without cgo (the container
// image's) leaves it out.
var mattnCandidate = &candidate{"sqlite-mattn", openMattn}

func openMattn(ctx context.Context, dir string) (engine, error) {
	return openSQLDB(ctx, "sqlite3", filepath.Join(dir, "mattn.db"), func(p string) string { return fileURI(p, nil) })
}

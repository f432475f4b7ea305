package enginebench

import (
	"context"
	"path/filepath"

	_ "github.com/mattn/go-sqlite3" // the cgo driver "sqlite3"
)

func openMattn(ctx context.Context, dir string) (engine, error) {
	return openSQLDB(ctx, "sqlite3", filepath.Join(dir, "mattn.db"), func(p string) string { return fileURI(p, nil) })
}

package enginebench

import (
	"context"
	"path/filepath"

	_ "modernc.org/sqlite" // the pure-Go driver "sqlite", today's store's
)

func openModernc(ctx context.Context, dir string) (engine, error) {
	return openSQLDB(ctx, "sqlite", filepath.Join(dir, "modernc.db"), func(p string) string { return fileURI(p, nil) })
}

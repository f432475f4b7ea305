package query

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// DeclarationFilter selects customs declarations: each set field must
// match. Status is pending (no decision yet), released or rejected;
// DeclaredFrom and DeclaredTo bound the declaration's time (from
// inclusive, to exclusive; zero: open).
type DeclarationFilter struct {
	Importer     string
	Port         string
	Status       string
	DeclaredFrom time.Time
	DeclaredTo   time.Time
}

// DeclarationSorts are the declaration list's sort keys, the default first.
var DeclarationSorts = []string{"declared", "no", "port"}

// List is a page of the declarations rd's actor may see that match f:
// overseers every one, an enterprise those it filed (the others are
// absent, not refused).
func (q *Declarations) List(ctx context.Context, rd Read, f DeclarationFilter, pg DirectoryPage) ([]DeclarationView, string, error) {
	if err := mayBrowse(rd.Actor); err != nil {
		return nil, "", err
	}
	switch f.Status {
	case "", "pending", "released", "rejected":
	default:
		return nil, "", domain.Invalid("status", "want_pending_released_or_rejected", "%q: want pending, released or rejected", f.Status)
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	var rows []DeclarationView
	for _, d := range q.model.Declarations() {
		if access.MayReadDeclaration(rd.Actor, d.ImporterUSCC) != nil {
			continue
		}
		status := d.Decision
		if status == "" {
			status = "pending"
		}
		if (f.Importer != "" && d.ImporterUSCC != f.Importer) || (f.Port != "" && d.Port != f.Port) || (f.Status != "" && status != f.Status) ||
			(!f.DeclaredFrom.IsZero() && d.DeclaredAt.Before(f.DeclaredFrom)) || (!f.DeclaredTo.IsZero() && !d.DeclaredAt.Before(f.DeclaredTo)) {
			continue
		}
		if q.names != nil {
			d.ImporterName = q.names.Name(d.ImporterUSCC)
		}
		rows = append(rows, d)
	}
	return pageSorted(rows, pg, DeclarationSorts, map[string]func(DeclarationView) sortKey{
		"declared": func(d DeclarationView) sortKey { return sortKey{positionKey(d.Position), d.DeclarationNo} },
		"no":       func(d DeclarationView) sortKey { return sortKey{d.DeclarationNo, d.DeclarationNo} },
		"port":     func(d DeclarationView) sortKey { return sortKey{d.Port, d.DeclarationNo} },
	})
}

package query

import (
	"context"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// DeclarationModel answers customs declarations by number, and lists them
// all (copies the caller may keep); *declaration.Projection implements it.
type DeclarationModel interface {
	Get(no string) (DeclarationView, bool)
	Declarations() []DeclarationView
}

// Declarations answers customs declarations by the number on the
// paperwork: overseers read every one, an enterprise those it filed.
type Declarations struct {
	consistency
	model DeclarationModel
	names Names
}

// NewDeclarations reads model, naming importers with names (nil: no
// names), once progress has reached the client's position.
func NewDeclarations(model DeclarationModel, names Names, progress Progress) *Declarations {
	return &Declarations{consistency: consistency{progress}, model: model, names: names}
}

// Get is declaration no.
func (q *Declarations) Get(ctx context.Context, rd Read, no string) (DeclarationView, error) {
	if err := q.await(ctx, rd); err != nil {
		return DeclarationView{}, err
	}
	missing := domain.NotFound("no", "declaration_not_filed", "declaration %s is not filed", no)
	v, ok := q.model.Get(no)
	if !ok {
		return DeclarationView{}, missing
	}
	if err := access.MayReadDeclaration(rd.Actor, v.ImporterUSCC); err != nil {
		return DeclarationView{}, unseen(err, missing)
	}
	if q.names != nil {
		v.ImporterName = q.names.Name(v.ImporterUSCC)
	}
	return v, nil
}

package query

import (
	"context"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// RiskModel is what the credit grade queries read: grades computed as of a
// time. *risk.Projection implements it.
type RiskModel interface {
	Grade(uscc string, now time.Time) (Grade, bool)
	Distribution(now time.Time) []GradeCount
	Top(now time.Time, n int) []Grade
}

// Grades answers an enterprise's credit grade with the factors that
// produced it: overseers read any, an enterprise its own.
type Grades struct {
	consistency
	model RiskModel
	names Names
}

// NewGrades reads model, naming the enterprise with names (nil: the grade's
// own name), once progress has reached the client's position.
func NewGrades(model RiskModel, names Names, progress Progress) *Grades {
	return &Grades{consistency: consistency{progress}, model: model, names: names}
}

// Of is enterprise uscc's grade as of now, with the name the directory
// shows.
func (q *Grades) Of(ctx context.Context, rd Read, uscc string, now time.Time) (Grade, error) {
	if err := q.await(ctx, rd); err != nil {
		return Grade{}, err
	}
	missing := domain.NotFound("uscc", "enterprise_not_known_ledger", "enterprise %s is not known to the ledger", uscc)
	if err := access.MayReadGrade(rd.Actor, uscc); err != nil {
		return Grade{}, unseen(err, missing)
	}
	g, ok := q.model.Grade(uscc, now)
	if !ok {
		return Grade{}, missing
	}
	if q.names != nil {
		if n := q.names.Name(uscc); n != "" {
			g.Name = n
		}
	}
	return g, nil
}

package query

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
	"github.com/traceledger/traceledger/domain/enterprise"
)

// EnterpriseSummary is one enterprise as the enterprise directory lists
// it: its registration, its penalties and its credit grade as of the
// query's time (0 when the risk model does not grade it).
type EnterpriseSummary struct {
	USCC         string    `json:"uscc"`
	Name         string    `json:"name"`
	Region       string    `json:"region"`
	Roles        []string  `json:"roles"`
	FoodOperator bool      `json:"food_operator"`
	Contact      string    `json:"contact,omitempty"`
	RegisteredAt time.Time `json:"registered_at"`
	Position     uint64    `json:"registered_position"`
	Penalties    int       `json:"penalties"`
	Grade        int       `json:"grade,omitempty"`
	Blacklisted  bool      `json:"blacklisted,omitempty"`
}

// EnterpriseFilter selects enterprises: each set field must match. Name
// is a case-insensitive substring of the name; Grade 1 to 4.
type EnterpriseFilter struct {
	Region string
	Role   string
	Name   string
	Grade  int
	// Registered keeps the enterprises registered in the range.
	Registered TimeRange
}

// EnterpriseDirectoryModel lists every registered enterprise (a copy the
// caller may keep); *directory.Projection implements it.
type EnterpriseDirectoryModel interface {
	Enterprises() []EnterpriseSummary
}

// Grader grades one enterprise as of a time; *risk.Projection implements
// it.
type Grader interface {
	Grade(uscc string, now time.Time) (Grade, bool)
}

// EnterpriseSorts are the enterprise directory's sort keys, the default
// first.
var EnterpriseSorts = []string{"name", "uscc", "grade", "region", "registered"}

// EnterpriseDirectory answers the enterprise directory: overseers list
// every enterprise, an enterprise only itself (the others are absent, not
// refused).
type EnterpriseDirectory struct {
	consistency
	model  EnterpriseDirectoryModel
	grades Grader
}

// NewEnterpriseDirectory reads model, with grades from grades, once
// progress has reached the client's position.
func NewEnterpriseDirectory(model EnterpriseDirectoryModel, grades Grader, progress Progress) *EnterpriseDirectory {
	return &EnterpriseDirectory{consistency: consistency{progress}, model: model, grades: grades}
}

// List is a page of the enterprises rd's actor may see that match f, with
// grades as of now, sorted and paged by pg. next is "" on the last page.
func (q *EnterpriseDirectory) List(ctx context.Context, rd Read, f EnterpriseFilter, pg DirectoryPage, now time.Time) ([]EnterpriseSummary, string, error) {
	if err := mayBrowse(rd.Actor); err != nil {
		return nil, "", err
	}
	if f.Role != "" {
		if _, err := enterprise.ParseRole(f.Role); err != nil {
			return nil, "", domain.InvalidValue("role", err)
		}
	}
	if f.Grade != 0 && (f.Grade < 1 || f.Grade > 4) {
		return nil, "", domain.Invalid("grade", "want_1_2_3_or_2", "%d: want 1, 2, 3 or 4", f.Grade)
	}
	if err := q.await(ctx, rd); err != nil {
		return nil, "", err
	}
	var rows []EnterpriseSummary
	for _, e := range q.model.Enterprises() {
		if own, only := rd.Actor.OwnOnly(); only && own != e.USCC {
			continue
		}
		if (f.Region != "" && e.Region != f.Region) || (f.Role != "" && !slices.Contains(e.Roles, f.Role)) || !containsFold(e.Name, f.Name) || !f.Registered.Holds(e.RegisteredAt) {
			continue
		}
		if q.grades != nil {
			if g, ok := q.grades.Grade(e.USCC, now); ok {
				e.Grade, e.Blacklisted = g.Grade, g.Blacklisted
			}
		}
		if f.Grade != 0 && e.Grade != f.Grade {
			continue
		}
		rows = append(rows, e)
	}
	return pageSorted(rows, pg, EnterpriseSorts, map[string]func(EnterpriseSummary) sortKey{
		"name":       func(e EnterpriseSummary) sortKey { return sortKey{e.Name, e.USCC} },
		"uscc":       func(e EnterpriseSummary) sortKey { return sortKey{e.USCC, e.USCC} },
		"grade":      func(e EnterpriseSummary) sortKey { return sortKey{strconv.Itoa(e.Grade), e.USCC} },
		"region":     func(e EnterpriseSummary) sortKey { return sortKey{e.Region, e.USCC} },
		"registered": func(e EnterpriseSummary) sortKey { return sortKey{positionKey(e.Position), e.USCC} },
	})
}

// mayBrowse: the directories are read by the roles that read histories
// (overseers all of them, an enterprise what concerns it); no other role.
func mayBrowse(a access.Actor) error {
	if !slices.Contains(access.Readers, a.Role) {
		return domain.Forbidden("", "role_may_not_browse_directories", "role %s may not browse the directories", a.Role)
	}
	return nil
}

// positionKey is a log position as a sort key that orders as the number
// does (zero-padded to 20 digits, the width of any uint64).
func positionKey(p uint64) string { return fmt.Sprintf("%020d", p) }

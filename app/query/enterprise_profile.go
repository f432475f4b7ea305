package query

import (
	"context"
	"fmt"
	"time"

	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// EnterpriseProfile is one enterprise's page head: its registration as the
// directory lists it, and Relation, what the caller is to it — "overseer"
// (every record of it may be read), "self", or "partner" (a trading
// partner reads its registration only: no contact, no grade, no history).
type EnterpriseProfile struct {
	EnterpriseSummary
	Relation string `json:"relation"`
}

// GoodsPartners says whether two enterprises shared goods (both own, held
// or hold units of one batch); a failed read is an error, never "not
// partners". *trace.Projection implements it.
type GoodsPartners interface {
	SharesGoods(a, b string) (bool, error)
}

// EnterpriseProfiles answers one enterprise's registration: overseers and
// the enterprise itself read it whole, its trading partners without the
// contact and grade; to anyone else it does not exist.
type EnterpriseProfiles struct {
	consistency
	model    EnterpriseDirectoryModel
	grades   Grader
	partners GoodsPartners
}

// NewEnterpriseProfiles reads model, grades and partners once progress has
// reached the client's position.
func NewEnterpriseProfiles(model EnterpriseDirectoryModel, grades Grader, partners GoodsPartners, progress Progress) *EnterpriseProfiles {
	return &EnterpriseProfiles{consistency: consistency{progress}, model: model, grades: grades, partners: partners}
}

// Profile is enterprise uscc as rd's actor may see it, graded as of now.
func (q *EnterpriseProfiles) Profile(ctx context.Context, rd Read, uscc string, now time.Time) (EnterpriseProfile, error) {
	missing := domain.NotFound("uscc", "enterprise_not_registered", "enterprise %s is not registered", uscc)
	if err := access.MayReadEnterpriseProfile(rd.Actor, uscc, func(string, string) bool { return true }); err != nil {
		return EnterpriseProfile{}, unseen(err, missing)
	}
	if err := q.await(ctx, rd); err != nil {
		return EnterpriseProfile{}, err
	}
	// A failed read of who traded with whom is the query's error, kept
	// apart from the rule's verdict: never "not found".
	var read holderRead
	err := access.MayReadEnterpriseProfile(rd.Actor, uscc, func(a, b string) bool {
		ok, err := q.partners.SharesGoods(a, b)
		read.keep(err)
		return ok
	})
	if read.err != nil {
		return EnterpriseProfile{}, fmt.Errorf("read trading partners: %w", read.err)
	}
	if err != nil {
		return EnterpriseProfile{}, unseen(err, missing)
	}
	for _, e := range q.model.Enterprises() {
		if e.USCC != uscc {
			continue
		}
		p := EnterpriseProfile{EnterpriseSummary: e, Relation: "overseer"}
		if own, only := rd.Actor.OwnOnly(); only && own != uscc {
			p.Relation, p.Contact = "partner", ""
			return p, nil
		} else if only {
			p.Relation = "self"
		}
		if q.grades != nil {
			if g, ok := q.grades.Grade(e.USCC, now); ok {
				p.Grade, p.Blacklisted = g.Grade, g.Blacklisted
			}
		}
		return p, nil
	}
	return EnterpriseProfile{}, missing
}

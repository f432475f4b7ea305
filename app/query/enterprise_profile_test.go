package query_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/traceledger/traceledger/app/query"
	"github.com/traceledger/traceledger/domain"
	"github.com/traceledger/traceledger/domain/access"
)

// tradedPairs says two enterprises shared goods when the pair is listed.
type tradedPairs map[[2]string]bool

func (m tradedPairs) SharesGoods(a, b string) (bool, error) {
	return m[[2]string{a, b}] || m[[2]string{b, a}], nil
}

func TestAPartnerReadsAnEnterprisesRegistrationWithoutContactOrGradeAndAStrangerNothing(t *testing.T) {
	ents := manyEnterprises(4)
	for i := range ents {
		ents[i].Contact = "张三 13800000000"
	}
	own, partner, stranger := ents[0].USCC, ents[1].USCC, ents[2].USCC
	q := query.NewEnterpriseProfiles(ents, gradeByDigit{}, tradedPairs{{own, partner}: true}, settled(5))
	as := func(uscc string) query.Read {
		return query.Read{Actor: access.Actor{Role: access.RoleEnterprise, USCC: uscc}}
	}

	p, err := q.Profile(t.Context(), as(own), partner, time.Now())
	if err != nil || p.Relation != "partner" || p.Name != ents[1].Name || p.Contact != "" || p.Grade != 0 {
		t.Errorf("a partner's registration: %+v, %v; want its name, no contact, no grade", p, err)
	}
	if p, err := q.Profile(t.Context(), as(own), own, time.Now()); err != nil || p.Relation != "self" || p.Contact == "" {
		t.Errorf("its own registration: %+v, %v; want all of it", p, err)
	}
	if p, err := q.Profile(t.Context(), regulator, stranger, time.Now()); err != nil || p.Relation != "overseer" || p.Contact == "" {
		t.Errorf("a regulator: %+v, %v; want all of it", p, err)
	}
	const unknownUSCC = "91310000MA1F999999"
	_, unseen := q.Profile(t.Context(), as(own), stranger, time.Now())
	_, unknown := q.Profile(t.Context(), as(own), unknownUSCC, time.Now())
	if !errors.Is(unseen, domain.ErrNotFound) || !errors.Is(unknown, domain.ErrNotFound) ||
		strings.ReplaceAll(unseen.Error(), stranger, "X") != strings.ReplaceAll(unknown.Error(), unknownUSCC, "X") {
		t.Errorf("a stranger = %v, an unknown USCC = %v: want the same not found", unseen, unknown)
	}
}

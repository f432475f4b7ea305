package access

import (
	"errors"
	"slices"

	"github.com/traceledger/traceledger/domain"
)

// ErrNotVisible is the refusal of a record an enterprise may not read. A
// query answers it exactly as it answers a record that does not exist (the
// same status, field and message), so that no caller learns what exists
// beyond what it may see, and no message names another enterprise's data.
var ErrNotVisible = errors.New("not visible to this actor")

// Who reads what: regulators and analysts oversee the whole ledger; an
// enterprise reads what concerns it (goods it held or holds, its own
// records, its own row of a recall). These are the read-side rules every
// query applies, whatever port asks.

// Overseers read every enterprise's records and the dashboards.
var Overseers = []Role{RoleRegulator, RoleAnalyst}

// Readers read histories, traces, recalls, alerts and grades, an enterprise
// only those that concern it.
var Readers = []Role{RoleRegulator, RoleAnalyst, RoleEnterprise}

// Oversees reports whether a reads every enterprise's records.
func (a Actor) Oversees() bool { return a.Role == RoleRegulator || a.Role == RoleAnalyst }

// OwnOnly reports whether a reads only what concerns its own USCC (an
// enterprise), and which USCC that is.
func (a Actor) OwnOnly() (uscc string, only bool) { return a.USCC, a.Role == RoleEnterprise }

// MayReadGoods decides whether a may read the history of goods (an item,
// a batch or a product): overseers read any, an enterprise
// those heldBy reports it held or holds, no other role any.
func MayReadGoods(a Actor, heldBy func(uscc string) bool) error {
	switch {
	case a.Oversees():
		return nil
	case a.Role == RoleEnterprise && heldBy(a.USCC):
		return nil
	case a.Role == RoleEnterprise:
		return ErrNotVisible
	}
	return domain.Forbidden("", "role_may_not_read_histories", "role %s may not read histories", a.Role)
}

// MayReadEnterpriseHistory: an enterprise reads only its own history.
func MayReadEnterpriseHistory(a Actor, uscc string) error {
	if own, only := a.OwnOnly(); only && own != uscc {
		return ErrNotVisible
	}
	return nil
}

// MayReadStock: an enterprise reads only its own stock (the batches it
// holds units of now); overseers read anyone's.
func MayReadStock(a Actor, uscc string) error {
	if own, only := a.OwnOnly(); only && own != uscc {
		return ErrNotVisible
	}
	return nil
}

// MayReadBatchTrace: an enterprise reads the trace of a batch only when
// involved reports it held or holds units of it.
func MayReadBatchTrace(a Actor, involved func(uscc string) bool) error {
	if own, only := a.OwnOnly(); only && !involved(own) {
		return ErrNotVisible
	}
	return nil
}

// MayReadItemPath: an enterprise reads the path of an item only when it is
// among the enterprises the path involves.
func MayReadItemPath(a Actor, involved []string) error {
	if own, only := a.OwnOnly(); only && !slices.Contains(involved, own) {
		return ErrNotVisible
	}
	return nil
}

// MayReadGrade: an enterprise reads only its own credit grade.
func MayReadGrade(a Actor, uscc string) error {
	if own, only := a.OwnOnly(); only && own != uscc {
		return ErrNotVisible
	}
	return nil
}

// MayReadDeclaration: an enterprise reads only the customs declarations it
// filed (importer is the declaration's importer).
func MayReadDeclaration(a Actor, importer string) error {
	if !slices.Contains(Readers, a.Role) {
		return domain.Forbidden("", "role_may_not_read_customs", "role %s may not read customs declarations", a.Role)
	}
	if own, only := a.OwnOnly(); only && own != importer {
		return ErrNotVisible
	}
	return nil
}

// MayReadEnterpriseProfile decides whether a may read an enterprise's
// registration (name, region, roles; never its contact or grade, see
// MayReadGrade): overseers any, an enterprise its own and its trading
// partners' — the enterprises that own, held or hold units of a batch it
// held too (sharesGoods), whose names the histories it reads show anyway.
// Search offers an enterprise no enterprise beyond these.
func MayReadEnterpriseProfile(a Actor, uscc string, sharesGoods func(own, other string) bool) error {
	switch {
	case a.Oversees():
		return nil
	case a.Role == RoleEnterprise && (a.USCC == uscc || sharesGoods(a.USCC, uscc)):
		return nil
	case a.Role == RoleEnterprise:
		return ErrNotVisible
	}
	return domain.Forbidden("", "role_may_not_read_enterprises", "role %s may not read enterprises", a.Role)
}

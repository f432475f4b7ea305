package access

import "github.com/traceledger/traceledger/domain"

// SearchScope decides what a may find with the full-text search: overseers
// every record (scope ""), an enterprise only the records the index lists
// it as allowed to see (scope its USCC: itself and the enterprises it
// traded with, the products and batches it owns, notified or held, the
// declarations it filed, the complaints against it, the recalls it
// initiated or holds units of): the same records its other reads allow.
// Anonymous callers and admins may not search: a search is a read of the
// ledger's records, not of the public registries.
func SearchScope(a Actor) (scope string, err error) {
	switch {
	case a.Oversees():
		return "", nil
	case a.Role == RoleEnterprise && a.USCC != "":
		return a.USCC, nil
	}
	return "", domain.Forbidden("", "role_may_not_search_ledger", "role %s may not search the ledger", a.Role)
}

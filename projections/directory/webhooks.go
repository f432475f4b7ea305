package directory

import (
	"slices"
	"strings"

	"github.com/traceledger/traceledger/app/query"
)

// Webhooks lists every registered enterprise's recall notice webhook, by
// USCC: where the ledger delivers outside, for an admin's status page.
func (p *Projection) Webhooks() []query.WebhookStatus {
	p.RLock()
	defer p.RUnlock()
	var out []query.WebhookStatus
	for _, e := range p.State().Enterprises {
		if e.Position != 0 && e.WebhookURL != "" {
			out = append(out, query.WebhookStatus{USCC: e.USCC, Name: e.Name, URL: e.WebhookURL})
		}
	}
	slices.SortFunc(out, func(a, b query.WebhookStatus) int { return strings.Compare(a.USCC, b.USCC) })
	return out
}

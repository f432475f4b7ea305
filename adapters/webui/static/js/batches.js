// batches.js: the batch directory (#/batches): by GTIN, owner, holder,
// expiry and whether a recall names the batch; each opens its trace.
import { h } from './dom.js';
import { t } from './i18n.js';
import { enc } from './api.js';
import { listPage } from './directory.js';

export function batches(view, [query = '']) {
  return listPage(view, query, {
    name: 'batches', api: '/api/v1/batches', member: 'batches',
    filters: [{ name: 'gtin', label: 'GTIN', maxlength: 14 }, { name: 'owner', label: 'owner', maxlength: 18 },
      { name: 'holder', label: 'holder', maxlength: 18 }, { name: 'expires_before', label: 'dir.expiresBefore', type: 'date' },
      { name: 'expires_after', label: 'dir.expiresAfter', type: 'date' },
      { name: 'recalled', label: 'dir.recalled', options: ['true', 'false'], values: 'dir.recalled' }],
    sorts: ['registered', 'gtin', 'expires'],
    columns: ['GTIN', 'lot', 'owner', 'quantity', 'dir.expires', 'recalls'],
    row: (b) => [
      b.gtin, h('a', { href: `#/trace/${b.gtin}/${enc(b.lot)}`, class: 'batch-link', text: b.lot }),
      h('a', { href: `#/enterprise/${b.owner_uscc}`, text: b.owner_uscc }), String(b.quantity), b.expires_on || '',
      (b.recalls || []).map((id) => h('a', { href: `#/recall/${id}`, text: `${id.slice(0, 8)} ` })),
    ],
  });
}

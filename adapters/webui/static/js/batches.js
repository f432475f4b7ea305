// batches.js: the batch directory (#/batches/{query}): by GTIN, lot,
// origin, owner, holder, registration, expiry and whether a recall names
// the batch; each lot opens the batch's page (#/batches/{gtin}/{lot}).
import { h, fmtDate } from './dom.js';
import { t } from './i18n.js';
import { enc } from './api.js';
import { listPage } from './directory.js';
import { batchPage } from './batch.js';

export function batches(view, [query = '', lot]) {
  if (lot !== undefined) return batchPage(view, decodeURIComponent(query), decodeURIComponent(lot));
  return listPage(view, query, {
    name: 'batches', api: '/api/v1/batches', member: 'batches',
    filters: [{ name: 'gtin', label: 'GTIN', maxlength: 14 }, { name: 'lot', label: 'lot', maxlength: 20 },
      { name: 'origin', label: 'dir.origin', maxlength: 2 }, { name: 'owner', label: 'owner', maxlength: 18 },
      { name: 'holder', label: 'holder', maxlength: 18 }, { name: 'expires_before', label: 'dir.expiresBefore', type: 'date' },
      { name: 'expires_after', label: 'dir.expiresAfter', type: 'date' },
      { name: 'registered_from', label: 'dir.registeredFrom', type: 'date' }, { name: 'registered_to', label: 'dir.registeredTo', type: 'date' },
      { name: 'recalled', label: 'dir.recalled', options: ['true', 'false'], values: 'dir.recalled' }],
    sorts: ['registered', 'gtin', 'expires'],
    columns: ['GTIN', 'lot', 'owner', 'quantity', 'dir.expires', 'recalls'],
    row: (b) => [
      b.gtin, h('a', { href: `#/batches/${enc(b.gtin)}/${enc(b.lot)}`, class: 'batch-link', text: b.lot }),
      h('a', { href: `#/enterprise/${b.owner_uscc}`, text: b.owner_uscc }), String(b.quantity), fmtDate(b.expires_on),
      (b.recalls || []).map((id) => h('a', { href: `#/recall/${id}`, text: `${id.slice(0, 8)} ` })),
    ],
  });
}

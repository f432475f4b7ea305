// products.js: the product directory (#/products): by category, origin,
// owner, certificate state or part of the name or brand.
import { h } from './dom.js';
import { t, tv } from './i18n.js';
import { listPage } from './directory.js';

const states = ['none', 'notified', 'issued', 'rejected', 'expired', 'revoked'];

export function products(view, [query = '']) {
  return listPage(view, query, {
    name: 'products', api: '/api/v1/products', member: 'products',
    filters: [{ name: 'name', label: 'dir.name' }, { name: 'category', label: 'dir.category' },
      { name: 'origin', label: 'dir.origin', maxlength: 2 }, { name: 'owner', label: 'owner', maxlength: 18 },
      { name: 'certificate', label: 'dir.certificate', options: states, values: 'certState' },
      { name: 'registered_from', label: 'dir.registeredFrom', type: 'date' }, { name: 'registered_to', label: 'dir.registeredTo', type: 'date' }],
    sorts: ['name', 'gtin', 'category', 'origin', 'registered'],
    columns: ['dir.name', 'GTIN', 'dir.category', 'dir.origin', 'owner', 'dir.certificate'],
    row: (p) => [
      [p.name, p.brand ? ` (${p.brand})` : ''].join(''), h('a', { href: `#/audit/product/${p.gtin}`, text: p.gtin }), tv('productCategory', p.category), tv('country', p.origin_country),
      h('a', { href: `#/enterprise/${p.owner_uscc}`, text: p.owner_uscc }),
      h('span', { class: `badge cert-${p.certificate_status}`, text: tv('certState', p.certificate_status) }),
    ],
  });
}

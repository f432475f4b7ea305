// declarations.js: the customs declaration list (#/declarations): by
// importer, port, status and declaration date.
import { h, fmtTime } from './dom.js';
import { tv } from './i18n.js';
import { listPage } from './directory.js';

export function declarations(view, [query = '']) {
  return listPage(view, query, {
    name: 'declarations', api: '/api/v1/customs/declarations', member: 'declarations',
    filters: [{ name: 'importer', label: 'dir.importer', maxlength: 18 }, { name: 'port', label: 'dir.port' },
      { name: 'status', label: 'dir.status', options: ['pending', 'released', 'rejected'], values: 'customs' },
      { name: 'declared_from', label: 'dir.declaredFrom', type: 'date' }, { name: 'declared_to', label: 'dir.declaredTo', type: 'date' }],
    sorts: ['declared', 'no', 'port'],
    columns: ['dir.declarationNo', 'dir.port', 'dir.importer', 'dir.declaredAt', 'dir.status'],
    row: (d) => [
      d.declaration_no, d.port, h('a', { href: `#/enterprise/${d.importer_uscc}`, text: d.importer_name || d.importer_uscc }),
      fmtTime(d.declared_at), tv('customs', d.decision || 'pending'),
    ],
  });
}

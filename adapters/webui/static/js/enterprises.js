// enterprises.js: the enterprise directory (#/enterprises): by region,
// role, grade or part of the name; each name opens the enterprise's page.
import { h } from './dom.js';
import { t, tv } from './i18n.js';
import { listPage } from './directory.js';

const roles = ['manufacturer', 'importer', 'distributor', 'retailer', 'ecommerce', 'logistics'];

export function enterprises(view, [query = '']) {
  return listPage(view, query, {
    name: 'enterprises', api: '/api/v1/enterprises', member: 'enterprises',
    filters: [{ name: 'name', label: 'dir.name' }, { name: 'region', label: 'dir.region' },
      { name: 'role', label: 'dir.role', options: roles, values: 'entRole' }, { name: 'grade', label: 'grade', options: ['1', '2', '3', '4'] },
      { name: 'registered_from', label: 'dir.registeredFrom', type: 'date' }, { name: 'registered_to', label: 'dir.registeredTo', type: 'date' }],
    sorts: ['name', 'uscc', 'grade', 'region', 'registered'],
    columns: ['dir.name', 'dir.uscc', 'dir.region', 'dir.role', 'grade'],
    row: (e) => [
      h('a', { href: `#/enterprise/${e.uscc}`, class: 'enterprise-link', text: e.name || e.uscc }), e.uscc, e.region,
      (e.roles || []).map((r) => tv('entRole', r)).join(' '),
      e.grade ? h('span', { class: `badge grade-${e.grade}`, text: t('grade.n', { n: e.grade }) }) : '',
    ],
  });
}

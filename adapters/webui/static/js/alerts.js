// alerts.js: the alert list (#/alerts/{query}): every alert the caller may
// see, by kind, severity, region and enterprise, sorted (severity, kind,
// due date, enterprise) and paged with "more" on the API's opaque cursor.
// The filters live in the hash, so a filtered list is a link.
import { h, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { enc } from './api.js';
import { listPage } from './directory.js';
import { alertKinds, alertSeverities } from './alertpanel.js';

export function alertList(view, [query = '']) {
  // Sorted, the list pages by cursor; the most severe first by default.
  const q = new URLSearchParams(decodeURIComponent(query));
  if (!q.get('sort')) q.set('sort', 'severity');
  return listPage(view, enc(q.toString()), {
    name: 'alerts', api: '/api/v1/alerts', member: 'alerts',
    filters: [{ name: 'kind', label: 'alerts.kind', options: alertKinds, values: 'alert' },
      { name: 'severity', label: 'alerts.severity', options: alertSeverities, values: 'severity' },
      { name: 'region', label: 'dir.region' }, { name: 'enterprise', label: 'enterprise', maxlength: 18 }],
    sorts: ['severity', 'kind', 'due', 'enterprise'],
    columns: ['alerts.severity', 'alerts.kind', 'enterprise', 'batch', 'alerts.units', 'alerts.due'],
    row: (x) => [
      h('span', { class: `badge sev-${x.severity}`, text: tv('severity', x.severity) }),
      // The case or recall an alert is about opens from its kind.
      x.complaint_id ? h('a', { href: `#/complaint/${enc(x.complaint_id)}`, class: 'alert-complaint', text: tv('alert', x.kind) })
        : x.recall_id ? h('a', { href: `#/recall/${enc(x.recall_id)}`, class: 'alert-recall', text: tv('alert', x.kind) })
          : tv('alert', x.kind),
      x.uscc ? h('a', { href: `#/enterprise/${enc(x.uscc)}`, class: 'alert-enterprise', text: x.name || x.uscc }) : (x.name || ''),
      x.gtin ? h('a', { href: `#/batches/${enc(x.gtin)}/${enc(x.lot || '')}`, class: 'alert-batch', text: `${x.gtin}/${x.lot || ''}` }) : '',
      String(x.units ?? ''),
      fmtTime(x.due),
    ],
  });
}

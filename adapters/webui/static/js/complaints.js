// complaints.js: complaint cases (12315). Regulators list every case with
// filters (status, enterprise, product, region, overdue) and take each
// through its steps; an enterprise lists its own accepted cases and
// answers them. Every text of a case is shown as text, never as markup.
import { h, replace, table, fmtTime, labelCells } from './dom.js';
import { t, tv } from './i18n.js';
import { get, post, role, enc } from './api.js';
import { panel, errorBox } from './layout.js';

const statuses = ['filed', 'accepted', 'refused', 'investigating', 'mediated', 'resolved', 'transferred'];

function statusBadge(c) {
  return h('span', { class: `badge status-${c.status}`, 'data-status': c.status }, tv('caseStatus', c.status),
    c.overdue ? h('span', { class: 'badge status-overdue', text: tv('caseOverdue', c.overdue) }) : null);
}

function filterForm(q, onApply) {
  const f = h('form', { class: 'row', id: 'complaint-filters' },
    h('select', { name: 'status', 'aria-label': t('case.status') },
      h('option', { value: '', text: t('case.anyStatus') }),
      statuses.map((s) => h('option', { value: s, text: tv('caseStatus', s), selected: q.get('status') === s }))),
    role() === 'enterprise' ? null : h('input', { name: 'enterprise', placeholder: t('case.enterprise'), 'aria-label': t('case.enterprise'), maxlength: 18, value: q.get('enterprise') || '' }),
    h('input', { name: 'gtin', placeholder: 'GTIN', 'aria-label': 'GTIN', maxlength: 14, value: q.get('gtin') || '' }),
    role() === 'enterprise' ? null : h('input', { name: 'region', placeholder: t('case.region'), 'aria-label': t('case.region'), maxlength: 200, value: q.get('region') || '' }),
    h('select', { name: 'overdue', 'aria-label': t('case.overdue') },
      h('option', { value: '', text: t('case.anyDeadline') }),
      ['any', 'acceptance', 'conclusion'].map((o) => h('option', { value: o, text: tv('caseOverdueFilter', o), selected: q.get('overdue') === o }))),
    h('input', { name: 'filed_from', type: 'date', 'aria-label': t('case.filedFrom'), title: t('case.filedFrom'), value: q.get('filed_from') || '' }),
    h('input', { name: 'filed_to', type: 'date', 'aria-label': t('case.filedTo'), title: t('case.filedTo'), value: q.get('filed_to') || '' }),
    h('button', { type: 'submit', text: t('case.apply') }));
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(f)) if (String(v).trim()) p.set(k, String(v).trim());
    onApply(p);
  });
  return f;
}

function row(c) {
  return [
    h('a', { href: `#/complaint/${c.complaint_id}`, class: 'case-link', 'data-id': c.complaint_id, text: c.complaint_id.slice(0, 8) }),
    fmtTime(c.filed_at), statusBadge(c), c.against_name || c.against_uscc, c.region || '', c.gtin,
    tv('complaintCategory', c.category), tv('caseFiledBy', c.filed_by),
  ];
}

// complaintList is #/complaints[/query]: the filters live in the route, so
// a filtered list can be reloaded and linked.
export async function complaintList(view, [query = '']) {
  const q = new URLSearchParams(decodeURIComponent(query));
  view.append(h('h1', { text: t('nav.complaints') }),
    filterForm(q, (p) => { location.hash = `#/complaints/${enc(p.toString())}`; }));
  const body = h('tbody');
  const tbl = h('div', { class: 'table-wrap' }, h('table', { id: 'complaint-list' },
    h('thead', {}, h('tr', {}, [t('case.id'), t('case.filedAt'), t('case.status'), t('case.enterprise'), t('case.region'), 'GTIN',
      t('case.category'), t('case.filedBy')].map((x) => h('th', { text: x })))), body));
  const more = h('div');
  view.append(panel('case.list', tbl, more));
  let after = '';
  const page = async () => {
    const p = new URLSearchParams(q);
    if (after) p.set('after', after);
    const a = await get(`/api/v1/complaints?${p}`);
    for (const c of a.complaints || []) body.append(h('tr', { 'data-id': c.complaint_id }, row(c).map((x) => h('td', {}, x))));
    labelCells(tbl);
    after = a.next || '';
    replace(more, after ? h('button', { type: 'button', class: 'secondary', id: 'complaint-more', text: t('case.more'), onclick: () => page().catch((err) => more.append(errorBox(err))) }) : null);
    if (!body.children.length) replace(more, h('p', { class: 'muted', id: 'complaint-none', text: t('case.none') }));
  };
  await page();
}

function facts(c) {
  const rows = [
    ['case.status', statusBadge(c)], ['case.enterprise', [c.against_name, c.against_uscc].filter(Boolean).join(' ')], ['case.region', c.region],
    ['case.item', [c.gtin, c.lot, c.serial].filter(Boolean).join(' / ')], ['case.category', tv('complaintCategory', c.category)],
    ['case.filedBy', tv('caseFiledBy', c.filed_by)], ['case.channel', c.channel], ['case.description', c.description],
    ['case.contact', c.contact], ['case.filedAt', fmtTime(c.filed_at)], ['case.acceptBy', fmtTime(c.accept_by)],
    ['case.acceptedAt', fmtTime(c.accepted_at)], ['case.concludeBy', fmtTime(c.conclude_by)], ['case.closedAt', fmtTime(c.closed_at)],
    ['case.substantiated', c.substantiated === undefined ? '' : t(c.substantiated ? 'yes' : 'no')], ['case.outcome', c.outcome],
    ['case.reason', c.reason], ['case.authority', c.authority],
  ].filter(([, v]) => v !== undefined && v !== null && v !== '');
  return h('dl', { class: 'facts', id: 'case-facts' }, rows.map(([k, v]) => [h('dt', { text: t(k) }), h('dd', { 'data-field': k }, v)]));
}

function timeline(c) {
  return h('ol', { class: 'timeline', id: 'case-timeline' }, (c.timeline || []).map((s) => h('li', { 'data-type': s.type },
    h('strong', { text: tv('caseStep', s.type) }), ' ', h('span', { class: 'muted', text: fmtTime(s.at) }),
    s.late ? h('span', { class: 'badge status-overdue', text: t('case.late') }) : null,
    s.text ? h('div', { class: 'step-text', text: s.text }) : null)));
}

// action is one step's form: fields, a button, and the command's path.
function action(id, key, path, fields, body, reload) {
  const msg = h('div');
  const f = h('form', { class: 'stack', id: `case-${key}` }, fields, h('div', {}, h('button', { type: 'submit', text: t(`case.do.${key}`) })), msg);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const a = await post(`/api/v1/complaints/${enc(id)}/${path}`, body(new FormData(f)));
      reload(Number((a && a.head) || 0));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return f;
}

function text(name, key, required = true, max = 2000) {
  return [h('label', { text: t(key) }), h('textarea', { name, required, maxlength: max, rows: 2, 'aria-label': t(key) })];
}

function actions(c, reload) {
  const id = c.complaint_id;
  const out = [];
  if (role() === 'regulator') {
    if (c.status === 'filed') {
      out.push(action(id, 'accept', 'acceptance', [], () => ({}), reload));
      out.push(action(id, 'refuse', 'refusal', text('reason', 'case.reason'), (f) => ({ reason: f.get('reason') }), reload));
    }
    if (c.status === 'accepted') {
      out.push(action(id, 'investigate', 'investigation', text('note', 'case.note', false), (f) => ({ note: f.get('note') }), reload));
    }
    if (c.status === 'investigating') {
      out.push(action(id, 'conclude', 'resolution', [
        h('label', { text: t('case.conclusion') }),
        h('select', { name: 'conclusion', 'aria-label': t('case.conclusion') }, ['mediated', 'resolved'].map((v) => h('option', { value: v, text: tv('caseStatus', v) }))),
        h('label', {}, h('input', { type: 'checkbox', name: 'substantiated', value: 'yes' }), ' ', t('case.substantiated')),
        text('outcome', 'case.outcome')],
      (f) => ({ conclusion: f.get('conclusion'), substantiated: f.get('substantiated') === 'yes', outcome: f.get('outcome') }), reload));
    }
    if (c.status === 'accepted' || c.status === 'investigating') {
      out.push(action(id, 'transfer', 'transfer', [h('label', { text: t('case.authority') }),
        h('input', { name: 'authority', required: true, maxlength: 200, 'aria-label': t('case.authority') }), text('reason', 'case.reason')],
      (f) => ({ authority: f.get('authority'), reason: f.get('reason') }), reload));
    }
  }
  if (role() === 'enterprise' && (c.status === 'accepted' || c.status === 'investigating')) {
    out.push(action(id, 'answer', 'answers', text('answer', 'case.answer'), (f) => ({ answer: f.get('answer') }), reload));
  }
  return out.length ? panel('case.actions', out) : null;
}

// complaintDetail is #/complaint/ID: the case, its timeline, and the steps
// the caller may take now.
// After a step, the page reads the case once the read models have applied
// it (min_position), so the step shows at once.
export async function complaintDetail(view, [id], minPosition = 0) {
  const c = await get(`/api/v1/complaints/${enc(id)}${minPosition ? `?min_position=${minPosition}` : ''}`);
  const reload = (pos) => { replace(view); complaintDetail(view, [id], pos).catch((err) => view.append(errorBox(err))); };
  view.append(h('h1', {}, t('case.title'), ' ', h('code', { id: 'case-id', text: c.complaint_id })),
    h('p', {}, h('a', { href: '#/complaints', text: t('case.backToList') })),
    panel('case.details', facts(c)), panel('case.timeline', timeline(c)), actions(c, reload) || '');
}

// alertpanel.js: the dashboard's alerts, most urgent first, a page at a
// time (GET /api/v1/alerts with after/limit/next) and filtered by kind and
// severity.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get } from './api.js';
import { errorBox, loading } from './layout.js';

const pageSize = 15;
const kinds = ['expired_stock', 'near_expiry', 'recalled_stock', 'rejected_import_held', 'recall_overdue', 'certificate_expiring',
  'withdrawal_due', 'complaint_acceptance_overdue', 'complaint_conclusion_overdue'];
const severities = ['high', 'medium', 'low'];

// alerts draws the panel; f's region, category and origin keep the alerts
// about the enterprises the dashboard's filters keep.
export async function alerts(el, f = {}) {
  const state = { kind: '', severity: '', after: '', first: 0, cursors: [] };
  const kind = h('select', { id: 'alerts-kind', 'aria-label': t('alerts.kind') },
    h('option', { value: '', text: t('alerts.allKinds') }), kinds.map((k) => h('option', { value: k, text: tv('alert', k) })));
  const severity = h('select', { id: 'alerts-severity', 'aria-label': t('alerts.severity') },
    h('option', { value: '', text: t('alerts.allSeverities') }), severities.map((s) => h('option', { value: s, text: tv('severity', s) })));
  const form = h('form', { class: 'row', id: 'alerts-filter' }, kind, severity, h('button', { type: 'submit', text: t('alerts.filter') }));
  const status = h('p', { class: 'muted', id: 'alerts-status' });
  const body = h('div', { id: 'alerts-page' });
  const prev = h('button', { type: 'button', class: 'secondary', id: 'alerts-prev', text: t('alerts.prev'), hidden: true });
  const next = h('button', { type: 'button', class: 'secondary', id: 'alerts-next', text: t('alerts.next'), hidden: true });
  let answer = null;
  const load = async () => {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (state.after) q.set('after', state.after);
    if (state.kind) q.set('kind', state.kind);
    if (state.severity) q.set('severity', state.severity);
    for (const k of ['region', 'category', 'origin']) if (f[k]) q.set(k, f[k]);
    state.url = `/api/v1/alerts?${q}`;
    prev.disabled = true;
    next.disabled = true;
    replace(body, loading());
    try {
      answer = await get(state.url);
    } catch (err) {
      replace(body, errorBox(err));
      return;
    }
    const list = answer.alerts || [];
    status.textContent = list.length
      ? t('alerts.page', { first: state.first + 1, last: state.first + list.length, total: answer.total ?? list.length })
      : t('alerts.none');
    replace(body, table([t('alerts.severity'), t('alerts.kind'), t('enterprise'), t('batch'), t('alerts.units'), t('alerts.due')], list.map((x) => [
      h('span', { class: `badge sev-${x.severity}`, text: tv('severity', x.severity) }),
      tv('alert', x.kind),
      x.uscc ? h('a', { href: `#/enterprise/${encodeURIComponent(x.uscc)}`, text: x.name || x.uscc }) : (x.name || ''),
      x.gtin ? h('a', { href: `#/trace/${x.gtin}/${encodeURIComponent(x.lot || '')}`, text: `${x.gtin}/${x.lot || ''}` }) : '',
      fmtNum(x.units),
      fmtTime(x.due),
    ]), { id: 'alerts-table' }));
    prev.hidden = state.cursors.length === 0;
    next.hidden = answer.next === null || answer.next === undefined;
    prev.disabled = false;
    next.disabled = false;
  };
  next.addEventListener('click', () => {
    if (!answer || answer.next === null || answer.next === undefined) return;
    // next is opaque: the count shown so far is kept beside it.
    state.cursors.push({ after: state.after, first: state.first });
    state.after = answer.next;
    state.first += (answer.alerts || []).length;
    load();
  });
  prev.addEventListener('click', () => {
    if (!state.cursors.length) return;
    ({ after: state.after, first: state.first } = state.cursors.pop());
    load();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    state.kind = kind.value;
    state.severity = severity.value;
    state.after = '';
    state.first = 0;
    state.cursors = [];
    load();
  });
  el.append(form, status, body, h('div', { class: 'row pager' }, prev, next),
    h('p', {}, h('a', { href: '#/alerts', id: 'alerts-all', text: t('alerts.all') })));
  await load();
  // The export is the page shown.
  return () => ({
    url: state.url,
    headers: [t('alerts.severity'), t('alerts.kind'), t('enterprise'), t('dash.col.uscc'), t('dash.col.gtin'), t('lot'), t('alerts.units'), t('alerts.due')],
    rows: ((answer && answer.alerts) || []).map((x) => [tv('severity', x.severity), tv('alert', x.kind), x.name || '', x.uscc || '',
      x.gtin || '', x.lot || '', x.units, x.due || '']),
  });
}

// The alert list page offers the same kinds and severities.
export { kinds as alertKinds, severities as alertSeverities };

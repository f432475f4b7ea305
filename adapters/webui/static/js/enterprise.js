// enterprise.js: an enterprise's grade, the factors behind it and its
// history.
import { h, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { panel } from './layout.js';
import { gradeBadge } from './dashboard.js';
import { pagedTimeline } from './pagedtimeline.js';

export async function enterprise(view, [uscc]) {
  const r = await get(`/api/v1/enterprises/${enc(uscc)}/risk`);
  view.append(h('h1', {}, r.name || uscc, ' ', gradeBadge(r.grade, r.blacklisted)));
  const factors = Object.entries(r.factors || {}).sort((a, b) => b[1].contribution - a[1].contribution);
  view.append(panel('risk.title',
    h('dl', { class: 'facts' },
      [h('dt', { text: 'USCC' }), h('dd', { text: r.uscc })],
      [h('dt', { text: t('grade') }), h('dd', {}, gradeBadge(r.grade, r.blacklisted))],
      [h('dt', { text: t('risk.score') }), h('dd', { text: fmtNum(r.score, 2) })],
      [h('dt', { text: t('asOf') }), h('dd', { text: fmtTime(r.as_of) })]),
    table([t('risk.factor'), t('factor.value'), t('factor.weight'), t('factor.contribution')],
      factors.map(([k, f]) => [tv('factor', k), fmtNum(f.value, 4), fmtNum(f.weight), fmtNum(f.contribution, 2)]), { id: 'factors' })));
  view.append(panel('audit.timeline', pagedTimeline(`/api/v1/enterprises/${enc(uscc)}/history`, { name: `enterprise-${uscc}` })));
}

// enterprise.js: an enterprise's page: its registration, then, for
// overseers and the enterprise itself, its grade, the factors behind it and
// its history. A trading partner (an enterprise that shared goods with it)
// reads the registration only, with a link to the batches they shared.
import { h, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { panel } from './layout.js';
import { gradeBadge } from './dashboard.js';
import { pagedTimeline } from './pagedtimeline.js';

// dirLink is a directory page filtered by one parameter.
const dirLink = (dir, param, value, id) => h('a', { href: `#/${dir}/${enc(`${param}=${value}`)}`, id, text: t(`ent.${id}`) });

export async function enterprise(view, [uscc]) {
  uscc = decodeURIComponent(uscc || '');
  const p = await get(`/api/v1/enterprises/${enc(uscc)}`);
  const partner = p.relation === 'partner';
  view.append(h('h1', { id: 'enterprise-name' }, p.name || uscc, ' ', !partner && p.grade ? gradeBadge(p.grade, p.blacklisted) : ''));
  view.append(panel('ent.registration',
    h('dl', { class: 'facts', id: 'registration', 'data-relation': p.relation },
      [h('dt', { text: 'USCC' }), h('dd', { text: p.uscc })],
      [h('dt', { text: t('dir.region') }), h('dd', { text: p.region || '—' })],
      [h('dt', { text: t('dir.role') }), h('dd', { text: (p.roles || []).map((r) => tv('entRole', r)).join(' ') || '—' })],
      [h('dt', { text: t('ent.registered') }), h('dd', { text: fmtTime(p.registered_at) || '—' })],
      [h('dt', { text: t('factor.penalties') }), h('dd', { text: String(p.penalties || 0) })]),
    partner ? h('p', { class: 'muted', id: 'partner-note', text: t('ent.partnerNote') }) : null,
    h('p', { class: 'row', id: 'enterprise-links' },
      partner
        ? dirLink('batches', 'holder', p.uscc, 'sharedBatches')
        : [dirLink('batches', 'holder', p.uscc, 'batches'), ' ', dirLink('products', 'owner', p.uscc, 'products'), ' ',
          dirLink('declarations', 'importer', p.uscc, 'declarations'), ' ', dirLink('alerts', 'enterprise', p.uscc, 'alerts')])));
  if (partner) return;
  const r = await get(`/api/v1/enterprises/${enc(uscc)}/risk`);
  const factors = Object.entries(r.factors || {}).sort((a, b) => b[1].contribution - a[1].contribution);
  view.append(panel('risk.title',
    h('dl', { class: 'facts' },
      [h('dt', { text: t('grade') }), h('dd', {}, gradeBadge(r.grade, r.blacklisted))],
      [h('dt', { text: t('risk.score') }), h('dd', { text: fmtNum(r.score, 2) })],
      [h('dt', { text: t('asOf') }), h('dd', { text: fmtTime(r.as_of) })]),
    table([t('risk.factor'), t('factor.value'), t('factor.weight'), t('factor.contribution')],
      factors.map(([k, f]) => [tv('factor', k), fmtNum(f.value, 4), fmtNum(f.weight), fmtNum(f.contribution, 2)]), { id: 'factors' })));
  view.append(panel('audit.timeline', pagedTimeline(`/api/v1/enterprises/${enc(uscc)}/history`, { name: `enterprise-${uscc}`,
    head: h('a', { href: `#/report/enterprise/${enc(uscc)}`, id: 'open-report', text: t('report.open') }) })));
}

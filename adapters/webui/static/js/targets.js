// targets.js: the regulators' inspection work list: every enterprise by
// credit class with the customs inspection and market sampling rates its
// class carries; class 3-4 are priority targets.
import { h, table, fmtNum } from './dom.js';
import { t } from './i18n.js';
import { get, enc } from './api.js';
import { panel } from './layout.js';
import { gradeBadge } from './dashboard.js';

const pct = (r) => `${fmtNum(r * 100, 1)} %`;

export async function targets(view, [grade = '']) {
  const filter = h('select', { id: 'targets-grade', 'aria-label': t('grade') },
    h('option', { value: '', text: t('targets.all') }),
    ...[4, 3, 2, 1].map((n) => h('option', { value: String(n), text: t('grade.n', { n }), selected: String(n) === grade })));
  filter.addEventListener('change', () => { location.hash = `#/targets/${filter.value}`; });
  const q = grade ? `&grade=${enc(grade)}` : '';
  // Every page of the list: a province has more enterprises than a page.
  const r = { targets: [] };
  for (let after = ''; ;) {
    const pg = await get(`/api/v1/inspections/targets?limit=1000${after ? `&after=${enc(after)}` : ''}${q}`);
    r.targets.push(...(pg.targets || []));
    if (pg.next === null || pg.next === undefined) break;
    after = pg.next;
  }
  view.append(h('h1', { text: t('nav.targets') }),
    h('p', { class: 'muted' }, t('targets.about'), ' ', h('a', { href: '/blacklist', text: t('blacklist.title') })),
    panel('targets.list', filter,
      table([t('enterprise'), 'USCC', t('grade'), t('risk.score'), t('targets.priority'), t('targets.customs'), t('targets.market')],
        r.targets.map((x) => [h('a', { href: `#/enterprise/${enc(x.uscc)}`, text: x.name || x.uscc }), x.uscc, gradeBadge(x.grade, x.grade === 4),
          fmtNum(x.score, 2), x.priority ? t('targets.priorityYes') : '', pct(x.customs_inspection_rate), pct(x.market_sampling_rate)]),
        { id: 'targets' })));
}

// dashboard.js: the analysts' risk dashboard, from /api/v1/analytics/*
// and /api/v1/alerts; every panel shows the engine that answered it.
// Filters (region, category, origin, period) live in the hash,
// #/dashboard/region=…&from=…, so a filtered dashboard can be shared; each
// panel asks its route with the filters it applies and says which do not
// apply to it. Each panel exports the data it drew as CSV (in the browser)
// and as XLSX (the same route with format=xlsx, headers in the UI's
// language); the whole dashboard exports as a PNG.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv, currentLang } from './i18n.js';
import { get, download } from './api.js';
import { chart, palette } from './charts.js';
import { panel, sourceBadge, guard, errorBox } from './layout.js';
import { alerts } from './alertpanel.js';
import { downloadCSV, dashboardImage } from './dashexport.js';

const filterNames = ['region', 'category', 'origin', 'from', 'to'];
const maxFilterLen = 64;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

// readFilters reads the filters from the hash's argument; malformed dates
// and over-long values are dropped.
export function readFilters(arg) {
  const q = new URLSearchParams(arg || '');
  const f = {};
  for (const k of filterNames) {
    const v = (q.get(k) || '').trim();
    if (!v || v.length > maxFilterLen) continue;
    if ((k === 'from' || k === 'to') && !datePattern.test(v)) continue;
    f[k] = v;
  }
  return f;
}

function filterHash(f) {
  const q = new URLSearchParams();
  for (const k of filterNames) if (f[k]) q.set(k, f[k]);
  const s = q.toString();
  return s ? `#/dashboard/${s}` : '#/dashboard';
}

// active names the filters set: region, category, origin and period.
function active(f) {
  return ['region', 'category', 'origin'].filter((k) => f[k]).concat(f.from || f.to ? ['period'] : []);
}

export async function dashboard(view, args = []) {
  const f = readFilters(args[0]);
  const grid = h('div', { class: 'grid' });
  const imageBtn = h('button', { type: 'button', class: 'secondary', id: 'dash-image', text: t('dash.exportImage') });
  imageBtn.addEventListener('click', () => dashboardImage(grid, t('nav.dashboard')));
  const form = h('form', { class: 'row', id: 'dash-filter' });
  view.append(h('h1', { text: t('nav.dashboard') }), form, h('div', { class: 'row' }, imageBtn), grid);
  await filterForm(form, f);
  const on = active(f);
  const part = (key, fn, applies = [], size = '') => {
    const body = h('div');
    const p = panel(key, body);
    if (size) p.classList.add(size);
    const name = key.replace(/^dash\./, '');
    p.id = `panel-${name}`;
    // Under the title: the filters this panel cannot apply, then its export.
    const tools = h('div', { class: 'row' });
    const skipped = on.filter((k) => !applies.includes(k));
    if (skipped.length) {
      tools.append(h('span', { class: 'muted filter-note', text: t('dash.notApplied', { list: skipped.map((k) => t(`dash.filter.${k}`)).join(t('dash.listSep')) }) }));
    }
    p.querySelector('h2').after(tools);
    grid.append(p);
    return guard(body, async () => {
      const data = await fn(body, p);
      if (!data) return;
      const current = () => (typeof data === 'function' ? data() : data);
      const btn = h('button', { type: 'button', class: 'secondary export-csv', id: `csv-${name}`, text: t('dash.exportCSV') });
      btn.addEventListener('click', () => {
        const d = current();
        downloadCSV(`dashboard-${name}.csv`, d.headers, d.rows);
      });
      // The XLSX comes from the server: the panel's route, as drawn, with
      // format=xlsx and the UI's language.
      const msg = h('span');
      const xlsx = h('button', { type: 'button', class: 'secondary export-xlsx', id: `xlsx-${name}`, text: t('dash.exportXLSX') });
      xlsx.addEventListener('click', async () => {
        const d = current();
        const sep = d.url.includes('?') ? '&' : '?';
        try {
          await download(`${d.url}${sep}format=xlsx&lang=${currentLang() === 'zh' ? 'zh' : 'en'}`, `dashboard-${name}.xlsx`);
          replace(msg);
        } catch (err) {
          replace(msg, errorBox(err));
        }
      });
      tools.prepend(btn, xlsx, msg);
    });
  };
  const scope = ['region', 'category', 'origin'];
  await Promise.all([
    part('dash.grades', (el, p) => grades(el, p, f), scope),
    part('dash.trend', (el, p) => trend(el, p, f), [...scope, 'period'], 'wide'),
    part('dash.topRisks', (el, p) => topRisks(el, p, f), scope, 'wide'),
    part('dash.ratesCategory', (el) => rates(el, 'category', f), scope),
    part('dash.ratesCountry', (el) => rates(el, 'origin_country', f), scope),
    part('dash.ratesRegion', (el) => rates(el, 'region', f), [...scope, 'period']),
    part('dash.ratesOperator', (el) => rates(el, 'operator', f), [...scope, 'period']),
    part('dash.recalls', (el, p) => recalls(el, p, f), [...scope, 'period']),
    part('dash.alerts', (el) => alerts(el, f), scope, 'wide'),
  ]);
  view.append(h('span', { id: 'dash-done', hidden: true }));
}

// filterForm fills form with the filters' fields, offering the regions,
// categories and origin countries the rates answer; submitting it moves to
// the filtered dashboard's hash.
async function filterForm(form, f) {
  // Regions come ranked and paged: every page is read.
  const keys = async (by) => {
    const out = [];
    try {
      let after = '';
      for (;;) {
        const a = await get(`/api/v1/analytics/rates?by=${by}${by === 'region' ? `&limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}` : ''}`);
        out.push(...(a.groups || []).map((g) => g.key).filter((k) => k));
        if (a.next === null || a.next === undefined) break;
        after = a.next;
      }
    } catch {
      // Without the answer the select offers only the filter already set.
    }
    return out.sort();
  };
  const [regions, categories, origins] = await Promise.all([keys('region'), keys('category'), keys('origin_country')]);
  const select = (name, values, label) => {
    if (f[name] && !values.includes(f[name])) values = [f[name], ...values];
    return h('label', {}, t(`dash.filter.${name}`), ' ',
      h('select', { id: `dash-${name}`, name },
        h('option', { value: '', text: t('dash.filter.all') }),
        values.map((v) => h('option', { value: v, text: label(v), selected: v === f[name] }))));
  };
  const date = (name) => h('label', {}, t(`dash.filter.${name}`), ' ', h('input', { type: 'date', id: `dash-${name}`, name, value: f[name] || '' }));
  form.append(
    select('region', regions, (v) => v),
    select('category', categories, (v) => tv('productCategory', v)),
    select('origin', origins, (v) => tv('country', v)),
    date('from'), date('to'),
    h('button', { type: 'submit', text: t('dash.filter.apply') }),
    h('a', { href: '#/dashboard', id: 'dash-clear', text: t('dash.filter.clear') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = {};
    for (const k of filterNames) next[k] = form.elements[k].value;
    location.hash = filterHash(next);
  });
}

const box = (cls = 'chart') => h('div', { class: cls });

// withFilters is path with the filters the route applies: the region,
// category and origin, and with period the from and to days.
function withFilters(path, f, period = false) {
  const q = new URLSearchParams();
  for (const k of ['region', 'category', 'origin'].concat(period ? ['from', 'to'] : [])) if (f[k]) q.set(k, f[k]);
  const s = q.toString();
  if (!s) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${s}`;
}

async function grades(el, p, f) {
  const url = withFilters('/api/v1/analytics/grades', f);
  const a = await get(url);
  p.querySelector('h2').append(sourceBadge(a));
  const c = box();
  el.append(c);
  chart(c, {
    tooltip: { trigger: 'item' },
    color: ['#22a06b', '#2f6fde', '#e2a03f', '#d64545'],
    series: [{
      type: 'pie', radius: ['40%', '70%'],
      data: a.grades.map((g) => ({ name: t('grade.n', { n: g.grade }), value: g.enterprises })),
      label: { formatter: '{b}: {c}' },
      labelLayout: { hideOverlap: true },
    }],
  });
  return { url, headers: [t('grade'), t('dash.col.enterprises')], rows: a.grades.map((g) => [g.grade, g.enterprises]) };
}

async function trend(el, p, f) {
  // The trend counts by month: the period keeps the months it touches.
  const url = withFilters('/api/v1/analytics/risk-trend', f, true);
  const a = await get(url);
  const months = a.months || [];
  if (f.from || f.to) el.append(h('p', { class: 'muted filter-note', text: t('dash.periodByMonth') }));
  p.querySelector('h2').append(sourceBadge(a));
  const c = box();
  el.append(c);
  const series = ['complaints_filed', 'complaints_substantiated', 'market_inspections_failed',
    'customs_inspections_failed', 'customs_rejections', 'recalls_started', 'penalties'];
  chart(c, {
    color: palette.concat(['#888']),
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: months.map((m) => m.month), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value' },
    series: series.map((k) => ({ type: 'line', name: t(`trend.${k}`), smooth: true, data: months.map((m) => m[k]) })),
  });
  return { url, headers: [t('dash.col.month'), ...series.map((k) => t(`trend.${k}`))], rows: months.map((m) => [m.month, ...series.map((k) => m[k])]) };
}

// topFactors names the factors that contribute most to a grade.
function topFactors(factors, n = 3) {
  return Object.entries(factors || {})
    .filter(([, f]) => f.contribution > 0)
    .sort((a, b) => b[1].contribution - a[1].contribution)
    .slice(0, n)
    .map(([k, f]) => h('span', { class: 'factor', title: `${t('factor.value')} ${f.value} · ${t('factor.weight')} ${f.weight}` },
      `${tv('factor', k)} +${fmtNum(f.contribution, 2)}`));
}

async function topRisks(el, p, f) {
  const url = withFilters('/api/v1/analytics/top-risks?limit=10', f);
  const a = await get(url);
  p.querySelector('h2').append(sourceBadge(a));
  const c = box('chart short');
  el.append(c);
  const list = a.enterprises || [];
  chart(c, {
    tooltip: { trigger: 'axis' },
    grid: { left: 200, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: list.map((e) => e.name), axisLabel: { width: 190, overflow: 'truncate', hideOverlap: true } },
    series: [{ type: 'bar', name: t('risk.score'), data: list.map((e) => ({ value: e.score, itemStyle: { color: gradeColor(e.grade) } })) }],
  });
  el.append(table([t('enterprise'), t('grade'), t('risk.score'), t('risk.factors')], list.map((e) => [
    h('a', { href: `#/enterprise/${e.uscc}`, text: e.name }),
    gradeBadge(e.grade, e.blacklisted),
    fmtNum(e.score, 2),
    topFactors(e.factors),
  ])));
  return {
    url,
    headers: [t('enterprise'), t('dash.col.uscc'), t('grade'), t('blacklisted'), t('risk.score')],
    rows: list.map((e) => [e.name, e.uscc, e.grade, e.blacklisted ? '1' : '0', e.score]),
  };
}

export function gradeColor(g) {
  return ['#22a06b', '#2f6fde', '#e2a03f', '#d64545'][g - 1] || '#888';
}

export function gradeBadge(g, blacklisted) {
  return h('span', { class: `badge grade grade-${g}` }, t('grade.n', { n: g }), blacklisted ? ` · ${t('blacklisted')}` : '');
}

async function rates(el, by, f) {
  // Region and operator answers come ranked worst first, one page of 12,
  // over the period; category and origin answers list every key. The API
  // keeps every answer to the filters' region, category and origin.
  const ranked = by === 'region' || by === 'operator';
  const q = new URLSearchParams({ by });
  for (const k of ['region', 'category', 'origin']) if (f[k]) q.set(k, f[k]);
  if (ranked) {
    q.set('limit', '12');
    for (const k of ['from', 'to']) if (f[k]) q.set(k, f[k]);
  }
  const url = `/api/v1/analytics/rates?${q}`;
  const a = await get(url);
  el.closest('.panel').querySelector('h2').append(sourceBadge(a));
  const keep = {
    category: (g) => !f.category || g.key === f.category,
    origin_country: (g) => !f.origin || g.key === f.origin,
  }[by] || (() => true);
  const all = (a.groups || []).filter(keep);
  const groups = (ranked ? all : all.slice().sort((x, y) => y.failure_rate - x.failure_rate)).slice(0, 12);
  const label = (g) => (by === 'category' ? tv('productCategory', g.key) : by === 'origin_country' ? tv('country', g.key) : by === 'operator' ? (g.name || g.key)
    : by === 'region' && !g.key ? t('rates.noRegion') : g.key);
  const c = box();
  el.append(c);
  chart(c, {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: groups.map(label), axisLabel: { rotate: 35, interval: 0, width: 88, overflow: 'truncate', hideOverlap: true } },
    yAxis: [{ type: 'value', name: '‰' }, { type: 'value', name: '%' }],
    series: [
      { type: 'bar', name: t('rates.complaints'), data: groups.map((g) => g.complaints_per_1000_units) },
      { type: 'bar', name: t('rates.failures'), yAxisIndex: 1, data: groups.map((g) => +(g.failure_rate * 100).toFixed(1)) },
    ],
  });
  if (!groups.length) el.append(h('p', { class: 'muted', text: t('dash.noData') }));
  const extra = by === 'operator' ? [t('dash.col.uscc'), t('dash.filter.region')] : [];
  return {
    url,
    headers: [t(`dash.col.${by}`), ...extra, t('dash.col.unitsSold'), t('dash.col.complaints'), t('rates.complaints'),
      t('dash.col.inspections'), t('dash.col.inspectionsFailed'), t('rates.failures')],
    rows: groups.map((g) => [label(g), ...(by === 'operator' ? [g.key, g.region || ''] : []), g.units_sold, g.complaints,
      g.complaints_per_1000_units, g.inspections, g.inspections_failed, +(g.failure_rate * 100).toFixed(2)]),
  };
}

async function recalls(el, p, f) {
  // The recalls started in the period (China days) by the initiators the
  // filters keep.
  const url = withFilters('/api/v1/analytics/recalls', f, true);
  const a = await get(url);
  p.querySelector('h2').append(sourceBadge(a));
  const c = box('chart short');
  el.append(c);
  const levels = a.levels || [];
  const overdue = a.overdue || [];
  chart(c, {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'category', data: levels.map((l) => t('recall.level', { n: l.level })) },
    yAxis: { type: 'value', minInterval: 1 },
    color: ['#2f6fde', '#d64545', '#22a06b'],
    series: ['open', 'overdue', 'closed'].map((k) => ({ type: 'bar', stack: 's', name: tv('status', k), data: levels.map((l) => l[k]) })),
  });
  if (overdue.length) {
    el.append(h('h3', { text: t('recall.overdue') }), table([t('recall.id'), t('recall.levelCol'), t('recall.completeBy')], overdue.map((r) => [
      h('a', { href: `#/recall/${r.recall_id}`, text: r.recall_id.slice(0, 8) }), r.level, fmtTime(r.complete_by),
    ])));
  }
  const states = ['open', 'overdue', 'closed'];
  return {
    url,
    headers: [t('recall.levelCol'), ...states.map((k) => tv('status', k))],
    rows: levels.map((l) => [l.level, ...states.map((k) => l[k])]),
  };
}

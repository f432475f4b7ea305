// dashboard.js: the analysts' risk dashboard, from /api/v1/analytics/*
// and /api/v1/alerts; every panel shows the engine that answered it.
import { h, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get } from './api.js';
import { chart, palette } from './charts.js';
import { panel, sourceBadge, guard } from './layout.js';
import { alerts } from './alertpanel.js';

export async function dashboard(view) {
  const grid = h('div', { class: 'grid' });
  view.append(h('h1', { text: t('nav.dashboard') }), grid);
  await Promise.all([
    part(grid, 'dash.grades', grades),
    part(grid, 'dash.trend', trend, 'wide'),
    part(grid, 'dash.topRisks', topRisks, 'wide'),
    part(grid, 'dash.ratesCategory', (el) => rates(el, 'category')),
    part(grid, 'dash.ratesCountry', (el) => rates(el, 'origin_country')),
    part(grid, 'dash.ratesRegion', (el) => rates(el, 'region')),
    part(grid, 'dash.ratesOperator', (el) => rates(el, 'operator')),
    part(grid, 'dash.recalls', recalls),
    part(grid, 'dash.alerts', alerts, 'wide'),
  ]);
  view.append(h('span', { id: 'dash-done', hidden: true }));
}

function part(grid, titleKey, f, size = '') {
  const body = h('div');
  const p = panel(titleKey, body);
  if (size) p.classList.add(size);
  grid.append(p);
  return guard(body, () => f(body, p));
}

const box = (cls = 'chart') => h('div', { class: cls });

async function grades(el, p) {
  const a = await get('/api/v1/analytics/grades');
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
    }],
  });
}

async function trend(el, p) {
  const a = await get('/api/v1/analytics/risk-trend');
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
    xAxis: { type: 'category', data: a.months.map((m) => m.month) },
    yAxis: { type: 'value' },
    series: series.map((k) => ({ type: 'line', name: t(`trend.${k}`), smooth: true, data: a.months.map((m) => m[k]) })),
  });
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

async function topRisks(el, p) {
  const a = await get('/api/v1/analytics/top-risks?limit=10');
  p.querySelector('h2').append(sourceBadge(a));
  const c = box('chart short');
  el.append(c);
  const list = a.enterprises || [];
  chart(c, {
    tooltip: { trigger: 'axis' },
    grid: { left: 200, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: list.map((e) => e.name), axisLabel: { width: 190, overflow: 'truncate' } },
    series: [{ type: 'bar', name: t('risk.score'), data: list.map((e) => ({ value: e.score, itemStyle: { color: gradeColor(e.grade) } })) }],
  });
  el.append(table([t('enterprise'), t('grade'), t('risk.score'), t('risk.factors')], list.map((e) => [
    h('a', { href: `#/enterprise/${e.uscc}`, text: e.name }),
    gradeBadge(e.grade, e.blacklisted),
    fmtNum(e.score, 2),
    topFactors(e.factors),
  ])));
}

export function gradeColor(g) {
  return ['#22a06b', '#2f6fde', '#e2a03f', '#d64545'][g - 1] || '#888';
}

export function gradeBadge(g, blacklisted) {
  return h('span', { class: `badge grade grade-${g}` }, t('grade.n', { n: g }), blacklisted ? ` · ${t('blacklisted')}` : '');
}

async function rates(el, by) {
  // Region and operator answers come ranked worst first; one page of 12.
  const ranked = by === 'region' || by === 'operator';
  const a = await get(`/api/v1/analytics/rates?by=${by}${ranked ? '&limit=12' : ''}`);
  el.closest('.panel').querySelector('h2').append(sourceBadge(a));
  const groups = ranked ? (a.groups || []) : (a.groups || []).slice().sort((x, y) => y.failure_rate - x.failure_rate).slice(0, 12);
  const label = (g) => (by === 'category' ? tv('productCategory', g.key) : by === 'operator' ? (g.name || g.key)
    : by === 'region' && !g.key ? t('rates.noRegion') : g.key);
  const c = box();
  el.append(c);
  chart(c, {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 16, bottom: 72 },
    xAxis: { type: 'category', data: groups.map(label), axisLabel: { rotate: 35, interval: 0 } },
    yAxis: [{ type: 'value', name: '‰' }, { type: 'value', name: '%' }],
    series: [
      { type: 'bar', name: t('rates.complaints'), data: groups.map((g) => g.complaints_per_1000_units) },
      { type: 'bar', name: t('rates.failures'), yAxisIndex: 1, data: groups.map((g) => +(g.failure_rate * 100).toFixed(1)) },
    ],
  });
}

async function recalls(el, p) {
  const a = await get('/api/v1/analytics/recalls');
  p.querySelector('h2').append(sourceBadge(a));
  const c = box('chart short');
  el.append(c);
  const levels = a.levels || [];
  chart(c, {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 40 },
    xAxis: { type: 'category', data: levels.map((l) => t('recall.level', { n: l.level })) },
    yAxis: { type: 'value', minInterval: 1 },
    color: ['#2f6fde', '#d64545', '#22a06b'],
    series: ['open', 'overdue', 'closed'].map((k) => ({ type: 'bar', stack: 's', name: tv('status', k), data: levels.map((l) => l[k]) })),
  });
  const overdue = a.overdue || [];
  if (overdue.length) {
    el.append(h('h3', { text: t('recall.overdue') }), table([t('recall.id'), t('recall.levelCol'), t('recall.completeBy')], overdue.map((r) => [
      h('a', { href: `#/recall/${r.recall_id}`, text: r.recall_id.slice(0, 8) }), r.level, fmtTime(r.complete_by),
    ])));
  }
}

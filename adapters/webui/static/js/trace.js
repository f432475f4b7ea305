// trace.js: a batch's downstream or upstream trace, as an ECharts graph
// and as the table of holders.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { chart, disposeCharts } from './charts.js';
import { panel, errorBox, loading } from './layout.js';

export async function trace(view, [gtin = '', lot = '', direction = 'downstream'] = []) {
  lot = decodeURIComponent(lot);
  const out = h('div');
  const form = h('form', { class: 'row', id: 'trace-form' },
    h('input', { name: 'gtin', value: gtin, placeholder: 'GTIN', required: true, 'aria-label': 'GTIN' }),
    h('input', { name: 'lot', value: lot, placeholder: t('lot'), required: true, 'aria-label': t('lot') }),
    h('select', { name: 'direction', 'aria-label': t('trace.direction') },
      ['downstream', 'upstream'].map((d) => h('option', { value: d, selected: d === direction, text: t(`trace.${d}`) }))),
    h('button', { type: 'submit', text: t('trace.run') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    location.hash = `#/trace/${f.get('gtin').trim()}/${enc(f.get('lot').trim())}/${f.get('direction')}`;
  });
  view.append(h('h1', { text: t('nav.trace') }), panel('trace.batch', form), out);
  if (!gtin || !lot) return;
  replace(out, loading());
  try {
    const a = await get(`/api/v1/batches/${enc(gtin)}/${enc(lot)}/trace?direction=${direction}`);
    replace(out, summary(a), graph(a), holders(a), transformations(a));
  } catch (err) {
    replace(out, errorBox(err));
  }
}

function summary(a) {
  const b = a.batch || {};
  const recalls = (b.recalls || []).map((r) => h('a', { class: 'badge sev-high', href: `#/recall/${r.recall_id}` }, t('recall.level', { n: r.level })));
  return panel('trace.summary', h('dl', { class: 'facts' },
    fact(t('batch'), `${a.gtin}/${a.lot}`),
    fact(t('owner'), b.owner_name || b.owner_uscc || ''),
    fact(t('card.origin_country'), b.origin_country ? tv('country', b.origin_country) : ''),
    fact(t('quantity'), fmtNum(b.quantity)),
    fact(t('card.produced_on'), b.produced_on || ''),
    fact(t('card.expires_on'), b.expires_on || ''),
    fact(t('customs'), tv('customs', b.customs)),
    fact(t('recalls'), recalls.length ? recalls : t('none'))),
  h('p', {}, h('a', { href: `#/audit/batch/${a.gtin}/${enc(a.lot)}`, text: t('audit.batchHistory') })));
}

export function fact(k, v) {
  return [h('dt', { text: k }), h('dd', {}, v)];
}

const kindColor = { origin: '#7a5af8', customs: '#13a8a8', importer: '#2f6fde', manufacturer: '#2f6fde', consumers: '#e2a03f', holder: '#22a06b', batch: '#c2410c' };

// nodeName is a node's label: the consumers and an origin country in the
// reader's language, an enterprise by its name.
function nodeName(n) {
  if (n.kind === 'consumers') return tv('node', 'consumers');
  if (n.kind === 'origin') return tv('country', n.name || n.id);
  return n.name || n.id;
}

function graph(a) {
  const el = h('div', { class: 'chart tall', id: 'trace-graph' });
  const p = panel(a.direction === 'upstream' ? 'trace.graphUp' : 'trace.graphDown', el);
  const nodes = (a.nodes || []).map((n) => ({
    id: n.id, name: n.id, display: nodeName(n), kind: tv('node', n.kind),
    symbolSize: n.kind === 'consumers' ? 26 : 34,
    itemStyle: { color: kindColor[n.kind] || '#22a06b' },
  }));
  const edges = (a.edges || []).map((e) => ({ source: e.from, target: e.to, value: e.units, label: { show: true, formatter: `${fmtNum(e.units)}` } }));
  queueMicrotask(() => chart(el, {
    tooltip: { formatter: (x) => (x.dataType === 'edge' ? `${fmtNum(x.data.value)} ${t('units')}` : `${x.data.display} (${x.data.kind})`) },
    series: [{
      type: 'graph', layout: 'force', roam: true, draggable: true,
      force: { repulsion: 380, edgeLength: [80, 160] },
      label: { show: true, position: 'bottom', fontSize: 11, width: 140, overflow: 'truncate', formatter: (x) => x.data.display },
      labelLayout: { hideOverlap: true },
      edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 8,
      lineStyle: { color: '#9aa5b1', width: 1.5, curveness: 0.1 },
      data: nodes, links: edges,
    }],
  }));
  return p;
}

function holders(a) {
  const rows = (a.holders || []).map((x) => [
    h('a', { href: `#/enterprise/${x.uscc}`, text: x.name || x.uscc }), x.uscc,
    fmtNum(x.in_stock), fmtNum(x.in_transit), fmtNum(x.sold), fmtNum(x.returned), fmtNum(x.destroyed), fmtNum(x.consumed || 0),
    (x.containers || []).map((c, i) => [i ? ' ' : '', h('a', { href: `#/container/${c}`, class: 'container-link', text: c })]),
  ]);
  return panel('trace.holders', table([t('holder'), 'USCC', t('in_stock'), t('in_transit'), t('sold'), t('returned'), t('destroyed'),
    t('consumed'), t('trace.containers')], rows, { id: 'holders' }));
}

// transformations lists the transformation edges the trace reaches: the
// inputs a batch was made of (upstream) or the batches made of it
// (downstream), each linked to its own trace in the same direction.
function transformations(a) {
  const rows = (a.transformations || []).map((x) => {
    const other = a.direction === 'upstream' ? x.input : x.output;
    return [fmtNum(x.depth),
      h('a', { href: `#/trace/${other.gtin}/${enc(other.lot)}/${a.direction}`, class: 'transformation-batch', text: `${other.gtin}/${other.lot}` }),
      other.owner_name || other.owner_uscc || '', x.transformer_name || x.transformer_uscc, fmtNum(x.units), fmtTime(x.at)];
  });
  if (!rows.length) return null;
  return panel(a.direction === 'upstream' ? 'trace.madeFrom' : 'trace.madeInto',
    table([t('trace.depth'), t('batch'), t('owner'), t('trace.transformer'), t('trace.inputUnits'), t('container.at')], rows, { id: 'transformations' }));
}

export { disposeCharts };

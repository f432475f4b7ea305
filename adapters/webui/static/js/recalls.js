// recalls.js: the recall list with progress against deadlines, one
// recall's holders and notifications, returns, CSV/XLSX export, and
// (regulators) starting a recall.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, post, download, role, enc } from './api.js';
import { panel, errorBox, loading } from './layout.js';

export async function recallList(view) {
  view.append(h('h1', { text: t('nav.recalls') }));
  if (role() === 'regulator') view.append(startForm());
  const a = await get('/api/v1/recalls');
  const rows = (a.recalls || []).slice().reverse().map((r) => [
    h('a', { href: `#/recall/${r.recall_id}`, text: r.recall_id.slice(0, 8) }),
    t('recall.level', { n: r.level }),
    h('span', { class: `badge status-${r.status}`, text: tv('status', r.status) }),
    r.reason || '',
    fmtTime(r.start_by), fmtTime(r.complete_by),
    progress(r.progress),
  ]);
  view.append(panel('recall.list', table([t('recall.id'), t('recall.levelCol'), t('recall.status'), t('recall.reason'),
    t('recall.startBy'), t('recall.completeBy'), t('recall.progress')], rows, { id: 'recall-list' })));
}

function progress(p = {}) {
  const pct = Math.min(100, Number(p.percent || 0));
  return h('div', { class: 'progress', title: `${fmtNum(p.accounted)} / ${fmtNum(p.affected)}` },
    h('div', { class: 'bar', style: `width:${pct}%` }), h('span', { text: `${fmtNum(pct, 1)}%` }));
}

function startForm() {
  const msg = h('div');
  const form = h('form', { class: 'stack', id: 'recall-start' },
    h('div', { class: 'row' },
      h('input', { name: 'gtin', placeholder: 'GTIN', required: true, 'aria-label': 'GTIN' }),
      h('input', { name: 'lot', placeholder: t('lot'), required: true, 'aria-label': t('lot') }),
      h('select', { name: 'level', 'aria-label': t('recall.levelCol') }, [1, 2, 3].map((n) => h('option', { value: n, text: t('recall.level', { n }) }))),
      h('input', { name: 'initiated_by_uscc', placeholder: t('recall.initiator'), required: true, 'aria-label': t('recall.initiator') })),
    h('input', { name: 'reason', placeholder: t('recall.reason'), required: true, 'aria-label': t('recall.reason') }),
    h('div', {}, h('button', { type: 'submit', text: t('recall.start') })), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    try {
      const a = await post('/api/v1/recalls', {
        batches: [{ gtin: f.get('gtin').trim(), lot: f.get('lot').trim() }],
        level: Number(f.get('level')), reason: f.get('reason'), initiated_by_uscc: f.get('initiated_by_uscc').trim(),
      });
      location.hash = `#/recall/${a.recall_id}`;
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  const d = h('details', { class: 'panel' }, h('summary', { text: t('recall.start') }), form);
  return d;
}

export async function recallDetail(view, [id]) {
  const a = await get(`/api/v1/recalls/${enc(id)}`);
  view.append(h('h1', {}, t('recall.title'), ' ', h('code', { text: id.slice(0, 8) })));
  view.append(panel('recall.summary',
    h('dl', { class: 'facts' },
      fact(t('recall.levelCol'), t('recall.level', { n: a.level })),
      fact(t('recall.status'), h('span', { class: `badge status-${a.status}`, text: tv('status', a.status) })),
      fact(t('recall.reason'), a.reason || ''),
      fact(t('recall.initiator'), a.initiated_by || ''),
      fact(t('recall.batches'), (a.batches || []).map((b) => h('a', { class: 'chip', href: `#/trace/${b.gtin}/${enc(b.lot)}`, text: `${b.gtin}/${b.lot}` }))),
      fact(t('recall.startedAt'), fmtTime(a.started_at)),
      fact(t('recall.startBy'), fmtTime(a.start_by)),
      fact(t('recall.completeBy'), fmtTime(a.complete_by)),
      fact(t('recall.progress'), progress(a.progress))),
    h('div', { class: 'row' },
      exportButton(id, 'csv'), exportButton(id, 'xlsx'))));
  const holders = a.holders || [];
  view.append(panel('recall.holders', table([t('holder'), t('contact'), t('affected'), t('in_stock'), t('sold'), t('returned'), t('destroyed'), t('notified')],
    holders.map((x) => [x.name || x.uscc, x.contact || '', fmtNum(x.affected), fmtNum(x.in_stock), fmtNum(x.sold), fmtNum(x.returned), fmtNum(x.destroyed),
      h('span', { class: `badge ${x.notified ? 'ok' : 'warn'}`, text: x.notified ? t('yes') : t('no') })]), { id: 'recall-holders' })));
  if (a.status !== 'closed' && role() !== 'analyst') view.append(returnForm(id, holders));
}

function fact(k, v) { return [h('dt', { text: k }), h('dd', {}, v)]; }

function exportButton(id, format) {
  const msg = h('span');
  const b = h('button', { type: 'button', class: 'secondary', id: `export-${format}`, text: t(`recall.export.${format}`) });
  b.addEventListener('click', async () => {
    try {
      await download(`/api/v1/recalls/${enc(id)}?format=${format}`, `recall-${id}.${format}`);
      replace(msg, h('span', { class: 'muted', text: t('downloaded') }));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return h('span', {}, b, msg);
}

function returnForm(id, holders) {
  const msg = h('div');
  const form = h('form', { class: 'row', id: 'recall-return' },
    h('select', { name: 'holder_uscc', 'aria-label': t('holder') }, holders.map((x) => h('option', { value: x.uscc, text: x.name || x.uscc }))),
    h('input', { name: 'quantity', type: 'number', min: 1, required: true, placeholder: t('quantity'), 'aria-label': t('quantity') }),
    h('select', { name: 'disposition', 'aria-label': t('disposition') }, ['returned', 'destroyed'].map((d) => h('option', { value: d, text: t(d) }))),
    h('button', { type: 'submit', text: t('recall.recordReturn') }), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    try {
      await post(`/api/v1/recalls/${enc(id)}/returns`, { holder_uscc: f.get('holder_uscc'), quantity: Number(f.get('quantity')), disposition: f.get('disposition') });
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return panel('recall.returns', form);
}

export { loading };

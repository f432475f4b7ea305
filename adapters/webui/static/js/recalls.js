// recalls.js: the recall list with progress against deadlines, one
// recall's plan, holders, notifications and acknowledgements, returns,
// CSV/XLSX export, the public notice decision and closing with its record,
// (regulators) starting a recall, and a holder's inbox of recall notices.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, post, download, role, enc } from './api.js';
import { panel, errorBox, loading } from './layout.js';
import { listPage } from './directory.js';

// recorded is the log position of the last command this page recorded:
// reads after it wait until the read models have applied it
// (min_position), so a page shows its own change at once.
let recorded = 0;

async function record(path, body) {
  const a = await post(path, body);
  recorded = Math.max(recorded, Number((a && a.head) || 0));
  return a;
}

function fresh(path) {
  return recorded ? `${path}${path.includes('?') ? '&' : '?'}min_position=${recorded}` : path;
}

// recallList renders #/recalls[/query]: the recalls filtered by level,
// status, initiator and start date (kept in the route), newest first by
// default, a page at a time with "more".
export function recallList(view, [query = '']) {
  const q = new URLSearchParams(decodeURIComponent(query));
  if (!q.get('sort')) q.set('sort', '-started');
  const list = listPage(view, enc(q.toString()), {
    name: 'recalls', api: '/api/v1/recalls', member: 'recalls', id: 'recall-list',
    filters: [{ name: 'level', label: 'recall.levelCol', options: ['1', '2', '3'], values: 'recall.lv' },
      { name: 'status', label: 'recall.status', options: ['open', 'overdue', 'closed'], values: 'status' },
      { name: 'initiator', label: 'recall.initiator', maxlength: 18 },
      { name: 'started_from', label: 'recall.startedFrom', type: 'date' }, { name: 'started_to', label: 'recall.startedTo', type: 'date' }],
    sorts: ['started', 'level', 'complete_by'],
    columns: ['recall.id', 'recall.levelCol', 'recall.status', 'recall.reason', 'recall.startBy', 'recall.completeBy', 'recall.progress'],
    row: (r) => [
      h('a', { href: `#/recall/${r.recall_id}`, text: r.recall_id.slice(0, 8) }),
      t('recall.level', { n: r.level }),
      h('span', { class: `badge status-${r.status}`, text: tv('status', r.status) }),
      r.reason || '',
      fmtTime(r.start_by), fmtTime(r.complete_by),
      progress(r.progress),
    ],
  });
  // listPage draws the title and the filters at once: the start form goes
  // between them.
  if (role() === 'regulator') view.querySelector('h1').after(startForm());
  return list;
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
    h('input', { name: 'hazard', placeholder: t('recall.hazard'), maxlength: 2000, 'aria-label': t('recall.hazard') }),
    h('div', { class: 'row' },
      h('label', { text: t('recall.hazardKnownAt') }),
      h('input', { name: 'hazard_known_at', type: 'datetime-local', 'aria-label': t('recall.hazardKnownAt') }),
      h('input', { name: 'contact', placeholder: t('recall.contact'), maxlength: 200, 'aria-label': t('recall.contact') })),
    h('input', { name: 'scope', placeholder: t('recall.scope'), maxlength: 2000, 'aria-label': t('recall.scope') }),
    h('input', { name: 'measures', placeholder: t('recall.measures'), maxlength: 2000, 'aria-label': t('recall.measures') }),
    h('div', {}, h('button', { type: 'submit', text: t('recall.start') })), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    try {
      const body = {
        batches: [{ gtin: f.get('gtin').trim(), lot: f.get('lot').trim() }],
        level: Number(f.get('level')), reason: f.get('reason'), initiated_by_uscc: f.get('initiated_by_uscc').trim(),
      };
      for (const k of ['hazard', 'scope', 'measures', 'contact']) {
        if (f.get(k).trim()) body[k] = f.get(k).trim();
      }
      // datetime-local is the browser's local time: sent as UTC.
      if (f.get('hazard_known_at')) body.hazard_known_at = new Date(f.get('hazard_known_at')).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const a = await post('/api/v1/recalls', body);
      location.hash = `#/recall/${a.recall_id}`;
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  const d = h('details', { class: 'panel' }, h('summary', { text: t('recall.start') }), form);
  return d;
}

export async function recallDetail(view, [id]) {
  const a = await get(fresh(`/api/v1/recalls/${enc(id)}`));
  view.append(h('h1', {}, t('recall.title'), ' ', h('code', { text: id.slice(0, 8) })));
  view.append(panel('recall.summary',
    h('dl', { class: 'facts' },
      fact(t('recall.levelCol'), t('recall.level', { n: a.level })),
      fact(t('recall.status'), h('span', { class: `badge status-${a.status}`, text: tv('status', a.status) })),
      fact(t('recall.reason'), a.reason || ''),
      fact(t('recall.initiator'), a.initiated_by || ''),
      fact(t('recall.batches'), (a.batches || []).map((b) => h('a', { class: 'chip', href: `#/trace/${b.gtin}/${enc(b.lot)}`, text: `${b.gtin}/${b.lot}` }))),
      (a.derived || []).length ? fact(t('recall.derived'), a.derived.map((b) => h('a', { class: 'chip derived', href: `#/trace/${b.gtin}/${enc(b.lot)}/upstream`, text: `${b.gtin}/${b.lot}` }))) : null,
      fact(t('recall.startedAt'), fmtTime(a.started_at)),
      fact(t('recall.startBy'), fmtTime(a.start_by)),
      fact(t('recall.completeBy'), fmtTime(a.complete_by)),
      fact(t('recall.progress'), progress(a.progress)),
      fact(t('recall.outstanding'), h('span', { id: 'recall-outstanding', text: fmtNum((a.progress || {}).outstanding) }))),
    h('div', { class: 'row' },
      exportButton(id, 'csv'), exportButton(id, 'xlsx'))));
  view.append(panel('recall.plan', planFacts(a)));
  if (a.public_notice || a.accounting) view.append(panel('recall.accounting', accountingFacts(a)));
  const holders = a.holders || [];
  view.append(panel('recall.holders', table([t('holder'), t('contact'), t('affected'), t('in_stock'), t('sold'), t('returned'), t('destroyed'), t('notified'), t('acknowledged'), t('trace.containers')],
    holders.map((x) => [x.name || x.uscc, x.contact || '', fmtNum(x.affected), fmtNum(x.in_stock), fmtNum(x.sold), fmtNum(x.returned), fmtNum(x.destroyed),
      yesNo(x.notified),
      h('span', { class: 'ack', 'data-uscc': x.uscc, 'data-acknowledged': String(!!x.acknowledged) }, yesNo(x.acknowledged),
        x.acknowledged_at ? ` ${fmtTime(x.acknowledged_at)}` : '', x.acknowledgement_note ? h('div', { class: 'muted', text: x.acknowledgement_note }) : null),
      (x.containers || []).map((c, i) => [i ? ' ' : '', h('a', { href: `#/container/${c}`, class: 'container-link', text: c })])]),
    { id: 'recall-holders' })));
  if (a.status !== 'closed' && role() !== 'analyst') view.append(returnForm(id, holders));
  if (a.status !== 'closed' && role() === 'regulator') {
    if (!a.public_notice) view.append(publicNoticeForm(id, a.progress || {}));
    view.append(closeForm(id));
  }
}

function yesNo(v) { return h('span', { class: `badge ${v ? 'ok' : 'warn'}`, text: v ? t('yes') : t('no') }); }

// planFacts: the recall plan; recalls recorded before it was kept show none.
function planFacts(a) {
  if (!a.hazard && !a.hazard_known_at && !a.scope && !a.measures && !a.contact) return h('p', { class: 'muted', text: t('recall.noPlan') });
  return h('dl', { class: 'facts', id: 'recall-plan' },
    fact(t('recall.hazard'), a.hazard || ''),
    fact(t('recall.hazardKnownAt'), fmtTime(a.hazard_known_at)),
    fact(t('recall.scope'), a.scope || ''),
    fact(t('recall.measures'), a.measures || ''),
    fact(t('recall.contact'), a.contact || ''));
}

// accountingFacts: the public notice decision and the closing record.
function accountingFacts(a) {
  const n = a.public_notice;
  const c = a.accounting;
  return h('dl', { class: 'facts', id: 'recall-accounting' },
    n ? fact(t('recall.publicNotice'), `${n.notice} (${t('recall.soldCovered', { n: fmtNum(n.sold) })}, ${fmtTime(n.accepted_at)})`) : null,
    c ? [
      fact(t('affected'), fmtNum(c.affected)),
      fact(t('returned'), fmtNum(c.returned)),
      fact(t('destroyed'), fmtNum(c.destroyed)),
      fact(t('recall.soldByNotice'), fmtNum(c.sold_by_public_notice)),
      fact(t('recall.closedAt'), fmtTime(a.closed_at)),
    ] : null);
}

function publicNoticeForm(id, p) {
  const msg = h('div');
  const form = h('form', { class: 'stack', id: 'recall-public-notice' },
    h('p', { class: 'muted', text: t('recall.publicNoticeHelp', { n: fmtNum(p.affected - p.accounted) }) }),
    h('input', { name: 'notice', required: true, maxlength: 2000, placeholder: t('recall.publicNotice'), 'aria-label': t('recall.publicNotice') }),
    h('div', {}, h('button', { type: 'submit', text: t('recall.acceptNotice') })), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await record(`/api/v1/recalls/${enc(id)}/public-notice`, { notice: new FormData(form).get('notice').trim() });
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return panel('recall.publicNotice', form);
}

function closeForm(id) {
  const msg = h('div');
  const b = h('button', { type: 'button', id: 'recall-close', text: t('recall.close') });
  b.addEventListener('click', async () => {
    try {
      await record(`/api/v1/recalls/${enc(id)}/closure`, {});
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return panel('recall.close', h('p', { class: 'muted', text: t('recall.closeHelp') }), b, msg);
}

// recallInbox: the signed-in holder's notices of open recalls, each with
// the plan, its own units and an acknowledgement.
export async function recallInbox(view) {
  view.append(h('h1', { text: t('nav.notices') }));
  // Every page of the inbox: a holder may have more open recalls than a page.
  const notices = [];
  for (let after = ''; ;) {
    const a = await get(fresh(`/api/v1/me/recall-notices?limit=1000${after ? `&after=${enc(after)}` : ''}`));
    notices.push(...(a.notices || []));
    if (!(after = a.next)) break;
  }
  if (!notices.length) {
    view.append(h('p', { class: 'muted', id: 'notices-empty', text: t('notice.none') }));
    return;
  }
  const list = h('div', { id: 'recall-notices' });
  for (const n of notices) list.append(noticeCard(n));
  view.append(list);
}

function noticeCard(n) {
  const row = (n.holders || [])[0] || {};
  const msg = h('div');
  const card = h('section', { class: 'panel notice', id: `notice-${n.recall_id}`, 'data-acknowledged': String(!!n.acknowledged) },
    h('h2', {}, t('recall.level', { n: n.level }), ' · ', n.reason || '', ' ',
      h('span', { class: `badge status-${n.status}`, text: tv('status', n.status) })),
    h('dl', { class: 'facts' },
      fact(t('notice.from'), n.initiator_name || n.initiated_by || ''),
      fact(t('recall.batches'), (n.batches || []).map((b) => h('span', { class: 'chip', text: `${b.gtin}/${b.lot}` }))),
      n.hazard ? fact(t('recall.hazard'), n.hazard) : null,
      n.scope ? fact(t('recall.scope'), n.scope) : null,
      n.measures ? fact(t('recall.measures'), n.measures) : null,
      n.contact ? fact(t('recall.contact'), n.contact) : null,
      fact(t('recall.startBy'), fmtTime(n.start_by)),
      fact(t('recall.completeBy'), fmtTime(n.complete_by)),
      fact(t('notice.yours'), t('notice.units', { affected: fmtNum(row.affected), stock: fmtNum(row.in_stock), sold: fmtNum(row.sold) }))),
    h('a', { href: `#/recall/${n.recall_id}`, text: t('notice.open') }));
  if (n.acknowledged) {
    card.append(h('p', { class: 'badge ok ack-done', text: t('notice.acknowledged', { at: fmtTime(row.acknowledged_at) }) }));
    return card;
  }
  const form = h('form', { class: 'row', id: `ack-${n.recall_id}` },
    h('input', { name: 'note', maxlength: 2000, placeholder: t('notice.note'), 'aria-label': t('notice.note') }),
    h('button', { type: 'submit', text: t('notice.acknowledge') }), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const note = new FormData(form).get('note').trim();
    try {
      const body = { holder_uscc: row.uscc };
      if (note) body.note = note;
      await record(`/api/v1/recalls/${enc(n.recall_id)}/acknowledgement`, body);
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  card.append(form);
  return card;
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
      await record(`/api/v1/recalls/${enc(id)}/returns`, { holder_uscc: f.get('holder_uscc'), quantity: Number(f.get('quantity')), disposition: f.get('disposition') });
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return panel('recall.returns', form);
}

export { loading };

// recalls.js: the recall list with its products, batches and progress
// against deadlines, one recall's plan, holders (with a drill-down per
// holder), notifications, acknowledgements and reminders, returns,
// CSV/XLSX export in the reader's language, the public notice decision and
// closing with its record, starting a recall (recallstart.js), and a
// holder's inbox of recall notices.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv, currentLang } from './i18n.js';
import { get, post, download, role, enc } from './api.js';
import { panel, errorBox, loading } from './layout.js';
import { listPage } from './directory.js';
import { recallStart } from './recallstart.js';
import { holderButton } from './recallholder.js';
import { remindPanel, closePanel, timelinePanel } from './recallactions.js';

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
export async function recallList(view, [query = '']) {
  const q = new URLSearchParams(decodeURIComponent(query));
  if (!q.get('sort')) q.set('sort', '-started');
  const list = listPage(view, enc(q.toString()), {
    name: 'recalls', api: '/api/v1/recalls', member: 'recalls', id: 'recall-list',
    filters: [{ name: 'level', label: 'recall.levelCol', options: ['1', '2', '3'], values: 'recall.lv' },
      { name: 'status', label: 'recall.status', options: ['open', 'overdue', 'closed'], values: 'status' },
      { name: 'initiator', label: 'recall.initiator', maxlength: 18 },
      { name: 'started_from', label: 'recall.startedFrom', type: 'date' }, { name: 'started_to', label: 'recall.startedTo', type: 'date' }],
    sorts: ['started', 'level', 'complete_by'],
    columns: ['recall.id', 'recall.product', 'recall.batches', 'recall.levelCol', 'recall.status', 'recall.reason', 'recall.startBy', 'recall.completeBy', 'recall.progress'],
    row: (r) => [
      h('a', { href: `#/recall/${r.recall_id}`, text: r.recall_id.slice(0, 8) }),
      productCell(r.products || []),
      batchesCell(r.batches || []),
      t('recall.level', { n: r.level }),
      h('span', { class: `badge status-${r.status}`, text: tv('status', r.status) }),
      r.reason || '',
      fmtTime(r.start_by), fmtTime(r.complete_by),
      progress(r.progress),
    ],
  });
  // listPage draws the title and the filters at once: the start form goes
  // between them.
  const slot = h('div');
  view.querySelector('h1').after(slot);
  const form = await recallStart(record);
  if (form) slot.append(form);
  return list;
}

// productCell: the first product's name and GTIN, and how many more.
function productCell(ps) {
  if (!ps.length) return '';
  const p = ps[0];
  return h('span', { class: 'recall-product', title: ps.map((x) => `${x.name || ''} ${x.gtin}`.trim()).join('\n') },
    p.name ? h('span', { text: p.name }) : null, p.name ? ' ' : null, h('code', { class: 'muted', text: p.gtin }),
    ps.length > 1 ? h('span', { class: 'more', text: ` +${ps.length - 1}` }) : null);
}

// batchesCell: the first batch's lot, and "+N" for the others (all of them
// in the tooltip).
function batchesCell(bs) {
  if (!bs.length) return '';
  return h('span', { class: 'recall-batches', title: bs.map((b) => `${b.gtin} / ${b.lot}`).join('\n') },
    h('code', { text: bs[0].lot }), bs.length > 1 ? h('span', { class: 'more', text: ` +${bs.length - 1}` }) : null);
}

function progress(p = {}) {
  const pct = Math.min(100, Number(p.percent || 0));
  return h('div', { class: 'progress', title: `${fmtNum(p.accounted)} / ${fmtNum(p.affected)}` },
    h('div', { class: 'bar', style: `width:${pct}%` }), h('span', { text: `${fmtNum(pct, 1)}%` }));
}

export async function recallDetail(view, [id]) {
  const a = await get(fresh(`/api/v1/recalls/${enc(id)}`));
  // The initiating enterprise reminds and closes its own recall, as a
  // regulator does: /api/v1/me says whether this is it.
  const me = role() === 'enterprise' ? await get('/api/v1/me').catch(() => null) : null;
  const manages = role() === 'regulator' || (me && me.uscc && me.uscc === a.initiated_by);
  view.append(h('h1', {}, t('recall.title'), ' ', h('code', { text: id.slice(0, 8) })));
  view.append(panel('recall.summary',
    h('dl', { class: 'facts' },
      fact(t('recall.levelCol'), t('recall.level', { n: a.level })),
      fact(t('recall.status'), h('span', { class: `badge status-${a.status}`, text: tv('status', a.status) })),
      fact(t('recall.reason'), a.reason || ''),
      fact(t('recall.initiator'), a.initiated_by || ''),
      fact(t('recall.products'), (a.products || []).map((p) => h('a', { class: 'chip', href: `#/audit/product/${p.gtin}` }, p.name ? `${p.name} ` : '', h('code', { text: p.gtin })))),
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
  const drill = h('section', { class: 'panel', id: 'recall-holder', hidden: true, 'aria-live': 'polite' });
  view.append(panel('recall.holders', h('p', { class: 'muted', text: t('recall.holderHelp') }),
    table([t('holder'), t('contact'), t('affected'), t('in_stock'), t('in_transit'), t('sold'), t('returned'), t('destroyed'), t('notified'), t('acknowledged'), t('recall.reminded'), t('trace.containers')],
      holders.map((x) => [holderButton(x, drill), x.contact || '', fmtNum(x.affected), fmtNum(x.in_stock),
        h('span', { class: 'in-transit', 'data-uscc': x.uscc, text: fmtNum(x.in_transit) }), fmtNum(x.sold), fmtNum(x.returned), fmtNum(x.destroyed),
        yesNo(x.notified),
        h('span', { class: 'ack', 'data-uscc': x.uscc, 'data-acknowledged': String(!!x.acknowledged) }, yesNo(x.acknowledged),
          x.acknowledged_at ? ` ${fmtTime(x.acknowledged_at)}` : '', x.acknowledgement_note ? h('div', { class: 'muted', text: x.acknowledgement_note }) : null),
        h('span', { class: 'reminded', 'data-uscc': x.uscc, 'data-reminders': String(x.reminders || 0) },
          x.reminders ? t('recall.remindedTimes', { n: fmtNum(x.reminders), at: fmtTime(x.reminded_at) }) : ''),
        (x.containers || []).map((c, i) => [i ? ' ' : '', h('a', { href: `#/container/${c}`, class: 'container-link', text: c })])]),
      { id: 'recall-holders' }), drill));
  view.append(timelinePanel(a));
  const again = () => dispatchEvent(new HashChangeEvent('hashchange'));
  if (a.status !== 'closed' && role() !== 'analyst') view.append(returnForm(id, holders, a.batches || []));
  if (a.status !== 'closed' && manages) view.append(remindPanel(id, a, record, again));
  if (a.status !== 'closed' && role() === 'regulator' && !a.public_notice) view.append(publicNoticeForm(id, a.progress || {}));
  if (a.status !== 'closed' && manages) view.append(closePanel(id, a, record, again));
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
      (n.products || []).length ? fact(t('recall.products'), n.products.map((p) => h('span', { class: 'chip', text: p.name ? `${p.name} ${p.gtin}` : p.gtin }))) : null,
      fact(t('recall.batches'), (n.batches || []).map((b) => h('span', { class: 'chip', text: `${b.gtin}/${b.lot}` }))),
      n.hazard ? fact(t('recall.hazard'), n.hazard) : null,
      n.scope ? fact(t('recall.scope'), n.scope) : null,
      n.measures ? fact(t('recall.measures'), n.measures) : null,
      n.contact ? fact(t('recall.contact'), n.contact) : null,
      fact(t('recall.startBy'), fmtTime(n.start_by)),
      fact(t('recall.completeBy'), fmtTime(n.complete_by)),
      fact(t('notice.yours'), t('notice.units', { affected: fmtNum(row.affected), stock: fmtNum(row.in_stock), sold: fmtNum(row.sold) })),
      row.reminders ? fact(t('recall.reminded'), h('span', { class: 'badge warn notice-reminded', text: t('recall.remindedTimes', { n: fmtNum(row.reminders), at: fmtTime(row.reminded_at) }) })) : null,
      ...(n.reminders || []).filter((r) => r.note).map((r) => fact(t('recall.remindNote'), r.note))),
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
      await download(`/api/v1/recalls/${enc(id)}?format=${format}&lang=${currentLang()}`, `recall-${id}.${format}`);
      replace(msg, h('span', { class: 'muted', text: t('downloaded') }));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return h('span', {}, b, msg);
}

// returnForm records a holder's returned or destroyed units of one of the
// recall's batches (the batch is asked only when there are several).
function returnForm(id, holders, batches) {
  const msg = h('div');
  const form = h('form', { class: 'row', id: 'recall-return' },
    h('select', { name: 'holder_uscc', 'aria-label': t('holder') }, holders.map((x) => h('option', { value: x.uscc, text: x.name || x.uscc }))),
    batches.length > 1 ? h('select', { name: 'batch', 'aria-label': t('batch') },
      batches.map((b, i) => h('option', { value: String(i), text: `${b.gtin} / ${b.lot}` }))) : null,
    h('input', { name: 'quantity', type: 'number', min: 1, required: true, placeholder: t('quantity'), 'aria-label': t('quantity') }),
    h('select', { name: 'disposition', 'aria-label': t('disposition') }, ['returned', 'destroyed'].map((d) => h('option', { value: d, text: t(d) }))),
    h('button', { type: 'submit', text: t('recall.recordReturn') }), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const body = { holder_uscc: f.get('holder_uscc'), quantity: Number(f.get('quantity')), disposition: f.get('disposition') };
    if (batches.length > 1) Object.assign(body, { gtin: batches[Number(f.get('batch'))].gtin, lot: batches[Number(f.get('batch'))].lot });
    try {
      await record(`/api/v1/recalls/${enc(id)}/returns`, body);
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return panel('recall.returns', form);
}

export { loading };

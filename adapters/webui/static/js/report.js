// report.js: the printable audit report of an item, a batch or an
// enterprise — what a regulator files: the whole history (every page
// fetched), each event's inclusion proof checked in this browser against
// the signed checkpoint (merkle.js, as the audit timeline does), the
// checkpoint itself, and how to check it all again offline. The page prints
// on A4 (css/report.css) and "Print / save as PDF" is the browser's print:
// Chromium's print-to-PDF is the PDF engine.
//   #/report/item/<code>  #/report/batch/<gtin>/<lot>  #/report/enterprise/<uscc>
import { h, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc, role, download, saveBlob } from './api.js';
import { errorBox } from './layout.js';
import { cardFacts } from './cardview.js';
import { parseCheckpoint, verifyEvent, verifySignature } from './merkle.js';

// pageLimit is the API's largest history page: fewest round trips.
const pageLimit = 1000;

export async function report(view, [kind = '', a = '', b = ''] = []) {
  a = decodeURIComponent(a);
  b = decodeURIComponent(b);
  const subjects = {
    item: () => ({ path: `/api/v1/items/${enc(a)}/history`, label: a, name: 'item' }),
    batch: () => ({ path: `/api/v1/batches/${enc(a)}/${enc(b)}/history`, label: `${a} / ${b}`, name: 'batch' }),
    enterprise: () => ({ path: `/api/v1/enterprises/${enc(a)}/history`, label: a, name: 'enterprise' }),
  };
  if (!subjects[kind]) {
    view.append(errorBox(t('report.unknown')));
    return;
  }
  const s = subjects[kind]();
  const [hist, head, profile] = await Promise.all([
    allPages(s.path),
    get('/api/v1/ledger/head').catch(() => null),
    kind === 'enterprise' ? get(`/api/v1/enterprises/${enc(a)}`).catch(() => null) : null,
  ]);
  const checks = await verifyHistory(hist.events, head);
  document.body.classList.add('printing-report');
  view.append(h('article', { class: 'report', id: 'report', 'data-kind': kind },
    reportHead(kind, s, hist, profile),
    kind === 'item' && hist.first.card ? h('section', { class: 'report-section', id: 'report-subject' },
      h('h2', { text: t('card.title') }), cardFacts(hist.first.card)) : null,
    checkpointSection(checks, head),
    historySection(hist.events, checks),
    offlineSection(kind, a, s, hist, head),
    h('p', { class: 'muted small report-foot', text: t('report.foot', { at: fmtTime(new Date().toISOString()) }) })));
  addEventListener('hashchange', () => document.body.classList.remove('printing-report'), { once: true });
}

// allPages reads a history page after page, oldest first, until its end.
async function allPages(path) {
  const events = [];
  let first = null;
  let after = '';
  for (;;) {
    const q = new URLSearchParams({ limit: String(pageLimit), order: 'asc' });
    if (after) q.set('after', after);
    const page = await get(`${path}?${q}`);
    first = first || page;
    for (const e of page.events || []) events.push({ e, checkpoint: page.checkpoint || '' });
    if (!page.next) break;
    after = String(page.next);
  }
  return { first, events };
}

// verifyHistory checks every event against the checkpoint its page came
// with (a new checkpoint may be signed while the pages are read: each is
// shown) and each checkpoint's signature with the ledger's verifier key.
async function verifyHistory(events, head) {
  const notes = [...new Set(events.map((x) => x.checkpoint).filter(Boolean))];
  const cps = new Map();
  for (const note of notes) {
    let cp = null;
    try { cp = parseCheckpoint(note); } catch { cp = null; }
    const sig = head && head.verifier_key ? await verifySignature(note, head.verifier_key).catch(() => false) : null;
    cps.set(note, { note, cp, sig });
  }
  const ok = [];
  for (const { e, checkpoint } of events) {
    const c = cps.get(checkpoint);
    ok.push(c && c.cp ? await verifyEvent(e, c.cp).catch(() => false) : false);
  }
  const verified = ok.filter(Boolean).length;
  const signed = [...cps.values()].every((c) => c.sig === true);
  return { ok, verified, all: events.length > 0 && verified === events.length && signed && cps.size > 0, checkpoints: [...cps.values()] };
}

function reportHead(kind, s, hist, profile) {
  const print = h('button', { type: 'button', id: 'report-print', class: 'no-print', text: t('report.print'), onclick: () => window.print() });
  const subject = kind === 'enterprise' && profile && profile.name ? `${profile.name} (${s.label})` : s.label;
  return h('header', { class: 'report-head' },
    h('div', { class: 'row' }, h('h1', { id: 'report-title', text: t(`report.title.${kind}`) }), print),
    h('dl', { class: 'facts', id: 'report-facts' },
      [h('dt', { text: t(`report.subject.${kind}`) }), h('dd', {}, h('code', { class: 'wrap', id: 'report-subject-code', text: subject }))],
      [h('dt', { text: t('report.events') }), h('dd', { id: 'report-count', text: String(hist.events.length) })],
      [h('dt', { text: t('report.generatedAt') }), h('dd', { text: fmtTime(new Date().toISOString()) })],
      [h('dt', { text: t('report.generatedBy') }), h('dd', { text: tv('role', role()) })]));
}

function checkpointSection(checks, head) {
  const summary = h('p', {
    class: `verify-summary ${checks.all ? 'ok' : 'bad'}`, id: 'report-verify', 'data-verified': String(checks.all),
    text: checks.all ? t('report.verified', { n: checks.verified }) : t('report.notVerified', { ok: checks.verified, n: checks.ok.length }),
  });
  const one = (c, i) => h('div', { class: 'report-checkpoint', id: `report-checkpoint-${i}` },
    h('dl', { class: 'facts' },
      [h('dt', { text: t('report.origin') }), h('dd', {}, h('code', { class: 'wrap', text: c.cp ? c.cp.origin : '—' }))],
      [h('dt', { text: t('report.treeSize') }), h('dd', { class: 'report-tree-size', text: c.cp ? String(c.cp.size) : '—' })],
      [h('dt', { text: t('report.root') }), h('dd', {}, h('code', { class: 'wrap report-root', text: c.note.split('\n')[2] || '—' }))],
      [h('dt', { text: t('report.signature') }), h('dd', { class: `report-signature ${c.sig === true ? 'ok' : 'bad'}`, 'data-signature': c.sig === true ? 'verified' : c.sig === false ? 'invalid' : 'unchecked',
        text: c.sig === true ? t('verify.sigOk') : c.sig === false ? t('verify.sigBad') : t('verify.sigUnknown') })]),
    h('h3', { text: t('report.note') }),
    h('pre', { class: 'wrap report-note', text: c.note }));
  return h('section', { class: 'report-section', id: 'report-checkpoints' },
    h('h2', { text: t('report.checkpoint') }), summary,
    checks.checkpoints.length ? checks.checkpoints.map(one) : h('p', { class: 'warn', text: t('verify.noCheckpoint') }),
    h('p', {}, `${t('verify.key')}: `, h('code', { class: 'wrap', id: 'report-verifier-key', text: (head && head.verifier_key) || '—' })));
}

// details is an event's data as compact JSON: the recorded facts as they
// were hashed, shown as text.
const details = (d) => JSON.stringify(d ?? {});

// historySection lists the events, oldest first: one row of who, what and
// when with the proof's outcome, and under it the recorded data and the
// event's hash, the two kept together on a printed page.
function historySection(events, checks) {
  const cols = [t('report.n'), t('event.position'), t('event.type'), t('event.occurred'), t('event.recorded'), t('event.actor'), t('report.proof')];
  const actor = (e) => (e.actor && e.actor.uscc
    ? `${tv('role', e.actor.role)} ${e.actor_name || ''} ${e.actor.uscc}`.replace(/\s+/g, ' ')
    : tv('role', (e.actor || {}).role));
  return h('section', { class: 'report-section report-history', id: 'report-history' },
    h('h2', { text: t('report.history') }),
    h('div', { class: 'table-wrap' }, h('table', { id: 'report-events', class: 'report-table' },
      h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col', text: c })))),
      events.map(({ e }, i) => h('tbody', { class: 'report-event' },
        h('tr', {},
          h('td', { text: String(i + 1) }), h('td', { text: String(e.position) }), h('td', { text: tv('type', e.type) }),
          h('td', { text: fmtTime(e.occurred_at) }), h('td', { text: fmtTime(e.recorded_at) }), h('td', { class: 'wrap', text: actor(e) }),
          h('td', {}, h('span', { class: `badge verify ${checks.ok[i] ? 'ok' : 'bad'}`, text: checks.ok[i] ? `✓ ${t('verify.ok')}` : `✗ ${t('verify.bad')}` }))),
        h('tr', { class: 'report-event-data' },
          h('td', { colspan: String(cols.length) },
            h('code', { class: 'wrap report-data', translate: 'no', text: details(e.data) }),
            h('div', { class: 'muted mono report-hash', translate: 'no', text: `hash ${e.hash}` }))))))));
}

// offlineSection says how to check the report without this server: an
// item's bundle (its events, proofs and checkpoint) with the `traceledger
// verify` command; a batch's or enterprise's history as JSON with its proofs.
function offlineSection(kind, code, s, hist, head) {
  const key = (head && head.verifier_key) || 'KEY';
  const file = kind === 'item' ? 'bundle.json' : `${s.name}-history.json`;
  const save = kind === 'item'
    ? () => download(`/api/v1/items/${enc(code)}/bundle`, file)
    : () => saveBlob(new Blob([JSON.stringify({ events: hist.events.map((x) => x.e), checkpoints: [...new Set(hist.events.map((x) => x.checkpoint))] }, null, 2)],
      { type: 'application/json' }), file);
  return h('section', { class: 'report-section', id: 'report-offline' },
    h('h2', { text: t('report.offline') }),
    h('ol', {},
      h('li', {}, t(kind === 'item' ? 'report.offline.bundle' : 'report.offline.history'), ' ',
        kind === 'item' ? h('code', { class: 'wrap', id: 'report-bundle-path', translate: 'no', text: `GET /api/v1/items/${enc(code)}/bundle` }) : null, ' ',
        h('button', { type: 'button', class: 'secondary no-print', id: 'report-download', text: t('report.download'), onclick: save })),
      h('li', {}, t(kind === 'item' ? 'report.offline.verify' : 'report.offline.proofs'), ' ',
        h('code', { class: 'wrap', id: 'report-verify-command', translate: 'no', text: kind === 'item'
          ? `traceledger verify --bundle ${file} --key '${key}'`
          : `traceledger export --item CODE > bundle.json && traceledger verify --bundle bundle.json --key '${key}'` })),
      h('li', { text: t('report.offline.key') })));
}

// audit.js: the regulators' audit: search by GTIN, lot, label code, USCC
// or customs declaration number; a declaration's lines, inspections and
// decision; an item's, batch's or product's timeline with every event, who
// recorded it and when, each checked against the signed checkpoint.
import { h, replace, table, fmtTime, fmtDate, fmtNum } from './dom.js';
import { t, tv } from './i18n.js';
import { get, post, enc, role, download } from './api.js';
import { panel, errorBox } from './layout.js';
import { actorText } from './timeline.js';
import { pagedTimeline } from './pagedtimeline.js';
import { cardFacts } from './cardview.js';

// classify tells what a search string is.
export function classify(q, lot) {
  q = q.trim();
  if (/^(https?:\/\/|\/01\/|urn:epc:)/i.test(q)) return { kind: 'item', q };
  if (/^\d{8}$|^\d{12,14}$/.test(q)) return lot ? { kind: 'batch', q, lot } : { kind: 'product', q };
  if (/^\d{18}$/.test(q)) return { kind: 'declaration', q };
  if (/^[0-9A-HJ-NPQRTUWXY]{18}$/i.test(q)) return { kind: 'enterprise', q: q.toUpperCase() };
  return { kind: 'unknown', q };
}

export function searchForm(q = '', lot = '') {
  const form = h('form', { class: 'row', id: 'audit-search' },
    h('input', { name: 'q', value: q, class: 'grow', required: true, placeholder: t('audit.placeholder'), 'aria-label': t('audit.placeholder') }),
    h('input', { name: 'lot', value: lot, placeholder: t('audit.lotOptional'), 'aria-label': t('lot') }),
    h('button', { type: 'submit', text: t('search') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const f = new FormData(form);
    const c = classify(f.get('q'), f.get('lot').trim());
    const routes = {
      item: `#/audit/item/${enc(c.q)}`, batch: `#/audit/batch/${c.q}/${enc(c.lot)}`, product: `#/audit/product/${c.q}`,
      enterprise: `#/enterprise/${c.q}`, declaration: `#/audit/declaration/${c.q}`, unknown: `#/search/${enc(c.q)}`,
    };
    location.hash = routes[c.kind];
  });
  return form;
}

export async function audit(view, [kind = '', a = '', b = ''] = []) {
  a = decodeURIComponent(a);
  b = decodeURIComponent(b);
  view.append(h('h1', { text: t('nav.audit') }), panel('audit.search', searchForm(kind === 'item' ? a : a, kind === 'batch' ? b : '')));
  const out = h('div');
  view.append(out);
  try {
    switch (kind) {
      case '': return;
      case 'item': return await item(out, a);
      case 'batch': return history(out, `/api/v1/batches/${enc(a)}/${enc(b)}/history`, `batch-${a}-${b}`, t('batch'), `${a}/${b}`,
        [h('a', { href: `#/trace/${a}/${enc(b)}`, text: t('nav.trace') }), ' ',
          h('a', { href: `#/report/batch/${enc(a)}/${enc(b)}`, id: 'open-report', text: t('report.open') })]);
      case 'product':
        await product(out, a);
        // #/audit/product/{gtin}/certificate opens at the certificate.
        if (b === 'certificate') out.querySelector('#certificate')?.scrollIntoView();
        return;
      case 'declaration': return await declaration(out, a);
      default: replace(out, errorBox(t('audit.unknownQuery', { q: a })));
    }
  } catch (err) {
    replace(out, errorBox(err));
  }
}

// declaration shows a customs declaration: where and by whom it was filed,
// its lines (each opening its batch's timeline and trace), the inspections
// and the decision.
async function declaration(out, no) {
  let d;
  try {
    d = await get(`/api/v1/customs/declarations/${enc(no)}`);
  } catch (err) {
    if (err.status === 404) { replace(out, errorBox(t('decl.notFound', { no }))); return; }
    throw err;
  }
  const decision = d.decision || 'pending';
  const badge = { released: 'ok', rejected: 'bad', pending: 'warn' }[decision] || '';
  out.append(panel('decl.title',
    h('dl', { class: 'facts', id: 'declaration' },
      [h('dt', { text: t('card.declaration_no') }), h('dd', {}, h('code', { id: 'decl-no', text: d.declaration_no }))],
      [h('dt', { text: t('card.port') }), h('dd', { id: 'decl-port', text: d.port || '—' })],
      [h('dt', { text: t('card.importer') }), h('dd', { id: 'decl-importer' }, d.importer_name ? `${d.importer_name} ` : '',
        d.importer_uscc ? h('a', { href: `#/enterprise/${enc(d.importer_uscc)}`, text: d.importer_uscc }) : '—')],
      [h('dt', { text: t('decl.declaredAt') }), h('dd', { id: 'decl-declared', text: fmtTime(d.declared_at) || '—' })],
      [h('dt', { text: t('decl.decision') }), h('dd', { id: 'decl-decision', 'data-decision': decision },
        h('span', { class: `badge ${badge}`, text: tv('customs', decision) }),
        d.decided_at ? ` ${fmtTime(d.decided_at)}` : '', d.reason ? ` · ${d.reason}` : '')]),
    h('h3', { text: t('decl.lines') }),
    table([t('card.gtin'), t('card.lot'), t('decl.quantity'), t('decl.hsCode'), t('card.origin_country'), ''], (d.lines || []).map((l) => [
      l.gtin, l.lot, fmtNum(l.quantity), l.hs_code || '', l.origin_country ? tv('country', l.origin_country) : '',
      h('span', { class: 'row' },
        h('a', { href: `#/audit/batch/${enc(l.gtin)}/${enc(l.lot)}`, class: 'decl-timeline', text: t('decl.timeline') }), ' ',
        h('a', { href: `#/trace/${enc(l.gtin)}/${enc(l.lot)}`, class: 'decl-trace', text: t('nav.trace') })),
    ]), { id: 'decl-lines' }),
    h('h3', { text: t('decl.inspections') }),
    d.inspections && d.inspections.length
      ? table([t('card.inspection_result'), t('decl.findings'), t('decl.at')], d.inspections.map((i) => [
        h('span', { class: `badge ${i.result === 'pass' ? 'ok' : i.result === 'fail' ? 'bad' : ''}`, text: tv('inspection', i.result) }),
        i.findings || '—', fmtTime(i.at),
      ]), { id: 'decl-inspections' })
      : h('p', { class: 'muted', id: 'decl-inspections', text: t('decl.noInspections') })));
}

async function item(out, code) {
  const path = `/api/v1/items/${enc(code)}/history`;
  const a = await get(path);
  out.append(panel('card.title', cardFacts(a.card, true)));
  const name = `item-${a.card.gtin}-${a.card.lot}-${a.card.serial}`;
  const bundle = h('button', { type: 'button', class: 'secondary', id: 'export-bundle', text: t('audit.bundle') });
  bundle.addEventListener('click', () => download(`/api/v1/items/${enc(code)}/bundle`, `${name}-bundle.json`));
  const print = h('a', { href: `#/report/item/${enc(code)}`, class: 'button secondary', id: 'open-report', text: t('report.open') });
  timelinePanel(out, path, name, t('item'), a.code, [bundle, ' ', print], a);
}

// history shows a long history a page at a time.
function history(out, path, name, what, label, extra) {
  timelinePanel(out, path, name, what, label, extra);
}

function timelinePanel(out, path, name, what, label, extra, first) {
  const head = h('p', {}, `${what}: `, h('code', { text: label }), ' ', extra || '');
  out.append(panel('audit.timeline', pagedTimeline(path, { name, head, first })));
}

export async function product(out, gtin) {
  const cert = await get(`/api/v1/products/${enc(gtin)}/certificate`);
  out.append(certificatePanel(cert));
  // An enterprise amends as itself: /api/v1/me says which USCC that is.
  const me = role() === 'enterprise' ? await get('/api/v1/me').catch(() => null) : null;
  const actions = certificateActions(cert, gtin, me);
  if (actions) out.append(actions);
  history(out, `/api/v1/products/${enc(gtin)}/history`, `product-${gtin}`, 'GTIN', gtin);
}

// certificatePanel is a product's certificate as a retailer checks it:
// its state, version and validity, whether imported goods may be received
// and sold under it, and every issue, renewal, amendment and revocation.
export function certificatePanel(c) {
  const admitted = !c.imported || c.status === 'issued';
  const status = c.imported && c.status === 'none' ? t('cert.noneImported') : tv('cert', c.status);
  return panel('cert.title', h('dl', { class: 'facts', id: 'certificate' },
    [h('dt', { text: 'GTIN' }), h('dd', { text: c.gtin })],
    [h('dt', { text: t('cert.status') }), h('dd', {}, h('span', { class: `badge cert-${c.status}`, id: 'cert-status', text: status }),
      c.renotification_allowed ? ` ${t('cert.renotificationAllowed')}` : '')],
    [h('dt', { text: t('card.certificate_no') }), h('dd', { text: c.certificate_no || '—' })],
    [h('dt', { text: t('cert.version') }), h('dd', { id: 'cert-version', text: c.version ? String(c.version) : '—' })],
    [h('dt', { text: t('cert.valid') }), h('dd', { text: c.valid_from ? `${fmtDate(c.valid_from)} – ${fmtDate(c.valid_to)}` : '—' })],
    [h('dt', { text: t('cert.intake') }), h('dd', {}, h('span', { class: `badge ${admitted ? 'ok' : 'bad'}`, id: 'cert-intake',
      text: admitted ? t('cert.admitted') : t('cert.refused') }))]),
  c.history && c.history.length ? table([t('event.position'), t('event.type'), t('cert.version'), t('cert.detail'), t('event.occurred'), t('event.actor')],
    c.history.map((e) => [e.position, tv('type', e.type), e.version ? String(e.version) : '', certDetail(e), fmtTime(e.occurred_at), actorText(e.actor)]),
    { id: 'cert-history' }) : null);
}

// certDetail says what one certificate event changed: the validity it
// set, the fields an amendment changed, the record number notified, the
// reason given. Every value is text, never markup.
function certDetail(e) {
  const parts = [];
  if (e.valid_to) parts.push(t('cert.validUntil', { from: fmtDate(e.valid_from), to: fmtDate(e.valid_to) }));
  if (e.record_no) parts.push(`${t('card.record_no')}: ${e.record_no}`);
  for (const ch of e.changes || []) {
    parts.push(t('cert.changed', { field: tv('cert.field', ch.field), from: ch.from || '—', to: ch.to }));
  }
  if (e.reason) parts.push(t('cert.reason', { reason: e.reason }));
  return parts.join(' · ');
}

// certificateActions are the decisions on the certificate: a regulator
// renews an issued one before it expires, or allows a new notification
// after a revocation; the holder (an enterprise, as itself — me — or a
// regulator acting for one) amends an issued one's record number or
// holder. Each re-renders the page once the read model has the result.
function certificateActions(c, gtin, me) {
  const r = role();
  if (r !== 'regulator' && r !== 'enterprise') return null;
  const msg = h('div', { id: 'cert-action-msg' });
  const base = `/api/v1/products/${enc(gtin)}/certificate`;
  const act = (path, body) => async (e) => {
    e.preventDefault();
    try {
      const out = await post(path, body());
      await caughtUp(`${base}?min_position=${out.position}`);
      dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  };
  let form = null;
  if (r !== 'regulator') {
    // An enterprise only amends.
  } else if (c.status === 'issued') {
    const days = h('input', { name: 'valid_days', type: 'number', min: 1, max: 3650, value: 365, required: true, 'aria-label': t('cert.validDays') });
    form = h('form', { class: 'row', id: 'cert-renew', onsubmit: act(`${base}/renewal`, () => ({ valid_days: Number(days.value) })) },
      h('label', { text: t('cert.validDays') }), days, h('button', { type: 'submit', text: t('cert.renew') }));
  } else if (c.status === 'revoked' && !c.renotification_allowed) {
    const reason = h('input', { name: 'reason', class: 'grow', maxlength: 2000, required: true, 'aria-label': t('cert.reasonLabel'), placeholder: t('cert.reasonLabel') });
    form = h('form', { class: 'row', id: 'cert-renotification', onsubmit: act(`${base}/renotification`, () => ({ reason: reason.value })) },
      reason, h('button', { type: 'submit', text: t('cert.allowRenotification') }));
  }
  const amend = c.status === 'issued' && (r === 'regulator' || (me && me.uscc)) ? amendForm(base, act, me, msg) : null;
  return form || amend ? panel('cert.actions', form, amend, msg) : null;
}

// amendForm changes an issued certificate's record number and/or holder.
// An enterprise is the holder it acts as (its own USCC, not editable); a
// regulator names the holder it acts for.
function amendForm(base, act, me, msg) {
  const own = me && me.uscc;
  const holder = h('input', { name: 'holder_uscc', maxlength: 18, required: true, value: own ? me.uscc : '', readonly: own ? true : null,
    'aria-label': t('cert.holder') });
  const recordNo = h('input', { name: 'record_no', maxlength: 200, 'aria-label': t('cert.newRecordNo') });
  const newHolder = h('input', { name: 'new_holder_uscc', maxlength: 18, 'aria-label': t('cert.newHolder') });
  const reason = h('input', { name: 'reason', class: 'grow', maxlength: 2000, required: true, 'aria-label': t('cert.amendReason') });
  const submit = act(`${base}/amendments`, () => {
    const body = { holder_uscc: holder.value.trim(), reason: reason.value };
    if (recordNo.value.trim()) body.record_no = recordNo.value.trim();
    if (newHolder.value.trim()) body.new_holder_uscc = newHolder.value.trim().toUpperCase();
    return body;
  });
  const f = h('form', { class: 'stack', id: 'cert-amend' },
    h('h3', { text: t('cert.amend') }),
    h('label', { text: t('cert.holder') }), holder, own && me.name ? h('span', { class: 'muted small', id: 'cert-amend-holder-name', text: me.name }) : null,
    h('label', { text: t('cert.newRecordNo') }), recordNo,
    h('label', { text: t('cert.newHolder') }), newHolder,
    h('label', { text: t('cert.amendReason') }), reason,
    h('div', {}, h('button', { type: 'submit', text: t('cert.amendSubmit') })));
  f.addEventListener('submit', (e) => {
    if (!recordNo.value.trim() && !newHolder.value.trim()) {
      e.preventDefault();
      e.stopImmediatePropagation();
      replace(msg, errorBox(t('cert.amendNothing')));
      return;
    }
    submit(e);
  });
  return f;
}

// caughtUp reads path until the read model has the command's position: a
// public route answers 503 at once while the model is behind (a snapshot
// being written), so ask again, a few times a second, for up to 20 s.
async function caughtUp(path) {
  for (let i = 0; ; i++) {
    try {
      return await get(path);
    } catch (err) {
      if (err.status !== 503 || i >= 80) throw err;
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

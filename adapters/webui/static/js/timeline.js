// timeline.js: a history's events, each with who recorded it and when and
// a badge checking its inclusion proof against the history's checkpoint.
import { h, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get } from './api.js';
import { parseCheckpoint, verifyEvent, verifySignature } from './merkle.js';

export async function timeline(a) {
  const events = a.events || [];
  const summary = h('div', { class: 'verify-summary', id: 'verify-summary' }, t('verify.running'));
  const keyLine = h('p', { class: 'muted', id: 'verifier-key-line', hidden: true });
  const items = events.map((e) => {
    const badge = h('span', { class: 'badge verify pending', text: '…' });
    const li = h('li', { class: 'event' },
      h('div', { class: 'event-head' },
        h('span', { class: 'etype', text: tv('type', e.type) }),
        h('span', { class: 'muted', text: ` #${e.position}` }), ' ', badge),
      h('div', { class: 'event-meta' },
        `${t('event.occurred')} ${fmtTime(e.occurred_at)} · ${t('event.recorded')} ${fmtTime(e.recorded_at)} · ${t('event.actor')} `,
        actorLink(e.actor, e.actor_name)),
      goodsLinks(e.data),
      h('details', {}, h('summary', { text: t('event.data') }), h('pre', { text: JSON.stringify(e.data, null, 2) }),
        h('div', { class: 'muted mono', text: `hash ${e.hash}` })));
    return { e, badge, li };
  });
  verifyAll(a, items, summary, keyLine);
  // A page of a longer history: pagedtimeline.js offers the following one.
  return h('div', {}, summary, keyLine, h('ol', { class: 'timeline', id: 'timeline' }, items.map((x) => x.li)));
}

// goodsLinks opens what an event names: its batch's timeline and up to five
// of its items'.
const maxItemLinks = 5;
function goodsLinks(d = {}) {
  if (typeof d.gtin !== 'string' || typeof d.lot !== 'string' || !d.gtin || !d.lot) return null;
  const serials = Array.isArray(d.serials) ? d.serials.filter((s) => typeof s === 'string') : [];
  const item = (s) => `/01/${d.gtin}/10/${encodeURIComponent(d.lot)}/21/${encodeURIComponent(s)}`;
  return h('div', { class: 'event-links' },
    h('a', { href: `#/audit/batch/${encodeURIComponent(d.gtin)}/${encodeURIComponent(d.lot)}`, class: 'event-batch', text: `${t('batch')} ${d.gtin}/${d.lot}` }),
    serials.slice(0, maxItemLinks).map((s) => [' · ', h('a', { href: `#/audit/item/${encodeURIComponent(item(s))}`, class: 'event-item', text: `${t('item')} ${s}` })]),
    serials.length > maxItemLinks ? ` · ${t('timeline.moreItems', { n: serials.length - maxItemLinks })}` : '');
}

async function verifyAll(a, items, summary, keyLine) {
  if (!a.checkpoint) {
    summary.className = 'verify-summary warn';
    summary.textContent = t('verify.noCheckpoint');
    items.forEach(({ badge }) => { badge.className = 'badge verify warn'; badge.textContent = t('verify.unproven'); });
    return;
  }
  let cp;
  try { cp = parseCheckpoint(a.checkpoint); } catch { cp = null; }
  let ok = 0;
  for (const { e, badge } of items) {
    const good = cp ? await verifyEvent(e, cp).catch(() => false) : false;
    badge.className = `badge verify ${good ? 'ok' : 'bad'}`;
    badge.textContent = good ? `✓ ${t('verify.ok')}` : `✗ ${t('verify.bad')}`;
    badge.title = cp ? `${cp.origin} @ ${cp.size}` : '';
    if (good) ok++;
  }
  // The signature is checked with the verifier key this server gave the
  // page, shown in full so that a regulator can compare it with the
  // published key.
  let sig = null;
  try {
    const head = await get('/api/v1/ledger/head');
    keyLine.replaceChildren(`${t('verify.key')}: `, h('code', { id: 'verifier-key', text: head.verifier_key || '—' }));
    keyLine.hidden = false;
    sig = await verifySignature(a.checkpoint, head.verifier_key);
  } catch { sig = null; }
  const all = ok === items.length;
  summary.className = `verify-summary ${all && sig !== false ? 'ok' : 'bad'}`;
  summary.dataset.verified = String(ok);
  summary.dataset.signature = sig === true ? 'verified' : sig === false ? 'invalid' : 'unchecked';
  summary.textContent = t('verify.summary', { ok, n: items.length, size: cp ? cp.size : '?' }) + ' · ' +
    (sig === true ? t('verify.sigOk') : sig === false ? t('verify.sigBad') : t('verify.sigUnknown'));
}

export function actorText(a = {}) {
  return a.uscc ? `${tv('role', a.role)} ${a.uscc}` : tv('role', a.role);
}

// actorLink names the acting enterprise (by its registered name when the
// history gives it) and links its page; other actors are their role.
export function actorLink(a = {}, name = '') {
  if (!a.uscc) return tv('role', a.role);
  return h('a', { class: 'actor', href: `#/enterprise/${encodeURIComponent(a.uscc)}`, title: a.uscc, 'data-uscc': a.uscc,
    text: `${tv('role', a.role)} ${name || a.uscc}` });
}

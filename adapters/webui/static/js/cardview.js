// cardview.js: the traceability card of DOMAIN.md (the item's public
// "identity card"), in its order, certificate and recall status first.
import { h, fmtDate } from './dom.js';
import { t, tv } from './i18n.js';

// status is the two things a shopper must see at once.
export function cardStatus(c) {
  const recalled = c.recall_status && c.recall_status !== 'none';
  const certOK = c.certificate_status === 'issued';
  return h('div', { class: 'card-status' },
    h('div', { class: `status-tile ${recalled ? 'bad' : 'ok'}`, id: 'recall-status' },
      h('div', { class: 'tile-label', text: t('card.recall_status') }),
      h('div', { class: 'tile-value', text: tv('recallStatus', c.recall_status || 'none') }),
      recalled && c.recall_level ? h('div', { class: 'tile-note', text: t('recall.level', { n: c.recall_level }) }) : null,
      recalled && c.recall_reason ? h('div', { class: 'tile-note', id: 'recall-reason', text: t('card.recallReason', { reason: c.recall_reason }) }) : null),
    h('div', { class: `status-tile ${certOK ? 'ok' : c.certificate_status === 'none' ? 'neutral' : 'bad'}`, id: 'certificate-status' },
      h('div', { class: 'tile-label', text: t('card.certificate_status') }),
      h('div', { class: 'tile-value', text: certText(c) }),
      c.certificate_no ? h('div', { class: 'tile-note', text: c.certificate_no }) : null));
}

// recallNotice is what a consumer holding a recalled item must read: why
// (the recall's reason and hazard, as the recaller recorded them) and what
// to do (its measures, and where to take the item back: the seller that
// sold it). Only the public part of the recall plan is on the card: its
// contact may name a person, so the card names the enterprise running the
// recall instead. Null unless the item is recalled and still out there.
export function recallNotice(c) {
  if (c.recall_status !== 'recalled') return null;
  const fact = (id, label, value) => value ? [h('dt', { text: label }), h('dd', { id, text: value })] : null;
  return h('section', { class: 'panel recall-notice', id: 'recall-notice', 'aria-labelledby': 'recall-notice-title' },
    h('h2', { id: 'recall-notice-title', text: c.recall_level ? t('card.recallNoticeLevel', { n: c.recall_level }) : t('card.recallNotice') }),
    h('h3', { text: t('card.recallWhy') }),
    h('dl', { class: 'facts', id: 'recall-why' },
      fact('recall-why-reason', t('card.recallReasonLabel'), c.recall_reason),
      fact('recall-why-hazard', t('card.recallHazard'), c.recall_hazard),
      fact('recall-why-by', t('card.recallBy'), c.recall_by)),
    h('h3', { text: t('card.recallWhatToDo') }),
    h('ol', { class: 'recall-steps', id: 'recall-what' },
      h('li', { id: 'recall-advice', text: t('card.recallAdvice') }),
      c.recall_measures ? h('li', { id: 'recall-measures' }, t('card.recallMeasures'), h('span', { class: 'wrap', text: c.recall_measures })) : null,
      h('li', { id: 'recall-return', text: c.seller ? t('card.recallReturnTo', { seller: c.seller }) : t('card.recallReturnAny') }),
      h('li', { id: 'recall-complain', text: t('card.recallComplain') })));
}

// certText names the certificate's state; an imported product without one
// is not "not required": its goods cannot be received or sold.
function certText(c) {
  const s = c.certificate_status || 'none';
  return s === 'none' && c.origin_country && c.origin_country !== 'CN' ? t('cert.noneImported') : tv('cert', s);
}

const fields = [
  'product_name', 'gtin', 'brand', 'spec', 'category', 'origin_country', 'manufacturer', 'owner', 'importer', 'holder',
  'certificate_no', 'record_no', 'ecommerce_platform', 'ecommerce_enterprise', 'declaration_no', 'port',
  'inspection_result', 'released_on', 'lot', 'produced_on', 'expires_on', 'warehouse_intake', 'waybill',
  'seller', 'sold_on', 'serial',
];

function value(c, k) {
  const v = c[k];
  if (v === undefined || v === null || v === '') return '—';
  if (k === 'inspection_result') return tv('inspection', v);
  if (k === 'category') return tv('productCategory', v);
  if (k === 'origin_country') return tv('country', v) === v ? v : `${tv('country', v)} (${v})`;
  if (k === 'warehouse_intake') return fmtDate(v) + (c.warehouse_intake_by ? ` · ${c.warehouse_intake_by}` : '');
  if (k === 'released_on' && c.customs_decision) return `${fmtDate(v)} · ${tv('customs', c.customs_decision)}`;
  if (k.endsWith('_on')) return fmtDate(v);
  return String(v);
}

// links are the signed-in pages a card's values open: the enterprises
// named (by their USCC on the card), the product's page (its certificate
// first), the batch's page, the declaration and the recall. The public card
// links none of them: they need a token.
const ent = (k) => (c) => c[k] && `#/enterprise/${encodeURIComponent(c[k])}`;
const productPage = (c) => c.gtin && `#/audit/product/${encodeURIComponent(c.gtin)}`;
const links = {
  product_name: productPage, gtin: productPage,
  certificate_no: (c) => c.gtin && `#/audit/product/${encodeURIComponent(c.gtin)}/certificate`, record_no: productPage,
  manufacturer: ent('owner_uscc'), owner: ent('owner_uscc'), importer: ent('importer_uscc'), holder: ent('holder_uscc'),
  ecommerce_enterprise: ent('ecommerce_enterprise_uscc'), warehouse_intake: ent('warehouse_intake_by_uscc'), seller: ent('seller_uscc'),
  lot: (c) => c.gtin && c.lot && `#/batches/${encodeURIComponent(c.gtin)}/${encodeURIComponent(c.lot)}`,
  declaration_no: (c) => c.declaration_no && `#/audit/declaration/${encodeURIComponent(c.declaration_no)}`,
};

// cardFacts lists the card's fields; linked (the signed-in item page) makes
// each value that names a record a link to its page.
export function cardFacts(c, linked = false) {
  const cell = (k) => {
    const v = value(c, k);
    const href = linked && v !== '—' && links[k] ? links[k](c) : '';
    return href ? h('dd', { 'data-field': k }, h('a', { href, class: `card-link link-${k}`, text: v })) : h('dd', { 'data-field': k, text: v });
  };
  return h('dl', { class: 'facts card-facts', id: 'card-facts' },
    fields.map((k) => [h('dt', { text: t(`card.${k}`) }), cell(k)]),
    linked && c.recall_id ? [h('dt', { text: t('card.recall') }),
      h('dd', { 'data-field': 'recall_id' }, h('a', { href: `#/recall/${encodeURIComponent(c.recall_id)}`, class: 'card-link link-recall', text: c.recall_id }))] : null);
}

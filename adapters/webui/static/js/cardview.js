// cardview.js: the traceability card of DOMAIN.md (the item's public
// "identity card"), in its order, certificate and recall status first.
import { h } from './dom.js';
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
      recalled && c.recall_reason ? h('div', { class: 'tile-note', id: 'recall-reason', text: t('card.recallReason', { reason: c.recall_reason }) }) : null,
      recalled ? h('div', { class: 'tile-note', id: 'recall-advice', text: t('card.recallAdvice') }) : null),
    h('div', { class: `status-tile ${certOK ? 'ok' : c.certificate_status === 'none' ? 'neutral' : 'bad'}`, id: 'certificate-status' },
      h('div', { class: 'tile-label', text: t('card.certificate_status') }),
      h('div', { class: 'tile-value', text: certText(c) }),
      c.certificate_no ? h('div', { class: 'tile-note', text: c.certificate_no }) : null));
}

// certText names the certificate's state; an imported product without one
// is not "not required": its goods cannot be received or sold.
function certText(c) {
  const s = c.certificate_status || 'none';
  return s === 'none' && c.origin_country && c.origin_country !== 'CN' ? t('cert.noneImported') : tv('cert', s);
}

const fields = [
  'product_name', 'gtin', 'brand', 'spec', 'category', 'origin_country', 'manufacturer', 'importer',
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
  if (k === 'warehouse_intake') return v.slice(0, 10) + (c.warehouse_intake_by ? ` · ${c.warehouse_intake_by}` : '');
  if (k === 'released_on' && c.customs_decision) return `${v} · ${tv('customs', c.customs_decision)}`;
  return String(v);
}

export function cardFacts(c) {
  return h('dl', { class: 'facts card-facts', id: 'card-facts' },
    fields.map((k) => [h('dt', { text: t(`card.${k}`) }), h('dd', { 'data-field': k, text: value(c, k) })]));
}

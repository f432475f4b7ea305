// product.js: the public product page at a GTIN-only Digital Link
// (/01/{gtin}): the registered product and its certificate's state now,
// fetched as JSON from the same URL. Public fields only: enterprises by
// name, never contacts.
import { h, replace, fmtDate } from './dom.js';
import { t, tv, applyLang, langSwitch, onLangChange } from './i18n.js';
import { errorBox, loading } from './layout.js';
import { fetchPublic } from './api.js';
import { failureText } from './codecheck.js';

const view = document.getElementById('view');
let product = null;
let failure = null;

// certTone is the certificate tile's colour: issued is good, revoked,
// expired and rejected are bad, and no certificate is neutral for a
// domestic product but bad for an imported one (its goods may not be sold).
function certTone(p) {
  const s = p.certificate_status;
  if (s === 'issued') return 'ok';
  if (s === 'none' || s === 'notified') return p.imported ? 'bad' : 'neutral';
  return 'bad';
}

function certificate(p) {
  const s = p.certificate_status || 'none';
  const status = s === 'none' && p.imported ? t('cert.noneImported') : tv('cert', s);
  const validity = p.valid_from ? t('product.validity', { from: fmtDate(p.valid_from), to: fmtDate(p.valid_to) }) : '';
  return h('div', { class: `status-tile ${certTone(p)}`, id: 'product-certificate', 'data-status': s },
    h('div', { class: 'tile-label', text: t('card.certificate_status') }),
    h('div', { class: 'tile-value', id: 'product-cert-status', text: status }),
    p.certificate_no ? h('div', { class: 'tile-note', id: 'product-cert-no', text: p.certificate_no }) : null,
    validity ? h('div', { class: 'tile-note', id: 'product-cert-validity', text: validity }) : null,
    p.revoked_on ? h('div', { class: 'tile-note', id: 'product-cert-revoked', text: t('product.revokedOn', { date: fmtDate(p.revoked_on) }) }) : null,
    h('div', { class: 'tile-note', id: 'product-cert-meaning', text: t(`product.cert.${certTone(p)}`) }));
}

const fields = ['gtin', 'brand', 'spec', 'category', 'origin_country', 'manufacturer', 'owner', 'importer', 'certificate_no', 'record_no'];

function value(p, k) {
  const v = p[k];
  if (v === undefined || v === null || v === '') return '—';
  if (k === 'category') return tv('productCategory', v);
  if (k === 'origin_country') return tv('country', v) === v ? v : `${tv('country', v)} (${v})`;
  return String(v);
}

function render() {
  applyLang();
  replace(document.getElementById('tools'), langSwitch());
  if (failure) {
    replace(view, h('div', { class: 'public-error', id: 'product-error' }, errorBox(failureText(failure, 'product.notFound')),
      h('p', {}, h('code', { class: 'wrap', text: decodeURIComponent(location.pathname) }))));
    return;
  }
  if (!product) { replace(view, loading()); return; }
  document.title = `${product.product_name || product.gtin} · ${t('product.title')}`;
  replace(view,
    h('section', { class: 'panel card-hero' },
      h('h1', { id: 'product-name', text: product.product_name || product.gtin }),
      h('p', { class: 'muted' }, [product.brand, product.spec].filter(Boolean).join(' · ')),
      h('div', { class: 'card-status' }, certificate(product))),
    h('section', { class: 'panel' }, h('h2', { text: t('product.details') }),
      h('dl', { class: 'facts card-facts', id: 'product-facts' },
        fields.map((k) => [h('dt', { text: t(`card.${k}`) }), h('dd', { 'data-field': k, class: 'wrap', text: value(product, k) })]))),
    h('p', { class: 'muted small', id: 'product-scan-hint', text: t('product.scanHint') }),
    h('p', { class: 'muted small', text: t('card.privacy') }));
}

async function load() {
  ({ body: product, failure } = await fetchPublic(location.pathname));
  render();
}

onLangChange(render);
render();
load();

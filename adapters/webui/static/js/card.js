// card.js: the public item page at the Digital Link path: the item's card,
// fetched as JSON from the same URL, certificate and recall status first,
// then, for a recalled item, why and what to do.
import { h, replace } from './dom.js';
import { t, applyLang, langSwitch, onLangChange } from './i18n.js';
import { cardStatus, cardFacts, recallNotice } from './cardview.js';
import { errorBox, loading } from './layout.js';
import { fetchPublic } from './api.js';
import { failureText } from './codecheck.js';

const view = document.getElementById('view');
let card = null;
let failure = null;

function render() {
  applyLang();
  replace(document.getElementById('tools'), langSwitch());
  if (failure) {
    replace(view, h('div', { class: 'public-error', id: 'card-error' }, errorBox(failureText(failure, 'card.notFound')),
      h('p', {}, h('code', { class: 'wrap', text: decodeURIComponent(location.pathname) }))));
    return;
  }
  if (!card) { replace(view, loading()); return; }
  document.title = `${card.product_name || card.gtin} · ${t('card.title')}`;
  replace(view,
    h('section', { class: 'panel card-hero' },
      h('h1', { id: 'product-name', text: card.product_name || card.gtin }),
      h('p', { class: 'muted' }, [card.brand, card.spec].filter(Boolean).join(' · ')),
      cardStatus(card)),
    recallNotice(card),
    h('section', { class: 'panel' }, h('h2', { text: t('card.details') }), cardFacts(card)),
    h('p', {}, h('a', { id: 'complaint-link', class: 'button', href: `/complaint?item=${encodeURIComponent(location.pathname)}`, text: t('complaint.fromCard') })),
    h('p', { class: 'muted small', text: t('card.privacy') }));
}

async function load() {
  ({ body: card, failure } = await fetchPublic(location.pathname));
  render();
}

onLangChange(render);
render();
load();

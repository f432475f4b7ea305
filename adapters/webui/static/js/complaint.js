// complaint.js: the public complaint page (12315 intake), reached from an
// item's card: a consumer files a complaint about the item without a token
// and gets the case number. The item code comes from ?item= (the card's
// Digital Link path) and can be typed from the package.
import { h, replace } from './dom.js';
import { t, tv, applyLang, langSwitch, onLangChange } from './i18n.js';
import { errorBox } from './layout.js';

// The categories a consumer picks from; the case stores the key.
export const complaintCategories = ['quality', 'foreign_matter', 'expired', 'labelling', 'advertising', 'service', 'other'];

const view = document.getElementById('view');
const item = new URLSearchParams(location.search).get('item') || '';
let filed = null; // the intake's answer once filed
let draft = { item, category: 'quality', description: '', contact: '' };

function form() {
  const msg = h('div', { id: 'complaint-error' });
  const f = h('form', { class: 'stack', id: 'complaint-form' },
    h('label', { for: 'c-item', text: t('complaint.item') }),
    h('input', { id: 'c-item', name: 'item', required: true, maxlength: 300, value: draft.item, placeholder: '/01/…/10/…/21/…' }),
    h('label', { for: 'c-category', text: t('complaint.category') }),
    h('select', { id: 'c-category', name: 'category' },
      complaintCategories.map((c) => h('option', { value: c, text: tv('complaintCategory', c), selected: c === draft.category }))),
    h('label', { for: 'c-description', text: t('complaint.description') }),
    h('textarea', { id: 'c-description', name: 'description', required: true, maxlength: 2000, rows: 5 }, draft.description),
    h('label', { for: 'c-contact', text: t('complaint.contact') }),
    h('input', { id: 'c-contact', name: 'contact', required: true, maxlength: 200, value: draft.contact, autocomplete: 'tel' }),
    h('p', { class: 'muted small', text: t('complaint.contactPrivacy') }),
    h('div', {}, h('button', { type: 'submit', id: 'c-submit', text: t('complaint.submit') })), msg);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const d = new FormData(f);
    draft = { item: d.get('item').trim(), category: d.get('category'), description: d.get('description'), contact: d.get('contact').trim() };
    try {
      const res = await fetch('/api/v1/public/complaints', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(draft),
      });
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const err = (body && body.error) || {};
        const text = res.status === 404 ? t('complaint.unknownItem') : res.status === 429 ? t('complaint.tooMany') : (err.message || `HTTP ${res.status}`);
        replace(msg, errorBox(text));
        return;
      }
      filed = body;
      render();
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return f;
}

function done() {
  return h('section', { class: 'panel', id: 'complaint-filed' },
    h('h2', { text: t('complaint.filed') }),
    h('p', {}, t('complaint.caseNumber'), ' ', h('code', { id: 'case-number', text: filed.complaint_id })),
    h('p', { class: 'muted', text: t('complaint.next') }));
}

function render() {
  applyLang();
  replace(document.getElementById('tools'), langSwitch());
  document.title = t('complaint.title');
  replace(view,
    h('h1', { text: t('complaint.title') }),
    filed ? done() : h('section', { class: 'panel' }, h('p', { class: 'muted', text: t('complaint.intro') }), form()),
    // Only a Digital Link path becomes a link: ?item= is anyone's text.
    /^\/01\/[0-9A-Za-z/%._-]+$/.test(item) ? h('p', {}, h('a', { href: item, text: t('complaint.backToCard') })) : null);
}

onLangChange(render);
render();

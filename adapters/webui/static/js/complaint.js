// complaint.js: the public complaint page (12315 intake), reached from an
// item's card: a consumer files a complaint about the item without a token
// and gets the case number and a follow-up code, shown once, with which it
// looks the case up here later. The item code comes from ?item= (the card's
// Digital Link path) and can be typed from the package.
import { h, replace, fmtTime } from './dom.js';
import { t, tv, applyLang, langSwitch, onLangChange } from './i18n.js';
import { errorBox } from './layout.js';
import { ApiError } from './api.js';

// The categories a consumer picks from; the case stores the key.
export const complaintCategories = ['quality', 'foreign_matter', 'expired', 'labelling', 'advertising', 'service', 'other'];

const view = document.getElementById('view');
const item = new URLSearchParams(location.search).get('item') || '';
let filed = null; // the intake's answer once filed
let draft = { item, category: 'quality', description: '', contact: '' };
let lookupDraft = { id: '', code: '' }; // the lookup form's fields
let found = null; // the public status of the case looked up

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
        const text = res.status === 404 ? t('complaint.unknownItem') : res.status === 429 ? t('complaint.tooMany') : new ApiError(res.status, body);
        replace(msg, errorBox(text));
        return;
      }
      filed = body;
      lookupDraft = { id: body.complaint_id, code: body.follow_up_code || '' };
      found = null;
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
    filed.follow_up_code ? h('p', {}, t('complaint.followUpCode'), ' ', h('code', { id: 'follow-up-code', text: filed.follow_up_code })) : null,
    h('p', { class: 'muted', text: t('complaint.keepCode') }),
    h('p', { class: 'muted', text: t('complaint.next') }));
}

// lookup is the small form a consumer follows its case with: the number
// and the code, sent in the body (never the URL, so no log keeps the code).
function lookup() {
  const msg = h('div', { id: 'lookup-error' });
  const f = h('form', { class: 'stack', id: 'lookup-form' },
    h('label', { for: 'l-id', text: t('complaint.lookupNumber') }),
    h('input', { id: 'l-id', name: 'id', required: true, maxlength: 200, value: lookupDraft.id, autocomplete: 'off' }),
    h('label', { for: 'l-code', text: t('complaint.lookupCode') }),
    h('input', { id: 'l-code', name: 'code', required: true, maxlength: 64, value: lookupDraft.code, autocomplete: 'off' }),
    h('div', {}, h('button', { type: 'submit', id: 'l-submit', text: t('complaint.lookupSubmit') })), msg);
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const d = new FormData(f);
    lookupDraft = { id: d.get('id').trim(), code: d.get('code').trim() };
    try {
      // The case just filed is read from the position its filing reached;
      // an anonymous read is not waited for (503 while the models catch up).
      const at = filed && filed.complaint_id === lookupDraft.id && filed.head ? `?min_position=${filed.head}` : '';
      let res;
      for (let attempt = 0; ; attempt++) {
        res = await fetch(`/api/v1/public/complaints/${encodeURIComponent(lookupDraft.id)}/status${at}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ code: lookupDraft.code }),
        });
        if (res.status !== 503 || attempt >= 4) break;
        await new Promise((ok) => setTimeout(ok, 300));
      }
      const body = await res.json().catch(() => null);
      if (!res.ok) {
        const text = res.status === 404 ? t('complaint.lookupNotFound') : res.status === 429 ? t('complaint.tooManyLookups') : new ApiError(res.status, body);
        found = null;
        render();
        replace(document.getElementById('lookup-error'), errorBox(text));
        return;
      }
      found = body;
      render();
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return h('section', { class: 'panel', id: 'complaint-lookup' }, h('h2', { text: t('complaint.lookupTitle') }), f, found ? status(found) : null);
}

// status shows a case's public status: no personal data is in it.
function status(st) {
  const row = (key, value) => (value ? h('p', {}, h('strong', { text: t(key) }), ' ', value) : null);
  let verdict = '';
  if (st.substantiated === true) verdict = t('complaint.substantiated');
  if (st.substantiated === false) verdict = t('complaint.notSubstantiated');
  return h('div', { id: 'case-status' },
    row('complaint.status', h('span', { id: 'case-status-value', 'data-status': st.status, text: tv('caseStatus', st.status) })),
    st.overdue ? h('p', { class: 'warn', text: tv('caseOverdue', st.overdue) }) : null,
    row('complaint.acceptBy', fmtTime(st.accept_by)),
    row('complaint.concludeBy', fmtTime(st.conclude_by)),
    h('h3', { text: t('complaint.steps') }),
    h('ol', { id: 'case-steps' }, (st.steps || []).map((s) => h('li', {}, fmtTime(s.at), ' ', tv('caseStep', `complaint.${s.step}.v1`)))),
    row('complaint.authority', st.authority || ''),
    row('complaint.conclusion', st.conclusion || ''),
    verdict ? h('p', { text: verdict }) : null);
}

function render() {
  applyLang();
  replace(document.getElementById('tools'), langSwitch());
  document.title = t('complaint.title');
  replace(view,
    h('h1', { text: t('complaint.title') }),
    filed ? done() : h('section', { class: 'panel' }, h('p', { class: 'muted', text: t('complaint.intro') }), form()),
    lookup(),
    // Only a Digital Link path becomes a link: ?item= is anyone's text.
    /^\/01\/[0-9A-Za-z/%._-]+$/.test(item) ? h('p', {}, h('a', { href: item, text: t('complaint.backToCard') })) : null);
}

onLangChange(render);
render();

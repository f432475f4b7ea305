// blacklist.js: the public blacklist page (/blacklist), read without a
// token: the enterprises in class 4 now, and every listing and de-listing
// with its date and reason. Names and details are untrusted text: the dom
// helpers set them as text, never as HTML.
import { h, replace, table, fmtTime, fmtNum } from './dom.js';
import { t, tv, currentLang, applyLang, langSwitch, onLangChange } from './i18n.js';
import { errorBox, loading } from './layout.js';
import { ApiError } from './api.js';

const view = document.getElementById('view');
let listed = null;
let changes = null;
let failure = null;

// reason is a change's reason in the current language, with its detail.
function reason(c) {
  return h('span', {}, h('strong', { text: tv('blacklist.reason', c.reason) }), ' ', currentLang() === 'en' && c.detail ? h('span', { class: 'muted small', text: c.detail }) : null);
}

function render() {
  applyLang();
  replace(document.getElementById('tools'), langSwitch());
  if (failure) { replace(view, errorBox(failure)); return; }
  if (!listed) { replace(view, loading()); return; }
  document.title = t('blacklist.title');
  replace(view,
    h('section', { class: 'panel' },
      h('h1', { text: t('blacklist.title') }),
      h('p', { class: 'muted', text: t('blacklist.about') }),
      listed.length === 0 ? h('p', { id: 'blacklist-empty', text: t('blacklist.empty') })
        : table([t('enterprise'), 'USCC', t('blacklist.since'), t('blacklist.reasonCol')],
          listed.map((c) => [c.name || c.uscc, c.uscc, fmtTime(c.at), reason(c)]), { id: 'blacklist-listed' })),
    h('section', { class: 'panel' },
      h('h2', { text: t('blacklist.history') }),
      table([t('blacklist.date'), t('enterprise'), t('blacklist.change'), t('grade'), t('risk.score'), t('blacklist.reasonCol')],
        changes.slice().reverse().map((c) => [fmtTime(c.at), c.name || c.uscc, t(c.listed ? 'blacklist.listed' : 'blacklist.delisted'),
          t('grade.n', { n: c.grade }), fmtNum(c.score, 2), reason(c)]), { id: 'blacklist-history' })));
}

// all reads every page of a public list.
async function all(path, field) {
  const out = [];
  let after = '';
  for (;;) {
    const res = await fetch(`${path}?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, body);
    out.push(...body[field]);
    if (body.next == null) return out;
    after = body.next;
  }
}

async function load() {
  try {
    [listed, changes] = await Promise.all([all('/api/v1/public/blacklist', 'listed'), all('/api/v1/public/blacklist/history', 'changes')]);
  } catch (err) {
    failure = err;
  }
  render();
}

onLangChange(render);
render();
load();

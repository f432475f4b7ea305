// search.js: the search box in the header of every page, with suggestions
// as one types, and the results page (#/search/{q}[/{filters}]) grouping
// hits by kind, each linked to the page of its record. The kinds and the
// date range chosen are kept in the hash, so a search is a link one can
// share. Matched words come from the API as
// plain-text parts and are built as <mark> elements: nothing from the index
// is ever parsed as markup.
import { h, replace } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { panel, errorBox } from './layout.js';

// kinds in the order the results page lists them.
const kinds = ['enterprise', 'product', 'batch', 'declaration', 'complaint', 'recall'];
const maxText = 200;
const pageSize = 50;

// link is the page of a hit's record, or '' when it has none of its own.
export function recordLink(kind, id) {
  switch (kind) {
    case 'enterprise': return `#/enterprise/${enc(id)}`;
    case 'product': return `#/audit/product/${enc(id)}`;
    case 'declaration': return `#/audit/declaration/${enc(id)}`;
    case 'recall': return `#/recall/${enc(id)}`;
    case 'complaint': return `#/complaint/${enc(id)}`;
    case 'batch': {
      const i = id.indexOf('/');
      return i > 0 ? `#/batches/${enc(id.slice(0, i))}/${enc(id.slice(i + 1))}` : '';
    }
    default: return '';
  }
}

// marked renders a fragment's parts, the matched ones in <mark>.
function marked(parts) {
  return (parts || []).map((p) => (p.match ? h('mark', { text: p.text }) : p.text));
}

// searchBox is the header's box: it suggests records as one types
// (debounced) and opens the results page on Enter.
export function searchBox() {
  const current = location.hash.startsWith('#/search/') ? decodeURIComponent(location.hash.slice('#/search/'.length).split('/')[0]) : '';
  const input = h('input', { id: 'search-q', type: 'search', name: 'q', value: current, maxlength: String(maxText), autocomplete: 'off',
    placeholder: t('find.placeholder'), 'aria-label': t('find.placeholder'), role: 'combobox', 'aria-expanded': 'false', 'aria-controls': 'search-suggest' });
  const list = h('ul', { id: 'search-suggest', class: 'suggest', role: 'listbox', hidden: true });
  const form = h('form', { class: 'search-box', id: 'search-box', role: 'search' }, input, list);
  let timer = 0;
  let asked = 0;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(async () => {
      const n = ++asked;
      try {
        const a = await get(`/api/v1/search/suggest?q=${enc(q)}&limit=8`);
        if (n !== asked) return; // a later keystroke asked again
        const items = (a.suggestions || []).map((s) => {
          const href = recordLink(s.kind, s.id) || `#/search/${enc(s.title)}`;
          return h('li', { role: 'option' }, h('a', { href, onclick: close },
            h('span', { class: 'badge', text: tv('find.kind', s.kind) }), ' ', s.title));
        });
        replace(list, items);
        list.hidden = items.length === 0;
        input.setAttribute('aria-expanded', String(!list.hidden));
      } catch {
        close();
      }
    }, 200);
  });
  input.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  input.addEventListener('blur', () => setTimeout(close, 200));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    asked++;
    close();
    const q = input.value.trim();
    if (q) location.hash = `#/search/${enc(q)}`;
  });
  return form;
}

// searchLink is the hash of a search: the text, then the filters (kind,
// from, to) as a query string, so the page can be reloaded and shared.
export function searchLink(q, filters = {}) {
  const p = new URLSearchParams();
  for (const k of filters.kinds || []) p.append('kind', k);
  if (filters.from) p.set('from', filters.from);
  if (filters.to) p.set('to', filters.to);
  const rest = p.toString();
  return `#/search/${enc(q)}${rest ? `/${enc(rest)}` : ''}`;
}

// filterForm is the results page's controls: a box per kind and the date
// range; applying them changes the hash (a new, shareable search).
function filterForm(q, f) {
  const boxes = kinds.map((k) => h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'kind', value: k, checked: f.kinds.includes(k), id: `search-kind-${k}` }), ' ', t(`find.group.${k}`)));
  const from = h('input', { type: 'date', name: 'from', id: 'search-from', value: f.from, 'aria-label': t('find.from') });
  const to = h('input', { type: 'date', name: 'to', id: 'search-to', value: f.to, 'aria-label': t('find.to') });
  const form = h('form', { class: 'row search-filters', id: 'search-filters' },
    h('fieldset', { class: 'row' }, h('legend', { text: t('find.kinds') }), boxes),
    h('label', { text: t('find.from') }), from, h('label', { text: t('find.to') }), to,
    h('button', { type: 'submit', id: 'search-apply', text: t('find.apply') }),
    h('a', { href: searchLink(q), id: 'search-clear', text: t('find.clear') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = searchLink(q, { kinds: boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value),
      from: from.value, to: to.value });
  });
  return form;
}

// searchPage is #/search/{q}[/{filters}]: the filters, then every kind's
// hits in its own panel, with a button for the next page.
export async function searchPage(view, [q = '', rest = ''] = []) {
  q = decodeURIComponent(q).slice(0, maxText);
  const params = new URLSearchParams(decodeURIComponent(rest));
  const f = { kinds: params.getAll('kind').filter((k) => kinds.includes(k)), from: params.get('from') || '', to: params.get('to') || '' };
  view.append(h('h1', { text: q ? t('find.resultsFor', { q }) : t('find.title') }));
  if (!q && !f.kinds.length && !f.from && !f.to) {
    view.append(h('p', { class: 'muted', text: t('find.help') }));
    return;
  }
  view.append(filterForm(q, f));
  const out = h('div', { id: 'search-results' });
  const count = h('p', { class: 'muted', id: 'search-count' });
  const more = h('button', { type: 'button', class: 'secondary', id: 'search-more', text: t('find.more'), hidden: true });
  view.append(count, out, more);
  const groups = {};
  const group = (kind) => {
    if (!groups[kind]) {
      groups[kind] = h('ol', { class: 'hits' });
      const p = panel(`find.group.${kind}`, groups[kind]);
      p.classList.add(`group-${kind}`);
      // Keep the panels in the order of kinds, whatever page adds them.
      const after = kinds.slice(kinds.indexOf(kind) + 1).map((k) => groups[k]).find(Boolean);
      if (after) out.insertBefore(p, after.closest('section')); else out.append(p);
    }
    return groups[kind];
  };
  let shown = 0;
  const load = async (after) => {
    const p = new URLSearchParams({ q, limit: String(pageSize) });
    if (f.kinds.length) p.set('kind', f.kinds.join(','));
    if (f.from) p.set('from', f.from);
    if (f.to) p.set('to', f.to);
    if (after) p.set('after', after);
    const a = await get(`/api/v1/search?${p}`);
    for (const hit of a.hits || []) group(hit.kind).append(hitItem(hit));
    shown += (a.hits || []).length;
    count.textContent = a.total ? t('find.count', { n: shown, total: a.total }) : t('find.none', { q });
    more.hidden = !a.next;
    more.onclick = a.next ? () => load(a.next).catch((err) => view.append(errorBox(err))) : null;
  };
  await load('');
}

function hitItem(hit) {
  const frags = hit.fragments || [];
  const title = frags.find((f) => f.field === 'title');
  const href = recordLink(hit.kind, hit.id);
  const head = title ? marked(title.parts) : [hit.title];
  // Context: where else the words matched, unless it only repeats the
  // title or subtitle shown already.
  const plain = (f) => (f.parts || []).map((p) => p.text).join('');
  const context = frags.filter((f) => (f.field === 'text' || f.field === 'id') && plain(f) !== hit.title && plain(f) !== hit.subtitle && plain(f) !== hit.id)
    .map((f) => h('div', { class: 'muted small' }, marked(f.parts)));
  return h('li', { class: 'hit', 'data-kind': hit.kind, 'data-id': hit.id },
    href ? h('a', { href, class: 'hit-title' }, head) : h('span', { class: 'hit-title' }, head),
    hit.subtitle ? h('div', { class: 'muted', text: hit.subtitle }) : null,
    h('div', { class: 'muted small mono', text: hit.id }),
    context);
}

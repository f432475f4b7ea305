// directory.js: what the directory pages share: a filter form kept in the
// route (so a filtered list can be reloaded and linked), a sort, a table
// filled a page at a time and a "more" button that asks for the page after
// the API's opaque next. Every value is shown as text, never as markup.
import { h, replace, labelCells } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { panel, errorBox } from './layout.js';

// field builds one filter: { name, label, options?, maxlength?, type? }.
function field(q, f) {
  if (f.options) {
    return h('select', { name: f.name, 'aria-label': t(f.label) },
      h('option', { value: '', text: t(f.label) }),
      f.options.map((o) => h('option', { value: o, text: f.values ? tv(f.values, o) : o, selected: q.get(f.name) === o })));
  }
  return h('input', { name: f.name, type: f.type || 'text', placeholder: t(f.label), 'aria-label': t(f.label), maxlength: f.maxlength || 200, value: q.get(f.name) || '' });
}

// listPage renders #/<name>[/query]: cfg names the page (name), the API
// path (api) and the answer's member, the filters, the sorts (keys of
// "dir.sort.<key>") and the columns (header keys and a row function); id,
// if set, is the table's id (default <name>-list).
export async function listPage(view, query, cfg) {
  const q = new URLSearchParams(decodeURIComponent(query || ''));
  const form = h('form', { class: 'row', id: `${cfg.name}-filters` },
    cfg.filters.map((f) => field(q, f)),
    h('select', { name: 'sort', 'aria-label': t('dir.sort') },
      cfg.sorts.flatMap((s) => [s, `-${s}`]).map((s) => h('option', { value: s, text: `${tv('dir.sort', s.replace(/^-/, ''))} ${s.startsWith('-') ? '↓' : '↑'}`, selected: (q.get('sort') || cfg.sorts[0]) === s }))),
    h('button', { type: 'submit', text: t('case.apply') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) p.set(k, String(v).trim());
    location.hash = `#/${cfg.name}/${enc(p.toString())}`;
  });
  view.append(h('h1', { text: t(`nav.${cfg.name}`) }), form);
  const body = h('tbody');
  const tbl = h('div', { class: 'table-wrap' }, h('table', { id: cfg.id || `${cfg.name}-list` },
    h('thead', {}, h('tr', {}, cfg.columns.map((c) => h('th', { text: t(c) })))), body));
  const more = h('div');
  view.append(panel(`nav.${cfg.name}`, tbl, more));
  let after = '';
  const page = async () => {
    const p = new URLSearchParams(q);
    if (after) p.set('after', after);
    const a = await get(`${cfg.api}?${p}`);
    for (const r of a[cfg.member] || []) body.append(h('tr', {}, cfg.row(r).map((x) => h('td', {}, x))));
    labelCells(tbl);
    after = a.next || '';
    replace(more, after ? h('button', { type: 'button', class: 'secondary', id: `${cfg.name}-more`, text: t('dir.more'),
      onclick: () => page().catch((err) => more.append(errorBox(err))) }) : null);
    if (!body.children.length) replace(more, h('p', { class: 'muted', id: `${cfg.name}-none`, text: t('dir.none') }));
  };
  await page();
}

// dom.js: building elements without innerHTML, so data never becomes markup.

// h(tag, attrs, ...children): attrs may hold class, text, on<event>, data-*.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// replace empties el and fills it with children.
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

// table builds a table from column headers and rows of cells. Each cell
// carries its column's header (data-label): on a phone the rows show as
// cards, every value under its header (app.css), nothing cut off.
export function table(headers, rows, attrs = {}) {
  const labels = headers.map((x) => (x instanceof Node ? x.textContent : String(x ?? '')));
  return h('div', { class: 'table-wrap' },
    h('table', { ...attrs, class: ['cards', attrs.class].filter(Boolean).join(' ') },
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { 'data-label': labels[i] || null }, c)))))));
}

// labelCells gives a table built row by row what table() gives its own:
// the cards class and each cell its column's header, for the phone layout.
export function labelCells(el) {
  const t = el.tagName === 'TABLE' ? el : el.querySelector('table');
  if (!t) return;
  t.classList.add('cards');
  const labels = [...t.querySelectorAll('thead th')].map((th) => th.textContent);
  for (const tr of t.querySelectorAll('tbody tr')) {
    [...tr.children].forEach((td, i) => { if (labels[i] && !td.hasAttribute('data-label')) td.setAttribute('data-label', labels[i]); });
  }
}

// fmtTime shows an RFC 3339 time as "YYYY-MM-DD HH:mm" in the browser's zone,
// and fmtDate a time or a bare date as "YYYY-MM-DD": one format for every
// page in both languages, sortable and unambiguous.
export function fmtTime(s) {
  if (bareDate(s)) return s; // a day has no time to show
  const d = parseTime(s);
  if (!d) return s || '';
  return `${ymd(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fmtDate(s) {
  if (bareDate(s)) return s;
  const d = parseTime(s);
  return d ? ymd(d) : (s || '');
}

function bareDate(s) { return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s); }

function parseTime(s) {
  if (!s) return null;
  const d = new Date(s);
  return isNaN(d) ? null : d;
}

function pad(n) { return String(n).padStart(2, '0'); }
function ymd(d) { return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`; }

export function fmtNum(n, digits = 0) {
  if (n === undefined || n === null) return '';
  return Number(n).toLocaleString(undefined, { maximumFractionDigits: digits });
}

// pagedtimeline.js: a long history a page at a time, on the API's one
// cursor convention (after/limit/next): newest or oldest first, within a
// date range (two date inputs, days in China time as the API reads them),
// with buttons to the following and the previous page.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { get, saveBlob } from './api.js';
import { errorBox, loading } from './layout.js';
import { timeline } from './timeline.js';

const pageSize = 100;

// pagedTimeline shows the history at base (an API path without query).
// opts: order ('asc' or 'desc'), first (an answer already read for the
// default page), name (the download's file name), head (elements shown
// before the controls).
export function pagedTimeline(base, opts = {}) {
  const state = { order: opts.order || 'asc', from: '', to: '', cursors: [], after: 0, answer: null };
  const from = h('input', { type: 'date', id: 'timeline-from', 'aria-label': t('timeline.from') });
  const to = h('input', { type: 'date', id: 'timeline-to', 'aria-label': t('timeline.to') });
  const order = h('select', { id: 'timeline-order', 'aria-label': t('timeline.order') },
    h('option', { value: 'asc', text: t('timeline.oldestFirst') }),
    h('option', { value: 'desc', text: t('timeline.newestFirst') }));
  order.value = state.order;
  const body = h('div', { id: 'timeline-page' });
  const status = h('p', { class: 'muted', id: 'timeline-status' });
  const prev = h('button', { type: 'button', class: 'secondary', id: 'timeline-prev' });
  const next = h('button', { type: 'button', class: 'secondary', id: 'timeline-next' });
  const newest = h('button', { type: 'button', class: 'secondary', id: 'timeline-newest', text: t('timeline.newest') });
  const dl = h('button', { type: 'button', class: 'secondary', id: 'export-history', text: t('audit.export') });
  dl.addEventListener('click', () => state.answer &&
    saveBlob(new Blob([JSON.stringify(state.answer, null, 2)], { type: 'application/json' }), `${opts.name || 'history'}.json`));

  const url = () => {
    const q = new URLSearchParams({ limit: String(pageSize), order: state.order });
    if (state.after) q.set('after', String(state.after));
    if (state.from) q.set('from', state.from);
    if (state.to) q.set('to', state.to);
    return `${base}?${q}`;
  };
  const show = async (a) => {
    state.answer = a;
    const n = (a.events || []).length;
    replace(body, await timeline(a));
    status.textContent = n ? t('timeline.page', { n, page: state.cursors.length + 1 }) : t('timeline.empty');
    prev.hidden = state.cursors.length === 0;
    next.hidden = !a.next;
    prev.textContent = state.order === 'desc' ? t('timeline.newer') : t('timeline.older');
    next.textContent = state.order === 'desc' ? t('timeline.older') : t('timeline.newer');
    next.dataset.after = a.next ? String(a.next) : '';
    prev.disabled = false;
    next.disabled = false;
  };
  const load = async () => {
    // No second click while a page loads: it would follow the old page.
    prev.disabled = true;
    next.disabled = true;
    replace(body, loading());
    try {
      await show(await get(url()));
    } catch (err) {
      replace(body, errorBox(err));
      next.hidden = true;
      prev.disabled = false;
    }
  };
  const restart = () => {
    state.cursors = [];
    state.after = 0;
    return load();
  };
  next.addEventListener('click', () => {
    if (!state.answer || !state.answer.next) return;
    state.cursors.push(state.after);
    state.after = state.answer.next;
    load();
  });
  prev.addEventListener('click', () => {
    if (!state.cursors.length) return;
    state.after = state.cursors.pop();
    load();
  });
  newest.addEventListener('click', () => {
    state.order = 'desc';
    order.value = 'desc';
    restart();
  });
  const form = h('form', { class: 'row', id: 'timeline-filter' },
    h('label', {}, `${t('timeline.from')} `, from), h('label', {}, `${t('timeline.to')} `, to),
    order, h('button', { type: 'submit', text: t('timeline.apply') }), newest);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    state.from = from.value;
    state.to = to.value;
    state.order = order.value === 'desc' ? 'desc' : 'asc';
    restart();
  });
  const el = h('div', { class: 'paged-timeline' }, opts.head || '', ' ', dl, form, status, body,
    h('div', { class: 'row pager' }, prev, next));
  prev.hidden = true;
  next.hidden = true;
  if (opts.first && state.order === 'asc') show(opts.first);
  else load();
  return el;
}

// recallholder.js: one holder's part of a recall, opened from the holders
// table: its units of each recalled batch (in stock, in transit, sold,
// returned, destroyed), whether it acknowledged the notice, the reminders
// it was sent, and whom to call.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t } from './i18n.js';

// holderButton is the holder's name in the table: it opens the holder's
// drill-down in target.
export function holderButton(x, target) {
  return h('button', { type: 'button', class: 'link holder-open', 'data-uscc': x.uscc, 'aria-controls': target.id,
    onclick: () => showHolder(x, target) }, x.name || x.uscc);
}

// showHolder fills target with x's drill-down and moves the focus there.
export function showHolder(x, target) {
  const rows = (x.batches || []).map((b) => [
    h('code', { text: `${b.gtin} / ${b.lot}` }),
    fmtNum(b.in_stock), fmtNum(b.in_transit), fmtNum(b.sold), fmtNum(b.returned), fmtNum(b.destroyed)]);
  const title = h('h3', { tabindex: '-1', id: 'recall-holder-title' }, x.name || x.uscc, ' ', h('code', { text: x.uscc }));
  replace(target,
    title,
    h('dl', { class: 'facts' },
      fact(t('contact'), x.contact || t('recall.noContact')),
      fact(t('acknowledged'), x.acknowledged
        ? [t('yes'), ' ', fmtTime(x.acknowledged_at), x.acknowledgement_note ? h('div', { class: 'muted', text: x.acknowledgement_note }) : null]
        : t('no')),
      fact(t('recall.reminded'), x.reminders ? t('recall.remindedTimes', { n: fmtNum(x.reminders), at: fmtTime(x.reminded_at) }) : t('no'))),
    rows.length
      ? table([t('batch'), t('in_stock'), t('in_transit'), t('sold'), t('returned'), t('destroyed')], rows, { id: 'recall-holder-batches' })
      : h('p', { class: 'muted', text: t('recall.noUnits') }),
    h('button', { type: 'button', class: 'secondary', text: t('recall.closeHolder'), onclick: () => { replace(target); target.hidden = true; } }));
  target.hidden = false;
  target.dataset.uscc = x.uscc;
  title.focus();
}

function fact(k, v) { return [h('dt', { text: k }), h('dd', {}, v)]; }

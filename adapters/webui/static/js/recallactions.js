// recallactions.js: what the initiator or a regulator does with an open
// recall besides returns: remind the holders who have not acknowledged
// the notice, see what closing still needs and close it; and the recall's
// timeline (started, reminders, acknowledgements, public notice, closed).
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t } from './i18n.js';
import { panel, errorBox } from './layout.js';

// remindPanel sends a reminder to the holders yet to acknowledge; record
// posts and answers the command's outcome; done re-renders the page.
export function remindPanel(id, a, record, done) {
  const pending = (a.holders || []).filter((x) => !x.acknowledged && x.uscc !== a.initiated_by);
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'row', id: 'recall-remind' },
    h('input', { name: 'note', maxlength: 2000, placeholder: t('recall.remindNote'), 'aria-label': t('recall.remindNote') }),
    h('button', { type: 'submit', text: t('recall.remind'), disabled: !pending.length }), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const note = new FormData(form).get('note').trim();
    try {
      await record(`/api/v1/recalls/${encodeURIComponent(id)}/reminders`, note ? { note } : {});
      done();
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return panel('recall.remindTitle',
    h('p', { class: 'muted', id: 'recall-pending' }, pending.length
      ? t('recall.pendingHolders', { n: fmtNum(pending.length), names: pending.map((x) => x.name || x.uscc).join(t('recall.nameSep')) })
      : t('recall.nobodyPending')),
    form);
}

// closePanel lists what closing still needs (from the progress and the
// rows) and closes; a refusal is told in the reader's language.
export function closePanel(id, a, record, done) {
  const sum = (k) => (a.holders || []).reduce((s, x) => s + Number(x[k] || 0), 0);
  const held = sum('in_stock') + sum('in_transit');
  const sold = a.public_notice ? 0 : sum('sold');
  const needs = [];
  if (held) needs.push(t('recall.needsHeld', { n: fmtNum(held), stock: fmtNum(sum('in_stock')), transit: fmtNum(sum('in_transit')) }));
  if (sold) needs.push(t('recall.needsSold', { n: fmtNum(sold) }));
  const msg = h('div');
  const b = h('button', { type: 'button', id: 'recall-close', text: t('recall.close') });
  b.addEventListener('click', async () => {
    try {
      await record(`/api/v1/recalls/${encodeURIComponent(id)}/closure`, {});
      done();
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return panel('recall.close', h('p', { class: 'muted', text: t('recall.closeHelp') }),
    needs.length ? h('ul', { id: 'recall-close-needs' }, needs.map((n) => h('li', { text: n })))
      : h('p', { class: 'badge ok', id: 'recall-close-ready', text: t('recall.closeReady') }),
    b, msg);
}

// timelinePanel is the recall's steps in time order.
export function timelinePanel(a) {
  const name = {};
  for (const x of a.holders || []) name[x.uscc] = x.name || x.uscc;
  const steps = [{ at: a.started_at, kind: 'started', what: t('recall.level', { n: a.level }) }];
  for (const r of a.reminders || []) {
    steps.push({ at: r.at, kind: 'reminded', what: [t('recall.remindedHolders', { n: fmtNum(r.holders.length), names: r.holders.map((u) => name[u] || u).join(t('recall.nameSep')) }),
      r.note ? h('div', { class: 'muted', text: r.note }) : null] });
  }
  for (const x of a.holders || []) {
    if (x.acknowledged_at) steps.push({ at: x.acknowledged_at, kind: 'acknowledged', what: x.name || x.uscc });
  }
  if (a.public_notice) steps.push({ at: a.public_notice.accepted_at, kind: 'publicNotice', what: a.public_notice.notice });
  if (a.closed_at) steps.push({ at: a.closed_at, kind: 'closed', what: '' });
  steps.sort((x, y) => new Date(x.at) - new Date(y.at));
  return panel('recall.timeline', table([t('recall.when'), t('recall.step'), t('recall.detail')],
    steps.map((s) => [fmtTime(s.at), h('span', { class: `step step-${s.kind}`, text: t(`recall.step.${s.kind}`) }), s.what]),
    { id: 'recall-timeline' }));
}

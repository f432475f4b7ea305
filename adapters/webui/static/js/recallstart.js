// recallstart.js: the form that starts a recall of one or more batches. A
// regulator names the initiating enterprise; an enterprise recalls its own
// goods, so the initiator is itself (from /api/v1/me) and the domain
// refuses a batch it did not produce or import.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { post, get, role } from './api.js';
import { errorBox } from './layout.js';

// maxBatches bounds the rows of one form (the API bounds the list too).
const maxBatches = 50;

// recallStart answers the collapsible start form, or null for a role that
// may not start a recall.
// record posts a command and notes the position it reached, so the recall
// page the form opens waits until the read models show the new recall.
export async function recallStart(record = post) {
  const r = role();
  if (r !== 'regulator' && r !== 'enterprise') return null;
  const me = r === 'enterprise' ? await get('/api/v1/me').catch(() => null) : null;
  if (r === 'enterprise' && !(me && me.uscc)) return null;
  return startForm(me, record);
}

function startForm(me, record) {
  const msg = h('div');
  const rows = h('div', { class: 'stack', id: 'recall-batches' });
  const add = h('button', { type: 'button', class: 'secondary', id: 'recall-add-batch', text: t('recall.addBatch') });
  const renumber = () => {
    const all = [...rows.children];
    all.forEach((row, i) => {
      row.querySelector('[name=gtin]').setAttribute('aria-label', t('recall.batchGtin', { n: i + 1 }));
      row.querySelector('[name=lot]').setAttribute('aria-label', t('recall.batchLot', { n: i + 1 }));
      const rm = row.querySelector('.remove-batch');
      rm.setAttribute('aria-label', t('recall.removeBatch', { n: i + 1 }));
      rm.disabled = all.length === 1;
    });
    add.disabled = all.length >= maxBatches;
  };
  const addRow = () => {
    const row = h('div', { class: 'row batch-row' },
      h('input', { name: 'gtin', placeholder: 'GTIN', required: true, maxlength: 14, inputmode: 'numeric', autocomplete: 'off' }),
      h('input', { name: 'lot', placeholder: t('lot'), required: true, maxlength: 20, autocomplete: 'off' }),
      h('button', { type: 'button', class: 'secondary remove-batch', text: t('recall.remove') }));
    row.querySelector('.remove-batch').addEventListener('click', () => {
      row.remove();
      renumber();
      rows.querySelector('[name=gtin]').focus();
    });
    rows.append(row);
    renumber();
    return row;
  };
  add.addEventListener('click', () => addRow().querySelector('[name=gtin]').focus());
  addRow();

  const initiator = me
    ? h('p', { class: 'muted', id: 'recall-own-goods' }, t('recall.ownGoods', { name: me.name || me.uscc }), ' ', h('code', { text: me.uscc }))
    : h('input', { name: 'initiated_by_uscc', placeholder: t('recall.initiator'), required: true, maxlength: 18, 'aria-label': t('recall.initiator') });
  const form = h('form', { class: 'stack', id: 'recall-start' },
    h('fieldset', { class: 'stack' }, h('legend', { text: t('recall.batches') }), rows, h('div', {}, add)),
    h('div', { class: 'row' },
      h('select', { name: 'level', 'aria-label': t('recall.levelCol') }, [1, 2, 3].map((n) => h('option', { value: n, text: t('recall.level', { n }) }))),
      initiator),
    h('input', { name: 'reason', placeholder: t('recall.reason'), required: true, maxlength: 2000, 'aria-label': t('recall.reason') }),
    h('input', { name: 'hazard', placeholder: t('recall.hazard'), maxlength: 2000, 'aria-label': t('recall.hazard') }),
    h('div', { class: 'row' },
      h('label', { for: 'recall-hazard-known-at', text: t('recall.hazardKnownAt') }),
      h('input', { id: 'recall-hazard-known-at', name: 'hazard_known_at', type: 'datetime-local' }),
      h('input', { name: 'contact', placeholder: t('recall.contact'), maxlength: 200, 'aria-label': t('recall.contact') })),
    h('input', { name: 'scope', placeholder: t('recall.scope'), maxlength: 2000, 'aria-label': t('recall.scope') }),
    h('input', { name: 'measures', placeholder: t('recall.measures'), maxlength: 2000, 'aria-label': t('recall.measures') }),
    h('div', {}, h('button', { type: 'submit', text: t('recall.start') })), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    try {
      const batches = [...rows.children].map((row) => ({
        gtin: row.querySelector('[name=gtin]').value.trim(), lot: row.querySelector('[name=lot]').value.trim(),
      }));
      const body = {
        batches, level: Number(f.get('level')), reason: f.get('reason').trim(),
        initiated_by_uscc: me ? me.uscc : f.get('initiated_by_uscc').trim(),
      };
      for (const k of ['hazard', 'scope', 'measures', 'contact']) {
        if (f.get(k).trim()) body[k] = f.get(k).trim();
      }
      // datetime-local is the browser's local time: sent as UTC.
      if (f.get('hazard_known_at')) body.hazard_known_at = new Date(f.get('hazard_known_at')).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const a = await record('/api/v1/recalls', body);
      location.hash = `#/recall/${a.recall_id}`;
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return h('details', { class: 'panel', id: 'recall-start-panel' }, h('summary', { text: t(me ? 'recall.startOwn' : 'recall.start') }), form);
}

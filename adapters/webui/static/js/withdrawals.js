// withdrawals.js: withdrawal from sale (退市). A holder sees what it must
// withdraw and by when (the withdrawal_due alerts) and records the
// withdrawal, then the disposal; a regulator sees every duty, orders
// withdrawals and reads the orders, withdrawals and disposals.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, post, role } from './api.js';
import { panel, errorBox } from './layout.js';

export async function withdrawals(view) {
  view.append(h('h1', { text: t('nav.withdrawals') }));
  if (role() === 'regulator') view.append(orderForm());
  const a = await get('/api/v1/alerts?expiry_days=0');
  const duties = (a.alerts || []).filter((x) => x.kind === 'withdrawal_due');
  const act = role() !== 'analyst';
  view.append(panel('withdraw.duties',
    h('p', { class: 'muted', text: t('withdraw.dutiesHelp', { n: duties.length }) }),
    table([t('withdraw.status'), t('batch'), t('holder'), t('withdraw.reason'), t('alerts.units'), t('withdraw.deadline'), ''],
      duties.map((x) => [
        h('span', { class: `badge ${x.overdue ? 'warn' : 'ok'}`, text: x.overdue ? t('withdraw.overdue') : t('withdraw.open') }),
        `${x.gtin}/${x.lot}`, x.name || x.uscc, tv('withdraw.reason', x.order_id ? 'ordered' : x.reason), fmtNum(x.units), fmtTime(x.due),
        act ? withdrawButton(x) : '',
      ]), { id: 'withdrawal-duties' })));
  const list = await get('/api/v1/withdrawals?limit=500');
  const entries = (list.entries || []).slice().reverse();
  view.append(panel('withdraw.records',
    table([t('withdraw.kind'), t('batch'), t('holder'), t('withdraw.reason'), t('alerts.units'), t('withdraw.deadline'), t('withdraw.at'), ''],
      entries.map((e) => [
        tv('withdraw.kind', e.kind), `${e.gtin}/${e.lot}`, e.holder_uscc,
        e.kind === 'disposal' ? tv('withdraw.disposition', e.disposition) : tv('withdraw.reason', e.reason),
        e.units ? fmtNum(e.units) : '', fmtTime(e.deadline), fmtTime(e.at),
        act && e.kind === 'withdrawal' ? disposeButton(e) : '',
      ]), { id: 'withdrawal-records' })));
}

// withdrawButton records the withdrawal of every unit the alert is about.
function withdrawButton(x) {
  const msg = h('span');
  const b = h('button', { type: 'button', class: 'withdraw', text: t('withdraw.record') });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const body = { gtin: x.gtin, lot: x.lot, holder_uscc: x.uscc, reason: x.order_id ? 'ordered' : x.reason, all: true };
      if (x.order_id) body.order_id = x.order_id;
      await post('/api/v1/withdrawals', body);
      replace(msg, h('span', { class: 'muted', text: t('withdraw.done') }));
    } catch (err) {
      b.disabled = false;
      replace(msg, errorBox(err));
    }
  });
  return h('span', {}, b, msg);
}

// disposeButton records that the withdrawn units were destroyed.
function disposeButton(e) {
  const msg = h('span');
  const b = h('button', { type: 'button', class: 'secondary', text: t('withdraw.destroy') });
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await post('/api/v1/withdrawals/disposals', { gtin: e.gtin, lot: e.lot, holder_uscc: e.holder_uscc, disposition: 'destroyed', all: true });
      replace(msg, h('span', { class: 'muted', text: t('withdraw.done') }));
    } catch (err) {
      b.disabled = false;
      replace(msg, errorBox(err));
    }
  });
  return h('span', {}, b, msg);
}

// orderForm is a regulator's withdrawal order.
function orderForm() {
  const msg = h('div');
  const form = h('form', { class: 'stack', id: 'withdrawal-order' },
    h('div', { class: 'row' },
      h('input', { name: 'gtin', placeholder: 'GTIN', required: true, 'aria-label': 'GTIN' }),
      h('input', { name: 'lot', placeholder: t('lot'), required: true, 'aria-label': t('lot') }),
      h('input', { name: 'holder_uscc', placeholder: t('holder'), required: true, 'aria-label': t('holder') }),
      h('select', { name: 'reason', 'aria-label': t('withdraw.reason') },
        ['expired', 'inspection_failed', 'uncertified'].map((r) => h('option', { value: r, text: tv('withdraw.reason', r) }))),
      h('input', { name: 'working_days', type: 'number', min: 1, max: 30, value: 3, 'aria-label': t('withdraw.workingDays') })),
    h('input', { name: 'note', placeholder: t('withdraw.note'), maxlength: 2000, 'aria-label': t('withdraw.note') }),
    h('div', {}, h('button', { type: 'submit', text: t('withdraw.order') })), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(form);
    try {
      const a = await post('/api/v1/withdrawals/orders', {
        gtin: f.get('gtin').trim(), lot: f.get('lot').trim(), holder_uscc: f.get('holder_uscc').trim(),
        reason: f.get('reason'), working_days: Number(f.get('working_days')), note: f.get('note'),
      });
      replace(msg, h('span', { class: 'muted', text: t('withdraw.ordered', { id: a.order_id }) }));
    } catch (err) {
      replace(msg, errorBox(err));
    }
  });
  return h('details', { class: 'panel' }, h('summary', { text: t('withdraw.order') }), form);
}

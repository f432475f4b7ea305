// withdrawals.js: withdrawal from sale (退市). A holder sees what it must
// withdraw and by when (the withdrawal_due alerts) and records the
// withdrawal, then the disposal; a regulator sees every duty, orders
// withdrawals and reads the orders, withdrawals and disposals.
import { h, replace, table, fmtNum, fmtTime, labelCells } from './dom.js';
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
  // The records in log order, a page at a time: "more" follows the API's next.
  const body = h('tbody');
  const more = h('div');
  view.append(panel('withdraw.records',
    h('div', { class: 'table-wrap' }, h('table', { id: 'withdrawal-records' },
      h('thead', {}, h('tr', {}, [t('withdraw.kind'), t('batch'), t('holder'), t('withdraw.reason'), t('alerts.units'), t('withdraw.deadline'),
        t('withdraw.at'), ''].map((x) => h('th', { text: x })))), body)), more));
  let after = '';
  const page = async () => {
    const p = new URLSearchParams({ limit: '200' });
    if (after) p.set('after', after);
    const list = await get(`/api/v1/withdrawals?${p}`);
    for (const e of list.entries || []) {
      body.append(h('tr', {}, [
        tv('withdraw.kind', e.kind), `${e.gtin}/${e.lot}`, e.holder_uscc,
        e.kind === 'disposal' ? tv('withdraw.disposition', e.disposition) : tv('withdraw.reason', e.reason),
        e.units ? fmtNum(e.units) : '', fmtTime(e.deadline), fmtTime(e.at),
        act && e.kind === 'withdrawal' ? disposeControls(e) : '',
      ].map((x) => h('td', {}, x))));
    }
    labelCells(body.closest('table'));
    after = list.next || '';
    replace(more, after ? h('button', { type: 'button', class: 'secondary', id: 'withdrawal-more', text: t('withdraw.more'),
      onclick: () => page().catch((err) => more.append(errorBox(err))) }) : null);
  };
  await page();
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

// disposeControls record what became of the withdrawn units: destroyed, or
// returned to the supplier whose USCC the holder gives.
function disposeControls(e) {
  const msg = h('span');
  const supplier = h('input', { name: 'supplier_uscc', class: 'supplier', placeholder: t('withdraw.supplier'), maxlength: 18,
    size: 18, 'aria-label': t('withdraw.supplier') });
  const dispose = (b, disposition) => async () => {
    const body = { gtin: e.gtin, lot: e.lot, holder_uscc: e.holder_uscc, disposition, all: true };
    if (disposition === 'returned_to_supplier') body.supplier_uscc = supplier.value.trim();
    b.disabled = true;
    try {
      await post('/api/v1/withdrawals/disposals', body);
      replace(msg, h('span', { class: 'muted', text: t('withdraw.done') }));
    } catch (err) {
      b.disabled = false;
      replace(msg, errorBox(err));
    }
  };
  const destroy = h('button', { type: 'button', class: 'secondary destroy', text: t('withdraw.destroy') });
  destroy.addEventListener('click', dispose(destroy, 'destroyed'));
  const back = h('button', { type: 'button', class: 'secondary return-to-supplier', text: t('withdraw.returnToSupplier') });
  back.addEventListener('click', dispose(back, 'returned_to_supplier'));
  return h('span', {}, destroy, ' ', supplier, ' ', back, msg);
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

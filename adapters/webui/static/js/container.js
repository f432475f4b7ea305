// container.js: a case or pallet (#/container/{sscc}): its holder, where it
// travels, the cases and units in it, and its history.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { panel, errorBox, loading } from './layout.js';
import { fact } from './trace.js';

export async function containerPage(view, [sscc = ''] = []) {
  const out = h('div');
  const form = h('form', { class: 'row', id: 'container-form' },
    h('input', { name: 'sscc', value: sscc, placeholder: 'SSCC', required: true, maxlength: 18, pattern: '[0-9]{18}', 'aria-label': 'SSCC' }),
    h('button', { type: 'submit', text: t('container.open') }));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/container/${new FormData(form).get('sscc').trim()}`;
  });
  view.append(h('h1', { text: t('nav.container') }), panel('container.lookup', form), out);
  if (!sscc) return;
  replace(out, loading());
  try {
    const c = await get(`/api/v1/containers/${enc(sscc)}`);
    replace(out, facts(c), contents(c), history(c));
  } catch (err) {
    replace(out, errorBox(err));
  }
}

function link(sscc) {
  return h('a', { href: `#/container/${sscc}`, text: sscc });
}

function facts(c) {
  const where = c.in_transit
    ? [t('container.travels'), ' ', h('a', { href: `#/enterprise/${c.to_uscc}`, text: c.to_uscc })]
    : t('container.atHolder');
  return panel('container.title', h('dl', { class: 'facts', id: 'container-facts' },
    fact('SSCC', c.sscc),
    fact(t('holder'), h('a', { href: `#/enterprise/${c.holder_uscc}`, text: c.holder_name || c.holder_uscc })),
    fact(t('container.where'), where),
    fact(t('container.parent'), c.parent ? link(c.parent) : t('none')),
    fact(t('container.units'), fmtNum(c.units))));
}

function contents(c) {
  const cases = (c.containers || []).map((x) => [link(x.sscc), fmtNum(x.units)]);
  const items = (c.items || []).map((code) => [h('a', { href: `#/audit/item/${enc(code)}`, text: code })]);
  return panel('container.contents',
    cases.length ? table([t('container.case'), t('container.units')], cases, { id: 'container-cases' }) : null,
    items.length ? table([t('item')], items, { id: 'container-items' }) : null,
    !cases.length && !items.length ? h('p', { class: 'muted', text: t('container.empty') }) : null);
}

function history(c) {
  const rows = (c.history || []).map((e) => [fmtTime(e.at), tv('type', e.type), e.uscc,
    e.items ? fmtNum(e.items) : '', (e.containers || []).join(' '), e.parent || '', e.shipment_id || '']);
  return panel('container.history', table([t('container.at'), t('container.event'), 'USCC', t('container.itemsCol'), t('container.case'),
    t('container.parent'), t('container.shipment')], rows, { id: 'container-history' }));
}

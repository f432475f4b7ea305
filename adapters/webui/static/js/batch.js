// batch.js: a batch's page (#/batches/{gtin}/{lot}): its facts as the
// batch directory lists them (owner, origin, quantity, dates, customs'
// decision, the recalls naming it), links to its product, owner and trace,
// and its timeline a page at a time.
import { h, fmtNum, fmtTime, fmtDate } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { panel, errorBox } from './layout.js';
import { pagedTimeline } from './pagedtimeline.js';

export async function batchPage(view, gtin, lot) {
  view.append(h('h1', { id: 'batch-title' }, `${t('batch')} `, h('code', { text: `${gtin}/${lot}` })));
  const q = new URLSearchParams({ gtin, lot, limit: '1' });
  const b = ((await get(`/api/v1/batches?${q}`)).batches || [])[0];
  if (!b) {
    view.append(errorBox(t('batchPage.notFound', { gtin, lot })));
    return;
  }
  const fact = (k, v) => [h('dt', { text: t(k) }), h('dd', {}, v === '' || v === undefined ? '—' : v)];
  view.append(panel('batchPage.facts',
    h('dl', { class: 'facts', id: 'batch-facts' },
      fact('card.gtin', h('a', { href: `#/audit/product/${enc(b.gtin)}`, id: 'batch-product', text: b.gtin })),
      fact('card.lot', b.lot),
      fact('owner', h('a', { href: `#/enterprise/${enc(b.owner_uscc)}`, id: 'batch-owner', text: b.owner_uscc })),
      fact('card.origin_country', b.origin_country ? tv('country', b.origin_country) : ''),
      fact('quantity', fmtNum(b.quantity)),
      fact('card.produced_on', fmtDate(b.produced_on)),
      fact('card.expires_on', fmtDate(b.expires_on)),
      fact('batchPage.registered', fmtTime(b.registered_at)),
      fact('batchPage.clearance', b.clearance ? tv('customs', b.clearance) : ''),
      fact('recalls', (b.recalls || []).length
        ? b.recalls.map((id) => h('a', { href: `#/recall/${enc(id)}`, class: 'batch-recall', text: `${id.slice(0, 8)} ` })) : '')),
    h('p', { class: 'row' },
      h('a', { href: `#/trace/${enc(b.gtin)}/${enc(b.lot)}`, id: 'batch-trace', text: t('nav.trace') }), ' ',
      h('a', { href: `#/batches/${enc(`gtin=${b.gtin}`)}`, id: 'batch-lots', text: t('batchPage.otherLots') }))));
  view.append(panel('audit.timeline', pagedTimeline(`/api/v1/batches/${enc(gtin)}/${enc(lot)}/history`, { name: `batch-${gtin}-${lot}` })));
}

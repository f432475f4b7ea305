// mytokens.js: an enterprise's own tokens and their activity: label, when
// each was created, last used and revoked. Never a secret, never another
// enterprise's token (GET /api/v1/me/tokens answers only its own).
import { h, replace, fmtTime } from './dom.js';
import { t } from './i18n.js';
import { get } from './api.js';
import { panel, errorBox } from './layout.js';

export async function myTokens(view) {
  const body = h('tbody');
  const more = h('div');
  view.append(h('h1', { text: t('nav.mytokens') }), panel('mytokens.title',
    h('p', { class: 'muted', text: t('mytokens.help') }),
    h('div', { class: 'table-wrap' }, h('table', { id: 'my-tokens' },
      h('thead', {}, h('tr', {}, [t('admin.label'), t('admin.id'), t('admin.created'), t('admin.lastUsed'), t('admin.state')]
        .map((x) => h('th', { text: x })))), body)), more));
  let after = '';
  const page = async () => {
    const p = new URLSearchParams({ limit: '100' });
    if (after) p.set('after', after);
    const list = await get(`/api/v1/me/tokens?${p}`);
    for (const tok of list.tokens || []) {
      body.append(h('tr', { 'data-token': tok.id },
        h('td', { text: tok.label || '' }), h('td', {}, h('code', { text: tok.id })), h('td', { text: fmtTime(tok.created_at) }),
        h('td', { text: tok.last_used_at ? fmtTime(tok.last_used_at) : t('admin.neverUsed') }),
        h('td', {}, h('span', { class: `badge ${tok.revoked ? 'bad' : 'ok'}`, text: t(tok.revoked ? 'admin.revoked' : 'admin.active') }),
          tok.revoked && tok.revoked_at ? h('span', { class: 'muted small', text: ` ${fmtTime(tok.revoked_at)}` }) : null)));
    }
    if ((list.tokens || []).length === 0 && !after && body.childElementCount === 0) {
      body.append(h('tr', {}, h('td', { colspan: 5, class: 'muted', text: t('mytokens.none') })));
    }
    after = list.next || '';
    replace(more, after ? h('button', { type: 'button', class: 'secondary', id: 'my-tokens-more', text: t('admin.more'),
      onclick: () => page().catch((err) => more.append(errorBox(err))) }) : null);
  };
  await page();
}

// admin.js: the admin's pages. Tokens: issue one (role, the enterprise's
// USCC for an enterprise token, a label), list them a page at a time with
// their last use, revoke one. Status: the ledger head and its newest signed
// checkpoints, every component, every read model's lag behind the head, and
// the webhooks the ledger delivers to.
import { h, replace, table, fmtNum, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { get, post, del, enc } from './api.js';
import { panel, errorBox } from './layout.js';

const roles = ['enterprise', 'regulator', 'analyst', 'admin'];

export async function adminTokens(view) {
  const list = h('div');
  view.append(h('h1', { text: t('nav.admin-tokens') }), createForm(() => showTokens(list)), panel('admin.tokens', list));
  await showTokens(list);
}

// createForm issues a token and shows its secret once.
function createForm(reload) {
  const role = h('select', { id: 'token-role', name: 'role' }, roles.map((r) => h('option', { value: r, text: t(`role.${r}`) })));
  const uscc = h('input', { id: 'token-uscc', name: 'uscc', maxlength: 18, size: 20, autocomplete: 'off', placeholder: '91…' });
  const label = h('input', { id: 'token-label', name: 'label', maxlength: 100, size: 30, autocomplete: 'off' });
  const usccField = h('span', {}, h('label', { for: 'token-uscc', text: t('admin.uscc') }), ' ', uscc);
  const msg = h('div', { id: 'token-created', 'aria-live': 'polite' });
  const syncUSCC = () => {
    const ent = role.value === 'enterprise';
    usccField.hidden = !ent;
    uscc.required = ent;
  };
  role.addEventListener('change', syncUSCC);
  syncUSCC();
  const submit = h('button', { type: 'submit', id: 'token-create', text: t('admin.create') });
  const form = h('form', { class: 'stack', id: 'token-form' },
    h('div', { class: 'row' },
      h('label', { for: 'token-role', text: t('admin.role') }), role, usccField,
      h('label', { for: 'token-label', text: t('admin.label') }), label, submit),
    msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      const body = { role: role.value, label: label.value.trim() };
      if (role.value === 'enterprise') body.uscc = uscc.value.trim();
      const made = await post('/api/v1/admin/tokens', body);
      replace(msg, h('div', { class: 'panel stack' },
        h('p', { text: t('admin.secretOnce') }),
        h('code', { id: 'token-secret', class: 'mono', text: made.token }),
        h('p', { class: 'muted', text: t('admin.createdAs', { id: made.id }) })));
      label.value = '';
      uscc.value = '';
      await reload();
    } catch (err) {
      replace(msg, errorBox(err));
    } finally {
      submit.disabled = false;
    }
  });
  return panel('admin.createTitle', form);
}

// showTokens lists the tokens, a page at a time: "more" follows next.
async function showTokens(el) {
  const body = h('tbody');
  const more = h('div');
  replace(el, h('div', { class: 'table-wrap' }, h('table', { id: 'token-list' },
    h('thead', {}, h('tr', {}, [t('admin.label'), t('admin.id'), t('admin.role'), t('enterprise'), t('admin.created'), t('admin.lastUsed'),
      t('admin.state'), t('admin.actions')].map((x) => h('th', { text: x })))), body)), more);
  let after = '';
  const page = async () => {
    const p = new URLSearchParams({ limit: '100' });
    if (after) p.set('after', after);
    const list = await get(`/api/v1/admin/tokens?${p}`);
    for (const tok of list.tokens || []) body.append(tokenRow(tok));
    after = list.next || '';
    replace(more, after ? h('button', { type: 'button', class: 'secondary', id: 'token-more', text: t('admin.more'),
      onclick: () => page().catch((err) => more.append(errorBox(err))) }) : null);
  };
  await page();
}

function tokenRow(tok) {
  const state = h('span');
  const action = h('span');
  const show = (revoked, at) => {
    replace(state, h('span', { class: `badge ${revoked ? 'bad' : 'ok'}`, text: t(revoked ? 'admin.revoked' : 'admin.active') }),
      revoked && at ? h('span', { class: 'muted small', text: ` ${fmtTime(at)}` }) : null);
    replace(action, revoked ? null : revokeButton(tok, show, action));
  };
  show(tok.revoked, tok.revoked_at);
  return h('tr', { 'data-token': tok.id },
    h('td', { text: tok.label || '' }), h('td', {}, h('code', { text: tok.id })), h('td', { text: tv('role', tok.role) }),
    h('td', { text: tok.uscc || '' }), h('td', { text: fmtTime(tok.created_at) }),
    h('td', { class: 'last-used', text: tok.last_used_at ? fmtTime(tok.last_used_at) : t('admin.neverUsed') }),
    h('td', { class: 'token-state' }, state), h('td', {}, action));
}

// revokeButton asks again before it revokes: the first press turns it into
// a confirmation, the second revokes.
function revokeButton(tok, show, action) {
  const name = tok.label || tok.id;
  const b = h('button', { type: 'button', class: 'secondary revoke', text: t('admin.revoke'), 'aria-label': t('admin.revokeNamed', { id: name }) });
  let armed = false;
  b.addEventListener('click', async () => {
    if (!armed) {
      armed = true;
      b.textContent = t('admin.revokeConfirm');
      b.setAttribute('aria-label', t('admin.revokeConfirmNamed', { id: name }));
      b.className = 'revoke';
      return;
    }
    b.disabled = true;
    try {
      await del(`/api/v1/admin/tokens/${enc(tok.id)}`);
      show(true, new Date().toISOString());
    } catch (err) {
      b.disabled = false;
      action.append(errorBox(err));
    }
  });
  return b;
}

export async function adminStatus(view) {
  const st = await get('/api/v1/admin/status');
  const latest = (st.checkpoints || [])[0];
  view.append(h('h1', { text: t('nav.admin-status') }),
    h('p', { class: 'muted', text: t('admin.checkedAt', { at: fmtTime(st.checked_at) }) }),
    panel('admin.ledger',
      h('div', { class: 'row' },
        h('span', {}, t('admin.head'), ': ', h('strong', { id: 'ledger-head', text: fmtNum(st.head) })),
        latest ? h('span', {}, t('admin.signedSize'), ': ', h('strong', { id: 'checkpoint-size', text: fmtNum(latest.size) })) : null),
      st.verifier_key ? h('p', {}, t('admin.verifierKey'), ': ', h('code', { text: st.verifier_key })) : null,
      table([t('admin.size'), t('admin.root'), t('admin.signedAt')],
        (st.checkpoints || []).map((c) => [fmtNum(c.size), h('code', { text: c.root_hash }), fmtTime(c.signed_at)]), { id: 'checkpoints' })),
    panel('admin.components',
      table([t('admin.component'), t('admin.state'), t('admin.restarts'), t('admin.error')],
        (st.components || []).map((c) => [tv('component', c.name),
          h('span', { class: `badge ${c.status === 'running' ? 'ok' : 'bad'}`, text: tv('component.status', c.status) }),
          fmtNum(c.restarts || 0), c.error ? h('code', { text: c.error }) : '']), { id: 'components' })),
    panel('admin.readModels',
      table([t('admin.readModel'), t('admin.runner'), t('admin.position'), t('admin.lag'), t('admin.state')],
        (st.read_models || []).map((m) => [h('span', { 'data-model': m.name, text: tv('model', m.name) }), tv('component', m.runner), fmtNum(m.position),
          h('span', { class: `badge ${m.failed ? 'bad' : m.lag > 0 ? 'warn' : 'ok'}`, text: fmtNum(m.lag) }),
          m.failed ? h('code', { text: m.error || '' }) : t('admin.upToDate')]), { id: 'read-models' })),
    panel('admin.subscriptions',
      (st.subscriptions || []).length === 0 ? h('p', { class: 'muted', text: t('admin.noSubscriptions') }) :
        table([t('admin.query'), t('admin.subscriber'), t('admin.dest'), t('admin.checkpoint'), t('admin.lag'), t('admin.lastDelivery'),
          t('admin.failures')],
        st.subscriptions.map((s) => [s.query_name, s.subscriber, h('code', { text: s.dest }), fmtNum(s.checkpoint), fmtNum(s.lag),
          s.last_delivered_at ? fmtTime(s.last_delivered_at) : t('admin.neverDelivered'),
          h('span', { class: `badge ${s.failures ? 'bad' : 'ok'}`, title: s.last_error || '', text: fmtNum(s.failures) })]), { id: 'subscriptions' })),
    panel('admin.webhooks',
      (st.webhooks || []).length === 0 ? h('p', { class: 'muted', text: t('admin.noWebhooks') }) :
        table([t('enterprise'), t('admin.uscc'), t('admin.dest')],
          st.webhooks.map((w) => [w.name || '', w.uscc, h('code', { text: w.url })]), { id: 'webhooks' })));
}

// layout.js: the pieces every view uses: panels, the source badge,
// error and loading messages.
import { h, fmtTime } from './dom.js';
import { t, tv } from './i18n.js';
import { errorText } from './errors.js';

export function panel(titleKey, ...body) {
  return h('section', { class: 'panel' }, h('h2', { text: t(titleKey) }), ...body);
}

// sourceBadge shows which engine answered a dashboard query.
export function sourceBadge(ans) {
  if (!ans || !ans.source) return null;
  return h('span', { class: `badge source source-${ans.source}`, title: ans.as_of ? `${t('asOf')} ${fmtTime(ans.as_of)}` : '' }, t('source'), ': ', tv('source', ans.source));
}

export function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, errorText(err));
}

export function loading() {
  return h('div', { class: 'muted', text: t('loading') });
}

// guard runs an async render and shows its error in place.
export async function guard(el, f) {
  try {
    await f();
  } catch (err) {
    el.append(errorBox(err));
  }
}

// i18n.js: the language switch. Chinese by default for Chinese browsers,
// the choice kept in localStorage; every string comes from dict.js.
import { dict } from './dict.js';

const key = 'traceledger.lang';
let lang = localStorage.getItem(key) || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
const listeners = [];

export function currentLang() { return lang; }

export function setLang(l) {
  lang = dict[l] ? l : 'en';
  localStorage.setItem(key, lang);
  applyLang();
  listeners.forEach((f) => f(lang));
}

export function onLangChange(f) { listeners.push(f); }

// t looks a key up in the current language, then English, then answers the
// key itself; {name} placeholders are filled from vars.
export function t(k, vars = {}) {
  const s = dict[lang][k] ?? dict.en[k] ?? k;
  return s.replace(/\{(\w+)\}/g, (_, v) => (vars[v] ?? `{${v}}`));
}

// tv translates a value of an enumeration (status, kind...) under a prefix,
// showing the raw value when the dictionary does not know it.
export function tv(prefix, v) {
  const k = `${prefix}.${v}`;
  return dict[lang][k] ?? dict.en[k] ?? String(v ?? '');
}

// applyLang fills every [data-i18n] element of the page.
export function applyLang(root = document) {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
}

// langSwitch is the 中文 / English toggle.
export function langSwitch() {
  const b = document.createElement('button');
  b.className = 'lang';
  b.type = 'button';
  // The button names the other language in that language.
  const label = () => { b.textContent = lang === 'zh' ? 'English' : '中文'; b.lang = lang === 'zh' ? 'en' : 'zh-CN'; };
  label();
  b.addEventListener('click', () => { setLang(lang === 'zh' ? 'en' : 'zh'); label(); });
  return b;
}

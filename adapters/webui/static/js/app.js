// app.js: the application shell: sign-in, the navigation a role may use,
// and the hash router (#/dashboard, #/audit/..., #/trace/..., #/recalls).
import { h, replace } from './dom.js';
import { t, applyLang, langSwitch, onLangChange } from './i18n.js';
import { token, role, pages, signIn, signOut } from './api.js';
import { disposeCharts } from './charts.js';
import { errorBox, loading } from './layout.js';
import { dashboard } from './dashboard.js';
import { audit } from './audit.js';
import { trace } from './trace.js';
import { recallList, recallDetail, recallInbox } from './recalls.js';
import { enterprise } from './enterprise.js';
import { targets } from './targets.js';
import { complaintList, complaintDetail } from './complaints.js';
import { withdrawals } from './withdrawals.js';
import { searchBox, searchPage } from './search.js';
import { enterprises } from './enterprises.js';
import { products } from './products.js';
import { batches } from './batches.js';
import { declarations } from './declarations.js';
import { alertList } from './alerts.js';
import { containerPage } from './container.js';
import { myHome, myCertificates, myStock, myAnswers, myGrade, myCaptures } from './mine.js';
import { adminTokens, adminStatus } from './admin.js';
import { myTokens } from './mytokens.js';
import { report } from './report.js';

// routes: name -> [roles that may open it, render(view, args)].
const routes = {
  dashboard: [['regulator', 'analyst'], dashboard],
  audit: [['regulator', 'analyst', 'enterprise'], audit],
  enterprise: [['regulator', 'analyst', 'enterprise'], enterprise],
  trace: [['regulator', 'analyst', 'enterprise'], trace],
  recalls: [['regulator', 'analyst', 'enterprise'], recallList],
  recall: [['regulator', 'analyst', 'enterprise'], recallDetail],
  targets: [['regulator', 'analyst'], targets],
  notices: [['enterprise'], recallInbox],
  complaints: [['regulator', 'analyst', 'enterprise'], complaintList],
  complaint: [['regulator', 'analyst', 'enterprise'], complaintDetail],
  withdrawals: [['regulator', 'analyst', 'enterprise'], withdrawals],
  search: [['regulator', 'analyst', 'enterprise'], searchPage],
  enterprises: [['regulator', 'analyst'], enterprises],
  products: [['regulator', 'analyst', 'enterprise'], products],
  batches: [['regulator', 'analyst', 'enterprise'], batches],
  declarations: [['regulator', 'analyst', 'enterprise'], declarations],
  alerts: [['regulator', 'analyst', 'enterprise'], alertList],
  container: [['regulator', 'analyst', 'enterprise'], containerPage],
  // An enterprise's own pages; it lands on its home when it signs in.
  home: [['enterprise'], myHome],
  certificates: [['enterprise'], myCertificates],
  stock: [['enterprise'], myStock],
  answers: [['enterprise'], myAnswers],
  grade: [['enterprise'], myGrade],
  captures: [['enterprise'], myCaptures],
  'admin-tokens': [['admin'], adminTokens],
  'admin-status': [['admin'], adminStatus],
  mytokens: [['enterprise'], myTokens],
  report: [['regulator', 'analyst', 'enterprise'], report],
};
const nav = ['home', 'dashboard', 'notices', 'answers', 'certificates', 'stock', 'grade', 'captures', 'mytokens', 'audit', 'trace', 'recalls', 'withdrawals', 'complaints', 'targets', 'enterprises', 'products', 'batches', 'declarations', 'alerts', 'container', 'admin-tokens', 'admin-status'];

const view = document.getElementById('view');
const menu = document.getElementById('nav');
const tools = document.getElementById('tools');

// allowed: a page the role opens here, or one GET /api/v1/me gave it.
function allowed(name) {
  const r = routes[name];
  return !!r && (r[0].includes(role()) || pages().includes(name));
}

function home() {
  return nav.find(allowed) || '';
}

function renderNav(current) {
  replace(menu, token() ? nav.filter(allowed).map((n) => h('a', { href: `#/${n}`, class: n === current ? 'active' : '', 'aria-current': n === current ? 'page' : null, text: t(`nav.${n}`) })) : []);
  menu.setAttribute('aria-label', t('a11y.nav'));
  replace(tools, token() && allowed('search') ? searchBox() : null, langSwitch(),
    token() ? h('span', { class: 'badge role', id: 'role', text: t(`role.${role()}`) }) : null,
    token() ? h('button', { type: 'button', class: 'secondary', id: 'sign-out', text: t('signOut'), onclick: () => { signOut(); location.hash = ''; render(); } }) : null);
}

function signInPage() {
  const msg = h('div');
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true, placeholder: 'tl_…', 'aria-label': t('signIn.token') });
  const form = h('form', { class: 'stack signin', id: 'sign-in' },
    h('h1', { text: t('signIn.title') }), h('p', { class: 'muted', text: t('signIn.help') }),
    h('label', { for: 'token', text: t('signIn.token') }), input,
    h('button', { type: 'submit', text: t('signIn.submit') }), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await signIn(input.value);
      location.hash = `#/${home()}`;
      render();
    } catch (err) {
      replace(msg, errorBox(err.status === 401 ? t('signIn.bad') : err));
    }
  });
  return form;
}

// drawn marks the view as rendered for the current hash (tests and
// assistive technology wait for it: aria-busy).
function drawn() {
  view.setAttribute('aria-busy', 'false');
  view.setAttribute('data-route', location.hash);
}

export async function render() {
  disposeCharts();
  view.setAttribute('aria-busy', 'true');
  const [name = '', ...args] = location.hash.replace(/^#\/?/, '').split('/');
  replace(view);
  if (!token()) {
    renderNav('');
    view.append(signInPage());
    drawn();
    return;
  }
  const target = allowed(name) ? name : home();
  renderNav(target);
  if (!target) {
    view.append(h('p', { text: t('signIn.noPages') }));
    drawn();
    return;
  }
  if (target !== name) {
    history.replaceState(null, '', `#/${target}`);
  }
  // The page is in the document while it renders, so that charts have a size.
  const spinner = loading();
  const page = h('div');
  view.append(page, spinner);
  try {
    await routes[target][1](page, target === name ? args : []);
  } catch (err) {
    if (err.status === 401) { signOut(); render(); return; }
    page.append(errorBox(err));
  }
  spinner.remove();
  drawn();
}

addEventListener('hashchange', render);
onLangChange(render);
applyLang();
render();

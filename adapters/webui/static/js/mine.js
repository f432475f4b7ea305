// mine.js: an enterprise's own pages: its home (what needs attention
// today), its products and certificates with expiry warnings, its stock by
// batch, the complaints waiting for its answer, its credit grade with what
// would improve it, and its EPCIS capture jobs. Each reads only the
// signed-in enterprise's own records (GET /api/v1/me names it); every value
// is shown as text, never as markup.
import { h, replace, table, fmtNum, fmtTime, fmtDate } from './dom.js';
import { t, tv } from './i18n.js';
import { get, enc } from './api.js';
import { panel, errorBox } from './layout.js';
import { errorText } from './errors.js';
import { gradeBadge } from './dashboard.js';

// Certificates expiring within soonDays are urgent, within laterDays worth
// planning for.
const soonDays = 30;
const laterDays = 90;

// recentJobs is how many capture jobs the captures page shows.
const recentJobs = 20;

// all reads every page of a list (the enterprise's own lists are short).
async function all(path, member) {
  const rows = [];
  for (let after = '', pages = 0; pages < 50; pages++) {
    const a = await get(`${path}${path.includes('?') ? '&' : '?'}limit=1000${after ? `&after=${enc(after)}` : ''}`);
    rows.push(...(a[member] || []));
    if (!(after = a.next)) break;
  }
  return rows;
}

async function me() {
  return get('/api/v1/me');
}

// today is the reader's calendar day, YYYY-MM-DD.
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

// daysLeft counts the days from today to a YYYY-MM-DD date (negative once
// past); null without a date.
function daysLeft(day) {
  if (!day) return null;
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today()}T00:00:00Z`)) / 86400000);
}

// expiry is how urgent an expiry date is: expired, soon (≤30 days),
// later (≤90 days) or ok.
function expiry(day, expired) {
  const d = daysLeft(day);
  if (expired || (d !== null && d < 0)) return 'expired';
  if (d === null) return 'ok';
  if (d <= soonDays) return 'soon';
  if (d <= laterDays) return 'later';
  return 'ok';
}

const expiryClass = { expired: 'bad', soon: 'bad', later: 'warn', ok: 'ok' };

function expiryBadge(day, expired) {
  const e = expiry(day, expired);
  const d = daysLeft(day);
  const text = e === 'expired' ? t('mine.expired') : d === null ? '—' : t('mine.daysLeft', { n: d });
  return h('span', { class: `badge ${expiryClass[e]}`, 'data-expiry': e, text });
}

// certificateRows are the products whose certificate matters: imported or
// notified ones (a domestic product without a certificate needs none).
function certificateRows(products) {
  return products.filter((p) => p.imported || p.certificate_status !== 'none');
}

function certificateAttention(products) {
  const out = { expired: 0, soon: 0, later: 0, missing: 0 };
  for (const p of certificateRows(products)) {
    if (p.certificate_status === 'issued' || p.certificate_status === 'expired') {
      const e = expiry(p.valid_to, p.certificate_status === 'expired');
      if (e !== 'ok') out[e]++;
    } else if (p.certificate_status !== 'notified') {
      out.missing++; // none, rejected or revoked: the goods may not be received or sold
    }
  }
  return out;
}

// awaiting are the open cases the enterprise has not answered yet.
function awaiting(cases) {
  return cases.filter((c) => (c.status === 'accepted' || c.status === 'investigating') && !c.answers);
}

async function openCases() {
  const [accepted, investigating] = await Promise.all([
    all('/api/v1/complaints?status=accepted', 'complaints'), all('/api/v1/complaints?status=investigating', 'complaints')]);
  return [...accepted, ...investigating];
}

// tile is one count on the home page, linking to the page that deals with it.
function tile(id, key, n, href, tone) {
  return h('a', { class: `status-tile home-tile ${n ? tone : 'ok'}`, id, href, 'data-count': String(n) },
    h('div', { class: 'tile-value', text: fmtNum(n) }), h('div', { class: 'tile-label', text: t(key) }));
}

// myHome is #/home: what needs the enterprise's attention today.
export async function myHome(view) {
  const who = await me();
  view.append(h('h1', { id: 'home-title', text: who.name ? t('mine.homeOf', { name: who.name }) : t('nav.home') }),
    h('p', { class: 'muted', text: t('mine.homeAbout', { day: today() }) }));
  const attention = h('div', { class: 'home-tiles', id: 'home-attention' });
  const gradeBox = h('div', { id: 'home-grade' });
  view.append(h('section', { class: 'panel', 'aria-labelledby': 'home-attention-title' },
    h('h2', { id: 'home-attention-title', text: t('mine.attention') }), attention), panel('mine.gradeTitle', gradeBox));
  const [products, notices, cases, stock, grade, refused] = await Promise.all([
    all('/api/v1/products', 'products').catch((err) => err),
    all('/api/v1/me/recall-notices', 'notices').catch((err) => err),
    openCases().catch((err) => err),
    all(`/api/v1/enterprises/${enc(who.uscc)}/stock`, 'batches').catch((err) => err),
    get(`/api/v1/enterprises/${enc(who.uscc)}/risk`).catch((err) => err),
    refusedThisWeek().catch((err) => err),
  ]);
  const tiles = [];
  if (notices instanceof Error) tiles.push(errorBox(notices));
  else tiles.push(tile('home-notices', 'mine.toAcknowledge', notices.filter((n) => !n.acknowledged).length, '#/notices', 'bad'));
  if (cases instanceof Error) tiles.push(errorBox(cases));
  else tiles.push(tile('home-complaints', 'mine.toAnswer', awaiting(cases).length, '#/answers', 'bad'));
  if (products instanceof Error) tiles.push(errorBox(products));
  else {
    const c = certificateAttention(products);
    tiles.push(tile('home-cert-expired', 'mine.certExpired', c.expired + c.missing, '#/certificates', 'bad'),
      tile('home-cert-soon', 'mine.certSoon', c.soon, '#/certificates', 'bad'),
      tile('home-cert-later', 'mine.certLater', c.later, '#/certificates', 'warn'));
  }
  if (stock instanceof Error) tiles.push(errorBox(stock));
  else {
    tiles.push(tile('home-stock-recalled', 'mine.stockRecalled', stock.filter((b) => b.recalled && b.in_stock > 0).length, '#/stock', 'bad'),
      tile('home-stock-expiring', 'mine.stockExpiring', stock.filter((b) => b.in_stock > 0 && expiry(b.expires_on) !== 'ok').length, '#/stock', 'warn'));
  }
  if (refused instanceof Error) tiles.push(errorBox(refused));
  else tiles.push(tile('home-captures-refused', 'mine.capturesRefused', refused, '#/captures', 'bad'));
  replace(attention, tiles);
  if (grade instanceof Error) replace(gradeBox, errorBox(grade));
  else {
    const top = topFactors(grade)[0];
    replace(gradeBox, h('p', {}, gradeBadge(grade.grade, grade.blacklisted), ' ', t('risk.score'), ': ', fmtNum(grade.score, 2)),
      top ? h('p', { id: 'home-grade-advice' }, t('mine.mostWeighs', { factor: tv('factor', top[0]) }), ' ', t(`advice.${top[0]}`)) : h('p', { text: t('mine.gradeClean') }),
      h('p', { class: 'row' }, h('a', { href: '#/grade', id: 'home-grade-link', text: t('mine.gradeOpen') }),
        h('a', { href: `#/enterprise/${enc(who.uscc)}`, id: 'home-profile-link', text: t('mine.profile') })));
  }
}

// myCertificates is #/certificates: the enterprise's products with their
// certificates, the most urgent first.
export async function myCertificates(view) {
  view.append(h('h1', { text: t('nav.certificates') }), h('p', { class: 'muted', text: t('mine.certAbout', { soon: soonDays, later: laterDays }) }));
  const rank = { expired: 0, soon: 1, later: 2, ok: 3 };
  const rows = (await all('/api/v1/products', 'products')).map((p) => {
    const certified = p.certificate_status === 'issued' || p.certificate_status === 'expired';
    return { p, e: certified ? expiry(p.valid_to, p.certificate_status === 'expired') : (p.imported && p.certificate_status !== 'notified' ? 'expired' : 'ok') };
  }).sort((a, b) => rank[a.e] - rank[b.e] || (a.p.valid_to || '9').localeCompare(b.p.valid_to || '9'));
  if (!rows.length) {
    view.append(h('p', { class: 'muted', id: 'certificates-none', text: t('dir.none') }));
    return;
  }
  view.append(panel('nav.certificates', table(
    [t('dir.name'), 'GTIN', t('cert.status'), t('mine.certNo'), t('mine.validTo'), t('mine.expiry')],
    rows.map(({ p }) => [
      [p.name, p.brand ? ` (${p.brand})` : ''].join(''),
      h('a', { href: `#/audit/product/${p.gtin}/certificate`, text: p.gtin }),
      h('span', { class: `badge cert-${p.certificate_status}`, text: p.certificate_status === 'none' && p.imported ? t('cert.noneImported') : tv('certState', p.certificate_status) }),
      p.certificate_no || '—', p.valid_to ? fmtDate(p.valid_to) : '—',
      p.certificate_status === 'issued' || p.certificate_status === 'expired' ? expiryBadge(p.valid_to, p.certificate_status === 'expired') : '—',
    ]), { id: 'certificates-list' })));
}

// myStock is #/stock: the batches the enterprise holds now, the one that
// expires first first.
export async function myStock(view) {
  const who = await me();
  view.append(h('h1', { text: t('nav.stock') }), h('p', { class: 'muted', text: t('mine.stockAbout') }));
  const rows = await all(`/api/v1/enterprises/${enc(who.uscc)}/stock`, 'batches');
  if (!rows.length) {
    view.append(h('p', { class: 'muted', id: 'stock-none', text: t('dir.none') }));
    return;
  }
  view.append(panel('nav.stock', table(
    ['GTIN', t('lot'), t('in_stock'), t('in_transit'), t('sold'), t('returned'), t('mine.expiresOn'), t('mine.expiry'), t('mine.recalled')],
    rows.map((b) => [
      b.gtin,
      h('a', { href: `#/audit/batch/${b.gtin}/${enc(b.lot)}`, text: b.lot }),
      fmtNum(b.in_stock), fmtNum(b.in_transit), fmtNum(b.sold), fmtNum(b.returned),
      b.expires_on ? fmtDate(b.expires_on) : '—', b.expires_on ? expiryBadge(b.expires_on) : '—',
      b.recalled
        ? b.recalls.map((id) => h('a', { href: `#/recall/${id}`, class: 'badge bad', text: t('mine.recalledYes') }))
        : t('no'),
    ]), { id: 'stock-list' })));
}

// myAnswers is #/answers: the open complaints about the enterprise's goods,
// those waiting for its answer first; each opens the case, where it answers.
export async function myAnswers(view) {
  view.append(h('h1', { text: t('nav.answers') }), h('p', { class: 'muted', text: t('mine.answersAbout') }));
  const cases = (await openCases()).sort((a, b) => (a.answers ? 1 : 0) - (b.answers ? 1 : 0) || String(a.conclude_by).localeCompare(String(b.conclude_by)));
  if (!cases.length) {
    view.append(h('p', { class: 'muted', id: 'answers-none', text: t('mine.answersNone') }));
    return;
  }
  view.append(panel('nav.answers', table(
    [t('case.id'), t('case.filedAt'), t('case.status'), 'GTIN', t('case.category'), t('case.concludeBy'), t('mine.answered')],
    cases.map((c) => [
      h('a', { href: `#/complaint/${c.complaint_id}`, class: 'case-link', 'data-id': c.complaint_id, text: c.complaint_id.slice(0, 8) }),
      fmtTime(c.filed_at), h('span', { class: `badge status-${c.status}`, text: tv('caseStatus', c.status) }),
      [c.gtin, c.lot].filter(Boolean).join(' / '), tv('complaintCategory', c.category), fmtTime(c.conclude_by),
      c.answers ? h('span', { class: 'badge ok', text: t('yes') }) : h('span', { class: 'badge bad', 'data-awaiting': 'true', text: t('mine.awaiting') }),
    ]), { id: 'answers-list' })));
}

// topFactors are the grade's factors that add points, heaviest first.
function topFactors(g) {
  return Object.entries(g.factors || {}).filter(([, f]) => f.contribution > 0).sort((a, b) => b[1].contribution - a[1].contribution);
}

// myGrade is #/grade: the enterprise's own credit grade, each factor's
// share, and per factor what would clear it.
export async function myGrade(view) {
  const who = await me();
  const g = await get(`/api/v1/enterprises/${enc(who.uscc)}/risk`);
  view.append(h('h1', {}, t('nav.grade'), ' ', gradeBadge(g.grade, g.blacklisted)));
  view.append(panel('mine.gradeTitle',
    h('dl', { class: 'facts' },
      [h('dt', { text: t('grade') }), h('dd', {}, gradeBadge(g.grade, g.blacklisted))],
      [h('dt', { text: t('risk.score') }), h('dd', { text: fmtNum(g.score, 2) })],
      [h('dt', { text: t('asOf') }), h('dd', { text: fmtTime(g.as_of) })]),
    h('p', { class: 'muted', text: t('mine.gradeScale') })));
  if ((g.serious_violations || []).length) {
    view.append(panel('mine.serious', h('p', { id: 'grade-serious', text: t('mine.seriousAbout') })));
  }
  const top = topFactors(g);
  view.append(panel('mine.improve', top.length
    ? h('ol', { id: 'grade-advice' }, top.map(([k, f]) => h('li', { 'data-factor': k },
      h('strong', { text: tv('factor', k) }), ' ', h('span', { class: 'muted', text: t('mine.points', { n: fmtNum(f.contribution, 2) }) }),
      h('div', { text: t(`advice.${k}`) }))))
    : h('p', { id: 'grade-advice-none', text: t('mine.gradeClean') })));
  const factors = Object.entries(g.factors || {}).sort((a, b) => b[1].contribution - a[1].contribution);
  view.append(panel('mine.allFactors', table([t('risk.factor'), t('factor.value'), t('factor.weight'), t('factor.contribution')],
    factors.map(([k, f]) => [tv('factor', k), fmtNum(f.value, 4), fmtNum(f.weight), fmtNum(f.contribution, 2)]), { id: 'grade-factors' })));
}

function jobView(j) {
  const status = j.running ? 'running' : j.success ? 'success' : 'failed';
  return h('section', { class: 'panel', id: `job-${j.captureID}` },
    h('h2', {}, h('code', { text: j.captureID }), ' ', h('span', { class: `badge ${status === 'success' ? 'ok' : status === 'failed' ? 'bad' : 'warn'}`, 'data-status': status, text: tv('captureStatus', status) })),
    h('p', { class: 'muted', text: [fmtTime(j.createdAt), j.format ? tv('captureFormat', j.format) : ''].filter(Boolean).join(' · ') }),
    (j.errors || []).length ? table([t('mine.eventIndex'), t('mine.field'), t('mine.why'), t('mine.rule')],
      j.errors.map((p) => [String(p.eventIndex), p.field || '—',
        p.reason ? errorText({ reason: p.reason, params: p.params, field: p.field }) : '—', tv('captureRule', p.rule)]), { class: 'capture-errors' }) : null,
    (j.events || []).length ? h('p', { text: t('mine.captured', { n: j.events.length }) }) : null);
}

// myCaptures is #/captures: the enterprise's EPCIS capture jobs: those
// that appended nothing (refused, each event's fault shown) newest first,
// then those the ledger recorded; and any job looked up by its id.
export async function myCaptures(view) {
  view.append(h('h1', { text: t('nav.captures') }), h('p', { class: 'muted', text: t('mine.capturesAbout') }));
  const found = h('div', { id: 'capture-found' });
  const form = h('form', { class: 'row', id: 'capture-lookup' },
    h('label', { for: 'capture-id', text: t('mine.captureId') }),
    h('input', { id: 'capture-id', name: 'id', required: true, maxlength: 100 }),
    h('button', { type: 'submit', text: t('mine.lookUp') }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const id = new FormData(form).get('id').trim();
    try {
      replace(found, jobView(await get(`/epcis/capture/${enc(id)}`)));
    } catch (err) {
      replace(found, errorBox(err));
    }
  });
  view.append(panel('mine.lookUpJob', form, found));
  const [unrecorded, recorded] = await Promise.all([
    get(`/api/v1/captures/unrecorded?limit=${recentJobs}`),
    all('/epcis/capture', 'jobs'),
  ]);
  view.append(h('h2', { text: t('mine.unrecordedJobs') }),
    (unrecorded.jobs || []).length
      ? h('div', { id: 'capture-unrecorded' }, unrecorded.jobs.map(jobView))
      : h('p', { class: 'muted', id: 'capture-unrecorded-none', text: t('dir.none') }));
  // The newest recorded jobs first: the list is in log order.
  const jobs = recorded.slice(-recentJobs).reverse();
  view.append(h('h2', { text: t('mine.recentJobs') }),
    jobs.length ? h('div', { id: 'capture-jobs' }, jobs.map(jobView)) : h('p', { class: 'muted', id: 'captures-none', text: t('dir.none') }));
}

// refusedThisWeek counts the capture jobs refused in the last 7 days.
async function refusedThisWeek() {
  const since = Date.now() - 7 * 86400000;
  const a = await get('/api/v1/captures/unrecorded?failed=true&limit=1000');
  return (a.jobs || []).filter((j) => Date.parse(j.createdAt) >= since).length;
}

// api.js: calls to the JSON API with the bearer token of the session. The
// token lives in sessionStorage only: never in a URL, never in localStorage.
const tokenKey = 'traceledger.token';
const roleKey = 'traceledger.role';

export function token() { return sessionStorage.getItem(tokenKey) || ''; }
export function role() { return sessionStorage.getItem(roleKey) || ''; }

export function signOut() {
  sessionStorage.removeItem(tokenKey);
  sessionStorage.removeItem(roleKey);
}

// ApiError carries the contract's error body: code (the kind), reason and
// params (what errors.js renders in the reader's language), field, and the
// English message, which is for logs only.
export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || '';
    this.reason = e.reason || '';
    this.params = Array.isArray(e.params) ? e.params : [];
    this.field = e.field || '';
  }
}

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const tok = token();
  if (tok) h.Authorization = `Bearer ${tok}`;
  return h;
}

async function answer(res) {
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

export async function get(path) {
  return answer(await fetch(path, { headers: headers() }));
}

export async function post(path, body) {
  return answer(await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  }));
}

// probe answers the status of a GET with the given token, without throwing.
async function probe(path, tok) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${tok}`, Accept: 'application/json' } });
  return res.status;
}

// signIn checks the token and finds its role from what it may read: only a
// regulator reads the global log, analysts the dashboards, enterprises the
// alerts of their goods, admins the tokens.
export async function signIn(tok) {
  tok = tok.trim();
  const checks = [
    ['regulator', '/api/v1/events?limit=1'],
    ['analyst', '/api/v1/analytics/grades'],
    ['enterprise', '/api/v1/alerts?limit=1'],
    ['admin', '/api/v1/admin/tokens'],
  ];
  for (const [r, path] of checks) {
    const status = await probe(path, tok);
    if (status === 401) throw new ApiError(401, null);
    if (status >= 200 && status < 300) {
      sessionStorage.setItem(tokenKey, tok);
      sessionStorage.setItem(roleKey, r);
      return r;
    }
  }
  throw new ApiError(403, null);
}

// download fetches with the token and saves the answer under filename:
// the token goes in the Authorization header, never in the link.
export async function download(path, filename) {
  const res = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!res.ok) await answer(res);
  saveBlob(await res.blob(), filename);
}

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const enc = encodeURIComponent;

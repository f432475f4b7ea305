// api.js: calls to the JSON API with the bearer token of the session. The
// token lives in sessionStorage only: never in a URL, never in localStorage.
const tokenKey = 'traceledger.token';
const roleKey = 'traceledger.role';
const pagesKey = 'traceledger.pages';
const mayKey = 'traceledger.may';

export function token() { return sessionStorage.getItem(tokenKey) || ''; }
export function role() { return sessionStorage.getItem(roleKey) || ''; }

export function signOut() {
  sessionStorage.removeItem(tokenKey);
  sessionStorage.removeItem(roleKey);
  sessionStorage.removeItem(pagesKey);
  sessionStorage.removeItem(mayKey);
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

// signIn asks GET /api/v1/me once who the token is: its role, what it may
// do and the pages it has. Nothing is probed, so no refusal is logged; a
// token the server does not know is a 401 ApiError.
export async function signIn(tok) {
  tok = tok.trim();
  const me = await answer(await fetch('/api/v1/me', { headers: { Authorization: `Bearer ${tok}`, Accept: 'application/json' } }));
  sessionStorage.setItem(tokenKey, tok);
  sessionStorage.setItem(roleKey, me.role || '');
  sessionStorage.setItem(pagesKey, JSON.stringify(me.pages || []));
  sessionStorage.setItem(mayKey, JSON.stringify(me.may || []));
  return me;
}

function stored(key) {
  try { return JSON.parse(sessionStorage.getItem(key) || '[]'); } catch { return []; }
}

// pages are the pages GET /api/v1/me gave the signed-in token; may(name)
// says whether it may do name ("recall.start", "tokens.manage", ...).
export function pages() { return stored(pagesKey); }
export function may(name) { return stored(mayKey).includes(name); }

export async function del(path) {
  return answer(await fetch(path, { method: 'DELETE', headers: headers() }));
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

// fetchPublic reads a public page's JSON answer, without a token: the body,
// or the failure (an ApiError, or the network's error).
export async function fetchPublic(path) {
  try {
    const res = await fetch(path, { headers: { Accept: 'application/json' } });
    const body = await res.json().catch(() => null);
    return res.ok ? { body, failure: null } : { body: null, failure: new ApiError(res.status, body) };
  } catch (err) {
    return { body: null, failure: err };
  }
}

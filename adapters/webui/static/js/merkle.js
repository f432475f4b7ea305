// merkle.js: checks an event's inclusion proof against a signed checkpoint,
// in the browser (RFC 6962 / RFC 9162 section 2.1.3.2).
//   leaf  = SHA-256(0x00 || event hash bytes)
//   node  = SHA-256(0x01 || left || right)

async function sha256(...parts) {
  const len = parts.reduce((n, p) => n + p.length, 0);
  const buf = new Uint8Array(len);
  let off = 0;
  for (const p of parts) { buf.set(p, off); off += p.length; }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
}

export function hexToBytes(hex) {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function base64ToBytes(b64) {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

function equal(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export const leafHash = (hashBytes) => sha256(Uint8Array.of(0), hashBytes);
export const nodeHash = (l, r) => sha256(Uint8Array.of(1), l, r);

// rootFromProof computes the root an audit path leads to; null when the
// path's length does not fit the index and size.
export async function rootFromProof(leafIndex, treeSize, leaf, path) {
  if (leafIndex >= treeSize) return null;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize) - 1n;
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

// parseCheckpoint reads a signed note's body: origin, tree size, root.
export function parseCheckpoint(text) {
  const lines = (text || '').split('\n');
  if (lines.length < 3) throw new Error('not a checkpoint');
  return { origin: lines[0], size: Number(lines[1]), root: base64ToBytes(lines[2]) };
}

// verifyEvent answers true when ev.proof proves ev.hash is in the tree
// whose root the checkpoint signs.
export async function verifyEvent(ev, checkpoint) {
  const p = ev.proof;
  if (!p || !ev.hash) return false;
  if (p.tree_size !== checkpoint.size) return false;
  const leaf = await leafHash(hexToBytes(ev.hash));
  const root = await rootFromProof(p.leaf_index, p.tree_size, leaf, (p.hashes || []).map(hexToBytes));
  return root !== null && equal(root, checkpoint.root);
}

// b64 decodes standard base64 strictly (padding required, as Go's
// base64.StdEncoding); null when it is not.
function b64(s) {
  if (typeof s !== 'string' || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  try { return base64ToBytes(s); } catch { return null; }
}

// validName is x/mod's isValidName: non-empty, no space, no '+'.
const validName = (name) => name !== '' && !/\s/u.test(name) && !name.includes('+');

// parseVerifierKey reads a signed-note verifier key "name+hash+base64(0x01
// || 32-byte Ed25519 key)" as golang.org/x/mod/sumdb/note's NewVerifier
// does, checking that hash is the first 4 bytes (big-endian) of
// SHA-256(name || "\n" || 0x01 || key). It throws when the key is malformed.
export async function parseVerifierKey(vkey) {
  // Cut at the first two '+' only: the base64 key may hold '+' itself.
  const cut = (s) => { const i = s.indexOf('+'); return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)]; };
  const [name, rest] = cut(String(vkey));
  const [hash16, keyB64] = cut(rest);
  const key = b64(keyB64);
  if (!/^[0-9a-f]{8}$/i.test(hash16) || !key || key.length === 0 || !validName(name)) {
    throw new Error('malformed verifier key');
  }
  const sum = await sha256(new TextEncoder().encode(`${name}\n`), key);
  const hash = ((sum[0] << 24) | (sum[1] << 16) | (sum[2] << 8) | sum[3]) >>> 0;
  if (hash !== parseInt(hash16, 16)) throw new Error('verifier key hash mismatch');
  if (key[0] !== 1 || key.length !== 33) throw new Error('not an Ed25519 verifier key');
  return { name, hash, publicKey: key.slice(1) };
}

// verifySignature checks the checkpoint's Ed25519 signature with the
// verifier key, as golang.org/x/mod/sumdb/note's Open does: the signed
// message is the note text up to and including the newline before the
// last blank line; a signature line "— name base64(hash || sig)" counts
// when its name and key hash are the verifier's. Ed25519 is the vendored
// TweetNaCl (window.nacl); it answers null only when that is missing.
export async function verifySignature(note, verifierKey) {
  const nacl = globalThis.nacl;
  if (!nacl || !nacl.sign || !nacl.sign.detached) return null;
  let v;
  try { v = await parseVerifierKey(verifierKey); } catch { return false; }
  if (typeof note !== 'string' || /[\u0000-\u0009\u000b-\u001f]/.test(note)) return false;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return false;
  const text = note.slice(0, split + 1);
  const sigs = note.slice(split + 2);
  if (sigs === '' || !sigs.endsWith('\n')) return false;
  const msg = new TextEncoder().encode(text);
  let verified = false;
  for (const line of sigs.slice(0, -1).split('\n')) {
    if (!line.startsWith('— ')) return false;
    const rest = line.slice('— '.length);
    const sp = rest.indexOf(' ');
    const name = sp < 0 ? rest : rest.slice(0, sp);
    const sig = b64(sp < 0 ? '' : rest.slice(sp + 1));
    if (!sig || sig.length < 5 || !validName(name)) return false;
    const hash = ((sig[0] << 24) | (sig[1] << 16) | (sig[2] << 8) | sig[3]) >>> 0;
    if (name !== v.name || hash !== v.hash) continue; // another signer's line
    if (sig.length !== 4 + 64 || !nacl.sign.detached.verify(msg, sig.slice(4), v.publicKey)) return false;
    verified = true;
  }
  return verified;
}

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

// verifySignature checks the checkpoint's Ed25519 signature with the
// verifier key (a signed-note key "name+hash+base64(0x01 || key)"). It
// answers null when the browser has no Ed25519.
export async function verifySignature(note, verifierKey) {
  const [name, , keyB64] = verifierKey.split('+');
  const key = base64ToBytes(keyB64);
  if (key[0] !== 1) return false;
  const sep = note.indexOf('\n\n');
  if (sep < 0) return false;
  const body = new TextEncoder().encode(note.slice(0, sep + 1));
  const sigLine = note.slice(sep + 2).split('\n').find((l) => l.startsWith(`— ${name} `));
  if (!sigLine) return false;
  const sig = base64ToBytes(sigLine.slice(`— ${name} `.length)).slice(4);
  try {
    const k = await crypto.subtle.importKey('raw', key.slice(1), { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, k, sig, body);
  } catch {
    return null;
  }
}

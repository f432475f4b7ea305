// codecheck.js: why a public page cannot show a code, in the reader's
// language: an unknown code says so; a malformed one is told by the server's
// reason (a mistyped GTIN names the check digit it should have).
import { t } from './i18n.js';

export function failureText(err, notFoundKey) {
  if (err && err.status === 404) return t(notFoundKey);
  return err;
}

// codecheck.js: what is wrong with a Digital Link path's GTIN, said in the
// reader's language: a mistyped or half-scanned code names the check digit
// it should have, instead of the parser's English.
import { t } from './i18n.js';

// checkDigit is the GS1 mod-10 check digit of a key's digits without it.
export function checkDigit(digits) {
  let sum = 0;
  let w = 3;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * w;
    w = 4 - w;
  }
  return String((10 - (sum % 10)) % 10);
}

// codeProblem answers [dictionary key, vars] for a path whose GTIN is
// malformed, or null when the GTIN looks right (the code's problem, if
// any, is elsewhere and the server's error tells it).
export function codeProblem(path) {
  const m = /^\/01\/([^/]*)/.exec(path || '');
  if (!m) return null;
  const g = decodeURIComponent(m[1]);
  if (!/^\d+$/.test(g)) return ['code.notDigits', {}];
  if (![8, 12, 13, 14].includes(g.length)) return ['code.length', { n: g.length }];
  const want = checkDigit(g.slice(0, -1));
  const got = g.slice(-1);
  return want === got ? null : ['code.checkDigit', { want, got }];
}

// failureText says why the card cannot be shown, in the reader's language:
// a malformed code names its fault (the check digit it should have), an
// unknown one says so, anything else is the server's refusal by its reason.
export function failureText(err, notFoundKey) {
  const problem = err.status === 400 ? codeProblem(location.pathname) : null;
  if (problem) return t(problem[0], problem[1]);
  if (err.status === 404) return t(notFoundKey);
  return err;
}

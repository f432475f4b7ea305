// errors.js: a server refusal in the reader's language. The API answers every
// error with a stable kind (code), a stable reason and its parameters; the
// English message is for logs and API clients and is never shown as it is:
// a reason the dictionary does not know is told by its kind and field.
import { t } from './i18n.js';
import { dict } from './dict.js';
import { currentLang } from './i18n.js';

function known(k) { return dict[currentLang()][k] !== undefined; }

// errorText answers the words to show for err (an ApiError or any Error).
export function errorText(err) {
  if (!err) return '';
  if (typeof err === 'string') return err; // already in the reader's language
  const vars = { field: fieldLabel(err.field || '') };
  (err.params || []).forEach((p, i) => { vars[i] = known(`param.${p}`) ? t(`param.${p}`) : String(p); });
  if (err.reason && known(`err.${err.reason}`)) return t(`err.${err.reason}`, vars);
  if (err.code && known(`errcode.${err.code}`)) {
    return err.field ? t(`errcode.${err.code}.field`, vars) : t(`errcode.${err.code}`, vars);
  }
  if (err.status) return t('errcode.http', { status: err.status });
  return t('errcode.client');
}

// fieldLabel names a request field ("lines[2].gtin") in the reader's language
// where the dictionary knows its last part, keeping the path.
export function fieldLabel(path) {
  if (!path) return '';
  const last = path.replace(/\[\d+\]/g, '').split('.').pop();
  return known(`field.${last}`) ? `${t(`field.${last}`)} (${path})` : path;
}

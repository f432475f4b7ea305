// dict_errors.js: server refusals in both languages. "errcode.<kind>" tells a
// refusal by its kind when its reason is not listed; "err.<reason>" tells one
// reason, {0}, {1}… being its parameters in order and {field} the field.
export const errorsEn = {
  'errcode.invalid': 'The request is not valid.', 'errcode.invalid.field': 'The value of {field} is not valid.',
  'errcode.not_found': 'Not found.', 'errcode.not_found.field': 'Nothing was found for {field}.',
  'errcode.forbidden': 'You may not do this.', 'errcode.forbidden.field': 'You may not do this with {field}.',
  'errcode.conflict': 'The ledger refused this: it breaks a rule.', 'errcode.conflict.field': 'The ledger refused {field}: it breaks a rule.',
  'errcode.concurrency': 'Someone changed this at the same time; try again.', 'errcode.concurrency.field': 'Someone changed this at the same time; try again.',
  'errcode.duplicate': 'This was already recorded.', 'errcode.duplicate.field': 'This was already recorded.',
  'errcode.unauthorized': 'Sign in first.', 'errcode.unauthorized.field': 'Sign in first.',
  'errcode.unavailable': 'Not available yet; try again in a moment.', 'errcode.unavailable.field': 'Not available yet; try again in a moment.',
  'errcode.too_large': 'The request is too large.', 'errcode.too_large.field': 'The request is too large.',
  'errcode.rate_limited': 'Too many requests; wait a moment.', 'errcode.rate_limited.field': 'Too many requests; wait a moment.',
  'errcode.internal': 'The server failed; try again later.', 'errcode.internal.field': 'The server failed; try again later.',
  'errcode.http': 'The server answered {status}.', 'errcode.client': 'Something went wrong in this page.',
};

export const errorsZh = {
  'errcode.invalid': '请求无效。', 'errcode.invalid.field': '{field} 的值无效。',
  'errcode.not_found': '未找到。', 'errcode.not_found.field': '未找到 {field} 对应的记录。',
  'errcode.forbidden': '您无权执行此操作。', 'errcode.forbidden.field': '您无权对 {field} 执行此操作。',
  'errcode.conflict': '账本拒绝了此操作：违反业务规则。', 'errcode.conflict.field': '账本拒绝了 {field}：违反业务规则。',
  'errcode.concurrency': '他人同时修改了此记录，请重试。', 'errcode.concurrency.field': '他人同时修改了此记录，请重试。',
  'errcode.duplicate': '此记录已存在。', 'errcode.duplicate.field': '此记录已存在。',
  'errcode.unauthorized': '请先登录。', 'errcode.unauthorized.field': '请先登录。',
  'errcode.unavailable': '暂不可用，请稍后重试。', 'errcode.unavailable.field': '暂不可用，请稍后重试。',
  'errcode.too_large': '请求过大。', 'errcode.too_large.field': '请求过大。',
  'errcode.rate_limited': '请求过于频繁，请稍候。', 'errcode.rate_limited.field': '请求过于频繁，请稍候。',
  'errcode.internal': '服务器出错，请稍后重试。', 'errcode.internal.field': '服务器出错，请稍后重试。',
  'errcode.http': '服务器返回 {status}。', 'errcode.client': '页面出错。',
};

// charts.js: ECharts (vendored, loaded as a classic script: window.echarts)
// instances of the current view, resized with the window, disposed on leave.
const live = new Set();

// Every tooltip is drawn as rich text on the canvas, never as HTML: names in
// the ledger (enterprises, ports, products, reasons) are untrusted text, and
// ECharts inserts an HTML tooltip's formatter output as markup.
function textOnlyTooltip(tooltip) {
  return { ...(tooltip || {}), renderMode: 'richText' };
}

export function chart(el, option) {
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option, ...(option.tooltip ? { tooltip: textOnlyTooltip(option.tooltip) } : {}) });
  live.add(c);
  el.dataset.chart = 'ready';
  return c;
}

export function disposeCharts() {
  live.forEach((c) => c.dispose());
  live.clear();
}

addEventListener('resize', () => live.forEach((c) => c.resize()));

export const palette = ['#2f6fde', '#22a06b', '#e2a03f', '#d64545', '#7a5af8', '#13a8a8'];

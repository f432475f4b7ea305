// charts.js: ECharts (vendored, loaded as a classic script: window.echarts)
// instances of the current view, resized with the window, disposed on leave.
const live = new Set();

export function chart(el, option) {
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  c.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
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

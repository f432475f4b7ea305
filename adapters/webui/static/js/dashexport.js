// dashexport.js: the dashboard's exports, built in the browser from the
// data each panel drew: a panel as CSV, the whole dashboard as one PNG.

// csvCell quotes a cell; a text cell that a spreadsheet would read as a
// formula (= + - @, or a leading tab or carriage return) is neutralised with
// a leading apostrophe, since names and reasons in the ledger are untrusted.
export function csvCell(v) {
  if (v === undefined || v === null) return '""';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

// csv is headers and rows as CSV text: UTF-8 with a byte order mark, so
// that Excel reads Chinese correctly, and CRLF line ends.
export function csv(headers, rows) {
  return `\uFEFF${[headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

// download saves blob as name.
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function downloadCSV(name, headers, rows) {
  download(new Blob([csv(headers, rows)], { type: 'text/csv;charset=utf-8' }), name);
}

const loadImage = (src) => new Promise((resolve, reject) => {
  const img = new Image();
  img.onload = () => resolve(img);
  img.onerror = () => reject(new Error('chart image did not load'));
  img.src = src;
});

// dashboardImage draws every chart of root (ECharts' getDataURL) under its
// panel's title, one below the other, on one white canvas, with heading on
// top; titles are drawn as canvas text, never markup.
export async function dashboardImage(root, heading) {
  const parts = [];
  for (const el of root.querySelectorAll('.panel .chart')) {
    const c = window.echarts.getInstanceByDom(el);
    if (!c) continue;
    const title = el.closest('.panel').querySelector('h2').firstChild?.textContent || '';
    parts.push({ title, img: await loadImage(c.getDataURL({ type: 'png', pixelRatio: 1, backgroundColor: '#fff' })) });
  }
  const pad = 16;
  const titleH = 28;
  const width = Math.max(400, ...parts.map((p) => p.img.width)) + 2 * pad;
  const height = pad + titleH + parts.reduce((s, p) => s + titleH + p.img.height + pad, 0);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, width, height);
  g.fillStyle = '#222';
  g.font = 'bold 18px sans-serif';
  g.fillText(heading, pad, pad + 18);
  let y = pad + titleH;
  for (const p of parts) {
    g.font = 'bold 15px sans-serif';
    g.fillText(p.title, pad, y + 18);
    y += titleH;
    g.drawImage(p.img, pad, y);
    y += p.img.height + pad;
  }
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  download(blob, 'dashboard.png');
}

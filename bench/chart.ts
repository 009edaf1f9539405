/**
 * The comparison chart, hand-written SVG: for each metric, how many times slower (or bigger) each
 * baseline is than onet-match, on a log scale, with the target ratio marked.
 */
import type { Results } from './report.js';

interface Row {
  label: string;
  sub: string;
  sql?: number;
  naive?: number;
  target?: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function renderChart(r: Results): string {
  const rows: Row[] = [];
  const fmt = (v: number, unit: string) =>
    unit === 'bytes' ? `${(v / 1e6).toFixed(2)} MB` : v >= 100 ? `${v.toFixed(0)} ms` : v >= 10 ? `${v.toFixed(1)} ms` : v >= 1 ? `${v.toFixed(2)} ms` : `${v.toFixed(3)} ms`;
  for (const row of r.ratios) {
    if (row.environment === 'node') continue;
    const o = row['onet-match'] as { p50: number };
    const s = row['sql.js'] as { p50: number; ratioP50: number } | undefined;
    const n = row.naive as { p50: number; ratioP50: number } | undefined;
    const unit = String(row.unit);
    const label = String(row.metric).replace(' latency', ' (p50)');
    rows.push({
      label,
      sub: `onet-match ${fmt(o.p50, unit)} · sql.js ${s ? fmt(s.p50, unit) : '—'} · naive ${n ? fmt(n.p50, unit) : '—'}`,
      sql: s?.ratioP50,
      naive: n?.ratioP50,
      target: row.kind ? 20 : 3,
    });
  }
  const W = 980;
  const left = 370;
  const right = W - 80;
  const top = 92;
  const rowH = 58;
  const H = top + rows.length * rowH + 50;
  const maxRatio = Math.max(10, ...rows.flatMap((x) => [x.sql ?? 1, x.naive ?? 1]));
  const maxExp = Math.ceil(Math.log10(maxRatio));
  const minExp = -0.5; // a little room left of 1× for baselines that beat onet-match
  const x = (ratio: number) => left + ((Math.log10(Math.max(ratio, 10 ** minExp)) - minExp) / (maxExp - minExp)) * (right - left);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="20" y="26" font-size="16" font-weight="600">onet-match vs sql.js vs naive JSON arrays — headless Chromium</text>`);
  out.push(
    `<text x="20" y="45" fill="#555">Same O*NET data, same seeded queries, identical answers. Bar = baseline ÷ onet-match (log scale): right of 1× the baseline is that many</text>`,
  );
  out.push(`<text x="20" y="61" fill="#555">times slower (or bigger) than onet-match. Red tick = the target ratio vs sql.js.</text>`);
  // legend
  out.push(`<rect x="${left}" y="70" width="12" height="12" fill="#4e79a7"/><text x="${left + 18}" y="80">sql.js (SQLite WASM)</text>`);
  out.push(`<rect x="${left + 170}" y="70" width="12" height="12" fill="#f28e2b"/><text x="${left + 188}" y="80">naive JSON arrays</text>`);
  // grid
  for (let e = 0; e <= maxExp; e++) {
    const gx = x(10 ** e);
    out.push(`<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + rows.length * rowH}" stroke="${e === 0 ? '#888' : '#ddd'}"/>`);
    out.push(`<text x="${gx}" y="${top + rows.length * rowH + 16}" text-anchor="middle" fill="#555">${e === 0 ? '1× = onet-match' : `${10 ** e}×`}</text>`);
  }
  rows.forEach((row, i) => {
    const y = top + i * rowH;
    out.push(`<text x="20" y="${y + 20}" font-weight="600">${esc(row.label)}</text>`);
    out.push(`<text x="20" y="${y + 36}" fill="#666" font-size="10.5">${esc(row.sub)}</text>`);
    const bar = (ratio: number | undefined, dy: number, color: string) => {
      if (ratio === undefined || !Number.isFinite(ratio)) return;
      // Bars grow from 1× (onet-match): rightwards when the baseline is slower, leftwards when faster.
      const x0 = x(1);
      const x1 = x(ratio);
      const from = Math.min(x0, x1);
      const w = Math.max(1, Math.abs(x1 - x0));
      out.push(`<rect x="${from.toFixed(1)}" y="${y + dy}" width="${w.toFixed(1)}" height="16" fill="${color}"/>`);
      out.push(`<text x="${(Math.max(x0, x1) + 6).toFixed(1)}" y="${y + dy + 12}">${ratio >= 100 ? ratio.toFixed(0) : ratio.toFixed(1)}×</text>`);
    };
    bar(row.sql, 8, '#4e79a7');
    bar(row.naive, 28, '#f28e2b');
    if (row.target) {
      const tx = x(row.target);
      out.push(`<line x1="${tx}" y1="${y + 4}" x2="${tx}" y2="${y + 28}" stroke="#d62728" stroke-width="2"/>`);
    }
    out.push(`<line x1="20" y1="${y + rowH - 4}" x2="${right}" y2="${y + rowH - 4}" stroke="#f0f0f0"/>`);
  });
  const meta = r.meta as { date: string; queriesPerKind: number; runs: number };
  out.push(
    `<text x="20" y="${H - 12}" fill="#888" font-size="10.5">${esc(`npm run bench — ${meta.date}, ${meta.queriesPerKind} queries per kind, ${meta.runs} runs, medians. Data: O*NET 29.3 (USDOL/ETA, CC BY 4.0).`)}</text>`,
  );
  out.push('</svg>');
  return out.join('\n');
}

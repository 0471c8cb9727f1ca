// Savings over time: cumulative tool-output tokens in, sent, and saved net of retrievals, over the
// requests the proxy's trace holds (uPlot, bundled: the page loads nothing from elsewhere).
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RequestTrace } from './types.js';

let plot: uPlot | undefined;

function series(traces: RequestTrace[]): uPlot.AlignedData {
  const ordered = [...traces].sort((a, b) => a.id - b.id);
  const x: number[] = [], before: number[] = [], after: number[] = [], saved: number[] = [];
  let b = 0, a = 0, s = 0;
  for (const t of ordered) {
    b += t.tokensBefore;
    a += t.tokensAfter;
    s += t.netSavedTokens;
    // uPlot needs strictly increasing x: two requests in the same millisecond are spread by a microsecond.
    const at = Date.parse(t.time) / 1000;
    x.push(x.length && at <= x[x.length - 1]! ? x[x.length - 1]! + 1e-6 : at);
    before.push(b);
    after.push(a);
    saved.push(s);
  }
  return [x, before, after, saved];
}

export function renderChart(traces: RequestTrace[], into: HTMLElement): void {
  const data = series(traces);
  const width = Math.max(320, into.clientWidth);
  if (!plot) {
    plot = new uPlot(
      {
        width,
        height: 240,
        series: [
          {},
          { label: 'tool output in', stroke: '#8a94a6', width: 1.5 },
          { label: 'sent', stroke: '#3b6fd8', width: 1.5 },
          { label: 'net saved', stroke: '#1f9d55', width: 2, fill: 'rgba(31,157,85,0.12)' },
        ],
        axes: [{}, { size: 70, values: (_u, v) => v.map((n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : String(n))) }],
        scales: { x: { time: true } },
      },
      data,
      into,
    );
    window.addEventListener('resize', () => plot?.setSize({ width: Math.max(320, into.clientWidth), height: 240 }));
  } else {
    plot.setData(data);
  }
}

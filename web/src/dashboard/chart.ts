// Units sold over time, with a marker where each wave went out: uPlot (bundled with the page), drawn from the
// merchant API's sales buckets.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Sales } from './merchant';

/** The chart's data: bucket starts (seconds), units sold so far, and holds made in each bucket. */
export function series(sales: Sales): [number[], number[], number[]] {
  const xs: number[] = [];
  const cumulative: number[] = [];
  const holds: number[] = [];
  let sold = 0;
  for (const point of sales.points) {
    sold += point.unitsSold;
    xs.push(Date.parse(point.at) / 1000);
    cumulative.push(sold);
    holds.push(point.holds);
  }
  return [xs, cumulative, holds];
}

function waveMarkers(sales: Sales): uPlot.Plugin {
  return {
    hooks: {
      draw: [(u: uPlot) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = '#5b21b6';
        ctx.fillStyle = '#5b21b6';
        ctx.setLineDash([6, 4]);
        ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
        for (const wave of sales.waves) {
          const at = Date.parse(wave.releasedAt ?? wave.at) / 1000;
          const x = u.valToPos(at, 'x', true);
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) {
            continue;
          }
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillText(`wave ${wave.wave}`, x + 4 * devicePixelRatio, u.bbox.top + 14 * devicePixelRatio);
        }
        ctx.restore();
      }],
    },
  };
}

export class SalesChart {
  private plot: uPlot | null = null;

  constructor(private readonly container: HTMLElement) {}

  draw(sales: Sales): void {
    const data = series(sales);
    const width = Math.max(280, Math.min(this.container.clientWidth || 640, 900));
    if (this.plot) {
      this.plot.destroy();
    }
    this.plot = new uPlot({
      width,
      height: 240,
      plugins: [waveMarkers(sales)],
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { label: 'units' }],
      series: [
        {},
        { label: 'Units sold (total)', stroke: '#166534', width: 2, fill: 'rgba(22, 101, 52, 0.08)' },
        { label: 'Holds in the interval', stroke: '#b45309', width: 1, dash: [4, 3] },
      ],
    }, data, this.container);
  }
}

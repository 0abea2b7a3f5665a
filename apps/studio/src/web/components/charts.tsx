// uPlot charts: a DPS histogram and the damage/resource timeline. uPlot draws to canvas and is
// ~50 KB, fast enough to redraw while resizing; the wrapper owns the instance's lifecycle.
import type { HistogramBinView, TimelineView } from '@simforge/common';
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';

function useUPlot(makeOptions: (width: number) => uPlot.Options, data: uPlot.AlignedData) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = new uPlot(makeOptions(el.clientWidth || 600), data, el);
    const observer = new ResizeObserver(() =>
      plot.setSize({ width: el.clientWidth || 600, height: plot.height }),
    );
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [makeOptions, data]);
  return ref;
}

const AXIS = { stroke: '#9aa4b2', grid: { stroke: 'rgba(255,255,255,0.06)' }, ticks: { stroke: '#3a4150' } };

export function DpsHistogram({
  bins,
  binWidthDps,
  mean,
}: {
  bins: HistogramBinView[];
  binWidthDps: number;
  mean: number;
}) {
  const data = useMemoData(() => {
    // Dense bins (zeros included) so the bars sit at their real DPS positions.
    if (bins.length === 0) return [[], []] as uPlot.AlignedData;
    const first = bins[0]!.lowDps;
    const last = bins[bins.length - 1]!.lowDps;
    const n = Math.round((last - first) / binWidthDps) + 1;
    const xs = Array.from({ length: n }, (_, i) => first + i * binWidthDps + binWidthDps / 2);
    const ys = new Array<number>(n).fill(0);
    for (const b of bins) ys[Math.round((b.lowDps - first) / binWidthDps)] = b.count;
    return [xs, ys] as uPlot.AlignedData;
  }, [bins, binWidthDps]);

  const ref = useUPlot(
    useMemoFn(
      () => (width: number) => ({
        width,
        height: 240,
        legend: { show: false },
        cursor: { points: { show: false } },
        scales: { x: { time: false } },
        axes: [
          { ...AXIS, label: 'DPS' },
          { ...AXIS, label: 'iterations', size: 60 },
        ],
        series: [
          {},
          {
            label: 'iterations',
            fill: 'rgba(171,212,115,0.55)',
            stroke: '#abd473',
            paths: uPlot.paths.bars?.({ size: [1, 100] }),
            points: { show: false },
          },
        ],
        hooks: {
          draw: [
            (u: uPlot) => {
              const x = u.valToPos(mean, 'x', true);
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = '#f5c542';
              ctx.setLineDash([4, 4]);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
              ctx.restore();
            },
          ],
        },
      }),
      [mean],
    ),
    data,
  );
  return <div ref={ref} className="chart" data-testid="dps-histogram" />;
}

/** `resourceName` labels the second series: the spec's resource (focus, mana, ...). */
export function TimelineChart({ timeline, resourceName }: { timeline: TimelineView; resourceName: string }) {
  const data = useMemoData(() => {
    const seconds = timeline.dps.map((_, i) => (i * timeline.binMs) / 1000);
    return [seconds, timeline.dps, timeline.resource] as uPlot.AlignedData;
  }, [timeline]);
  const ref = useUPlot(
    useMemoFn(
      () => (width: number) => ({
        width,
        height: 260,
        scales: {
          x: { time: false },
          resource: { range: [0, Math.max(100, ...timeline.resource)] as [number, number] },
        },
        axes: [
          { ...AXIS, label: 'fight time (s)' },
          { ...AXIS, label: 'damage per second', size: 70 },
          { ...AXIS, scale: 'resource', side: 1, label: resourceName, grid: { show: false } },
        ],
        series: [
          { label: 'second' },
          { label: 'DPS', stroke: '#abd473', width: 1.5, points: { show: false } },
          { label: resourceName, scale: 'resource', stroke: '#e8a33d', width: 1, points: { show: false } },
        ],
      }),
      [timeline, resourceName],
    ),
    data,
  );
  return <div ref={ref} className="chart" data-testid="timeline-chart" />;
}

// Small memo helpers so the chart effect only re-runs when its inputs really change.
function useMemoData(make: () => uPlot.AlignedData, deps: unknown[]): uPlot.AlignedData {
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's inputs
  return useMemo(make, deps);
}

function useMemoFn<T>(make: () => T, deps: unknown[]): T {
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps are the caller's inputs
  return useMemo(make, deps);
}

// uPlot options for the dashboard's two charts; kept out of the components so the layout is in one place.
import uPlot from 'uplot';
import { SKILL_LOOK, SKILL_ORDER } from '../lib/skills';
import { levelColour, niceSplits, type WeekPoint } from './dashboard-figures';
import type { SkillLevel } from '../../../electron/api/types';

const INK = '#14262d';
const GRID = '#dce8eb';
const FONT = '600 16px "Be Vietnam Pro", system-ui, sans-serif';
const AXIS_FONT = '500 15px "Be Vietnam Pro", system-ui, sans-serif';
/** uPlot's "colour" facet unit: per-bar colours come straight from `values`. */
const COLOUR_UNIT = 3 as uPlot.Series.BarsPathBuilderFacetUnit;

const yAxis = (format: (v: number) => string): uPlot.Axis => ({
  stroke: INK,
  font: AXIS_FONT,
  size: 64,
  grid: { stroke: GRID, width: 1 },
  ticks: { show: false },
  values: (_u, splits) => splits.map(format),
});

/** Stacked bars: one per skill in its colour, levels from proficient (bottom) to not yet (top), in percent of people. */
export function coverageChart(stacks: { level: SkillLevel; values: number[] }[], names: readonly string[]): Omit<uPlot.Options, 'width' | 'height'> {
  return {
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.5, SKILL_ORDER.length - 0.5] }, y: { range: [0, 100] } },
    axes: [
      {
        stroke: INK,
        font: FONT,
        size: 64,
        gap: 6,
        grid: { show: false },
        ticks: { show: false },
        splits: () => SKILL_ORDER.map((_, i) => i),
        values: (_u, splits) => splits.map((i) => names[i] ?? ''),
      },
      { ...yAxis((v) => `${v}%`), splits: () => [0, 25, 50, 75, 100] },
    ],
    series: [
      {},
      ...stacks.map(({ level }) => ({
        label: level,
        fill: '#ffffff',
        stroke: 'transparent',
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars!({
          size: [0.62, 160],
          disp: { fill: { unit: COLOUR_UNIT, values: () => SKILL_ORDER.map((skill) => levelColour(SKILL_LOOK[skill].colour, level)) } },
        }),
      })),
    ],
  };
}

/** Bars of people helped per week, each with its number on top. */
export function weeksChart(points: readonly WeekPoint[]): Omit<uPlot.Options, 'width' | 'height'> {
  const max = Math.max(1, ...points.map((p) => p.people));
  const every = Math.ceil(points.length / 13);
  return {
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.5, points.length - 0.5] }, y: { range: [0, Math.ceil(max * 1.2)] } },
    axes: [
      {
        stroke: INK,
        font: AXIS_FONT,
        size: 48,
        grid: { show: false },
        ticks: { show: false },
        splits: () => points.map((_, i) => i).filter((i) => i % every === 0),
        values: (_u, splits) => splits.map((i) => points[i]?.label ?? ''),
      },
      { ...yAxis((v) => (Number.isInteger(v) ? String(v) : '')), splits: (_u, _ax, _min, top) => niceSplits(top) },
    ],
    series: [
      {},
      { label: 'people', fill: '#0f6b7a', stroke: '#0b5866', width: 0, points: { show: false }, paths: uPlot.paths.bars!({ size: [0.7, 80] }) },
    ],
    hooks: {
      draw: [
        (u) => {
          // The number on each bar, so the chart reads without a tooltip (nothing on a kiosk may need hover).
          const ctx = u.ctx;
          const values = u.data[1] ?? [];
          ctx.save();
          ctx.font = `700 ${Math.round(16 * uPlot.pxRatio)}px "Be Vietnam Pro", system-ui, sans-serif`;
          ctx.fillStyle = INK;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'bottom';
          values.forEach((v, i) => {
            if (v === null || v === undefined || v === 0) return;
            ctx.fillText(String(v), u.valToPos(i, 'x', true), u.valToPos(v, 'y', true) - 4 * uPlot.pxRatio);
          });
          ctx.restore();
        },
      ],
    },
  };
}


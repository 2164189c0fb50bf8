/**
 * The dashboard's charts, hand-written in SVG.
 *
 * Why not a chart library: the dashboard needs four simple bar charts (stacked weekly bars,
 * horizontal bars, paired bars per department, a rate per week). The well-kept options weigh far
 * more than that (orders of magnitude, from their published minified and gzipped sizes, not
 * measured here since none is installed): @fluentui/react-charting brings d3 modules, Recharts
 * brings d3 modules and its own components, Chart.js draws on a canvas that needs its own
 * accessibility work and a React wrapper; each is tens of KB gzipped at least. The suite's entry
 * bundles are about 100-130 KB gzipped. This module, measured with esbuild (minified, React and
 * Fluent excluded), is 6.8 KB raw and 2.6 KB gzipped. It reads colours from the Fluent theme (so
 * dark and high contrast follow the host), and every series also gets its own fill pattern, so
 * series stay distinct where the theme collapses colours (high contrast) and for colour-blind
 * readers.
 *
 * Every chart has a title, localized axis labels, and a "Show as table" toggle: the same figures as
 * an HTML table (the SVG itself is hidden from assistive technology, the table is the alternative).
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import type { Theme } from '@fluentui/react/lib/Theme';
import { Toggle } from '@fluentui/react/lib/Toggle';

let chartInstances = 0;

/** Series colours, from the theme only. */
export function seriesColors(theme: Theme): string[] {
  const p = theme.palette;
  return [p.themePrimary, p.themeDarker, p.themeTertiary, p.neutralSecondary, p.themeDarkAlt, p.neutralTertiary, p.themeSecondary];
}

type PatternKind = 'solid' | 'diagonal' | 'horizontal' | 'vertical' | 'cross' | 'dots' | 'backDiagonal';
const PATTERNS: PatternKind[] = ['solid', 'diagonal', 'dots', 'horizontal', 'backDiagonal', 'vertical', 'cross'];

function patternMarks(kind: PatternKind, stroke: string): JSX.Element | null {
  const line = (d: string): JSX.Element => <path d={d} stroke={stroke} strokeWidth={1.5} />;
  switch (kind) {
    case 'diagonal': return line('M0,8 L8,0');
    case 'backDiagonal': return line('M0,0 L8,8');
    case 'horizontal': return line('M0,4 L8,4');
    case 'vertical': return line('M4,0 L4,8');
    case 'cross': return <>{line('M0,4 L8,4')}{line('M4,0 L4,8')}</>;
    case 'dots': return <circle cx={4} cy={4} r={1.5} fill={stroke} />;
    default: return null;
  }
}

/** <defs> with one pattern per series: its colour, marked with the background colour. */
const SeriesPatterns: React.FC<{ id: string; count: number; only?: number }> = ({ id, count, only }) => {
  const theme = useTheme();
  const colors = seriesColors(theme);
  return (
    <defs>
      {Array.from({ length: count }, (_, i) => i).filter(i => only === undefined || i === only).map(i => (
        <pattern key={i} id={`${id}-s${i}`} width={8} height={8} patternUnits="userSpaceOnUse">
          <rect width={8} height={8} fill={colors[i % colors.length]} />
          {patternMarks(PATTERNS[i % PATTERNS.length], theme.semanticColors.bodyBackground)}
        </pattern>
      ))}
    </defs>
  );
};

const fill = (id: string, i: number): string => `url(#${id}-s${i})`;

export interface ChartTableColumn {
  header: string;
  /** Right-aligned figures. */
  numeric?: boolean;
}

export interface ChartFrameProps {
  title: string;
  /** "Show as table" label. */
  showAsTable: string;
  /** Table alternative: column headers and rows (the first cell of a row is its header). */
  columns: ChartTableColumn[];
  rows: Array<Array<string | number>>;
  /** A short text under the title (what the figures mean). */
  description?: string;
  /** The legend and the SVG. */
  children: React.ReactNode;
  testId?: string;
}

/** A chart's frame: title, description, the chart or its table. */
export const ChartFrame: React.FC<ChartFrameProps> = ({ title, showAsTable, columns, rows, description, children, testId }) => {
  const theme = useTheme();
  const [id] = React.useState(() => `relay-chart-${++chartInstances}`);
  const [asTable, setAsTable] = React.useState(false);
  const styles = mergeStyleSets({
    root: { border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, padding: 12, minWidth: 0, background: theme.semanticColors.bodyBackground },
    head: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: 8, flexWrap: 'wrap' },
    title: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: 0 },
    description: { color: theme.semanticColors.bodySubtext, margin: '4px 0 8px', fontSize: theme.fonts.small.fontSize },
    table: { borderCollapse: 'collapse', width: '100%', fontSize: theme.fonts.small.fontSize },
    th: { textAlign: 'left', borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`, padding: '4px 6px' },
    td: { borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`, padding: '4px 6px' },
    num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' }
  });
  return (
    <section className={styles.root} aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className={styles.head}>
        <h3 id={`${id}-title`} className={styles.title}>{title}</h3>
        <Toggle label={showAsTable} inlineLabel checked={asTable} onChange={(_e, v) => setAsTable(!!v)} styles={{ root: { margin: 0 } }} />
      </div>
      {description && <p className={styles.description}>{description}</p>}
      {asTable
        ? (
          <table className={styles.table} aria-labelledby={`${id}-title`}>
            <thead>
              <tr>{columns.map((c, i) => <th key={i} scope="col" className={`${styles.th} ${c.numeric ? styles.num : ''}`}>{c.header}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((cell, j) => j === 0
                    ? <th key={j} scope="row" className={styles.td} style={{ fontWeight: 400 }}>{cell}</th>
                    : <td key={j} className={`${styles.td} ${columns[j] && columns[j].numeric ? styles.num : ''}`}>{cell}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          )
        : children}
    </section>
  );
};

/** A legend of series swatches (the same patterns as the bars). */
export const Legend: React.FC<{ id: string; labels: string[] }> = ({ id, labels }) => {
  const theme = useTheme();
  return (
    <ul aria-hidden="true" style={{ listStyle: 'none', display: 'flex', flexWrap: 'wrap', gap: 12, padding: 0, margin: '0 0 6px', fontSize: theme.fonts.small.fontSize }}>
      {labels.map((label, i) => (
        <li key={i} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          <svg width={14} height={14} focusable="false">
            <SeriesPatterns id={`${id}-legend-${i}`} count={labels.length} only={i} />
            <rect width={14} height={14} fill={fill(`${id}-legend-${i}`, i)} stroke={theme.semanticColors.bodyText} strokeWidth={0.5} />
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
};

/** Round axis maximum and ticks for counts. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw) || raw;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}

/** Widest drawing, in pixels: wider containers scale the chart up, as before. */
const CHART_MAX_WIDTH = 560;
/** Narrowest drawing: below it the chart scales down rather than crowd its labels. */
const CHART_MIN_WIDTH = 260;

/**
 * The width to draw a chart at: its container's, measured (ResizeObserver), between the bounds.
 * Drawn at the container's own width, 12 px labels stay 12 px on a phone; a fixed 560-unit drawing
 * squeezed into a 320 px column made them about 5 px.
 */
export function useChartWidth(): [React.RefObject<HTMLDivElement>, number] {
  const ref = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(CHART_MAX_WIDTH);
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = (): void => {
      const w = el.clientWidth;
      // Not laid out (hidden, or no layout engine): keep the default.
      if (w > 0) setWidth(Math.max(CHART_MIN_WIDTH, Math.min(CHART_MAX_WIDTH, Math.floor(w))));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

export interface StackedBarsProps {
  /** X labels (one per column) and series (label + one value per column). */
  columns: string[];
  series: Array<{ label: string; values: number[] }>;
  xLabel: string;
  yLabel: string;
  /** Formats a tick value. */
  formatValue?: (v: number) => string;
  /** Maximum of the value axis (default: the largest stack). */
  max?: number;
}

/** Vertical stacked bars (a single series is a plain bar chart). */
export const StackedBars: React.FC<StackedBarsProps> = ({ columns, series, xLabel, yLabel, formatValue = v => String(v), max }) => {
  const theme = useTheme();
  const [id] = React.useState(() => `relay-bars-${++chartInstances}`);
  const [box, width] = useChartWidth();
  const height = 240;
  const left = 48;
  const bottom = 48;
  const top = 8;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const stacks = columns.map((_, c) => series.reduce((sum, s) => sum + (s.values[c] || 0), 0));
  const ticks = niceTicks(max !== undefined ? max : Math.max(0, ...stacks));
  const axisMax = ticks[ticks.length - 1] || 1;
  const slot = plotW / Math.max(1, columns.length);
  const barW = Math.max(4, slot * 0.65);
  // Labels of about 30 px ("W38", "S38"): on a narrow chart every other one, so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(30 / slot));
  const y = (v: number): number => top + plotH - (v / axisMax) * plotH;
  const text = theme.semanticColors.bodyText;
  const sub = theme.semanticColors.bodySubtext;
  return (
    <>
      {series.length > 1 && <Legend id={id} labels={series.map(s => s.label)} />}
      <div ref={box}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="presentation" aria-hidden="true" focusable="false" style={{ maxHeight: 280 }} data-chart-width={width}>
        <SeriesPatterns id={id} count={series.length} />
        {ticks.map(t => (
          <g key={t}>
            <line x1={left} x2={width - 8} y1={y(t)} y2={y(t)} stroke={theme.semanticColors.bodyDivider} strokeWidth={t === 0 ? 1 : 0.5} />
            <text x={left - 6} y={y(t) + 4} textAnchor="end" fontSize={12} fill={sub}>{formatValue(t)}</text>
          </g>
        ))}
        {columns.map((col, c) => {
          let acc = 0;
          const x = left + c * slot + (slot - barW) / 2;
          return (
            <g key={c}>
              {series.map((s, i) => {
                const v = s.values[c] || 0;
                if (v <= 0) return null;
                const y0 = y(acc + v);
                const h = y(acc) - y0;
                acc += v;
                return <rect key={i} x={x} y={y0} width={barW} height={Math.max(0, h)} fill={fill(id, i)} stroke={theme.semanticColors.bodyBackground} strokeWidth={0.5} />;
              })}
              {(columns.length - 1 - c) % labelEvery === 0 && (
                <text x={x + barW / 2} y={height - bottom + 14} textAnchor="middle" fontSize={12} fill={sub}>{col}</text>
              )}
            </g>
          );
        })}
        <text x={left + plotW / 2} y={height - 6} textAnchor="middle" fontSize={13} fill={text}>{xLabel}</text>
        <text transform={`translate(12 ${top + plotH / 2}) rotate(-90)`} textAnchor="middle" fontSize={12} fill={text}>{yLabel}</text>
      </svg>
      </div>
    </>
  );
};

export interface HorizontalBarsProps {
  /** One bar per row; several series draw grouped bars per row. */
  rows: string[];
  series: Array<{ label: string; values: Array<number | null> }>;
  xLabel: string;
  yLabel: string;
  formatValue?: (v: number) => string;
}

/** Horizontal bars, grouped when there are several series (median and 90th percentile...). */
export const HorizontalBars: React.FC<HorizontalBarsProps> = ({ rows, series, xLabel, yLabel, formatValue = v => String(v) }) => {
  const theme = useTheme();
  const [id] = React.useState(() => `relay-hbars-${++chartInstances}`);
  const [box, width] = useChartWidth();
  // The row labels take at most a third of a narrow chart (about 6.5 px a character at 12 px).
  const labelW = Math.min(150, Math.round(width * 0.34));
  const labelChars = Math.max(8, Math.floor(labelW / 6.5));
  const barH = 14;
  const groupH = series.length * barH + 10;
  const top = 4;
  const bottom = 40;
  const height = top + rows.length * groupH + bottom;
  const plotW = width - labelW - 48;
  const all = series.reduce<number[]>((acc, s) => acc.concat(s.values.filter((v): v is number => v !== null)), []);
  const ticks = niceTicks(Math.max(0, ...all));
  const axisMax = ticks[ticks.length - 1] || 1;
  const x = (v: number): number => labelW + (v / axisMax) * plotW;
  const sub = theme.semanticColors.bodySubtext;
  const clip = (s: string): string => (s.length > labelChars ? `${s.slice(0, labelChars - 1)}…` : s);
  return (
    <>
      {series.length > 1 && <Legend id={id} labels={series.map(s => s.label)} />}
      <div ref={box}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="presentation" aria-hidden="true" focusable="false" data-chart-width={width}>
        <SeriesPatterns id={id} count={series.length} />
        {ticks.map(t => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top} y2={height - bottom} stroke={theme.semanticColors.bodyDivider} strokeWidth={t === 0 ? 1 : 0.5} />
            <text x={x(t)} y={height - bottom + 14} textAnchor="middle" fontSize={12} fill={sub}>{formatValue(t)}</text>
          </g>
        ))}
        {rows.map((row, r) => (
          <g key={r}>
            <text x={labelW - 6} y={top + r * groupH + groupH / 2} textAnchor="end" dominantBaseline="middle" fontSize={12} fill={theme.semanticColors.bodyText}>{clip(row)}</text>
            {series.map((s, i) => {
              const v = s.values[r];
              if (v === null || v === undefined) return null;
              const yy = top + r * groupH + 5 + i * barH;
              return (
                <g key={i}>
                  <rect x={labelW} y={yy} width={Math.max(1, x(v) - labelW)} height={barH - 2} fill={fill(id, i)} />
                  <text x={x(v) + 4} y={yy + barH / 2} dominantBaseline="middle" fontSize={12} fill={sub}>{formatValue(v)}</text>
                </g>
              );
            })}
          </g>
        ))}
        <text x={labelW + plotW / 2} y={height - 6} textAnchor="middle" fontSize={12} fill={theme.semanticColors.bodyText}>{xLabel}</text>
        <text x={4} y={height - 6} fontSize={12} fill={theme.semanticColors.bodyText}>{yLabel}</text>
      </svg>
      </div>
    </>
  );
};

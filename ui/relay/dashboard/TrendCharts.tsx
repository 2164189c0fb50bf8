/**
 * The dashboard's four charts, from the daily statistics (core/relay/trends.ts): relays per week by
 * category (stacked), top irritants, time to acknowledge and to resolve per department (median and
 * 90th percentile), and the breach rate per week.
 */
import * as React from 'react';
import { mergeStyles, mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import type { FeedbackPolicy } from '../../../core/policy/types';
import type { DayStats, Insight } from '../../../core/relay/model';
import { addDays, breachRates, relaysPerWeek, responseTimesByDepartment, topInsightsByReach, topIrritants } from '../../../core/relay/trends';
import { format } from '../../../core/format';
import { ChartFrame, HorizontalBars, StackedBars } from './charts';
import { optionLabel } from './rows';
import { hoursText } from './parts';

/** Categories drawn as their own series; the rest are summed as "Other". */
const MAX_SERIES = 6;

export interface TrendChartsProps {
  days: DayStats[];
  today: string;
  weeks: number;
  policy: FeedbackPolicy;
  strings: IRelayDashboardStrings;
  locale: string;
  /** The open insights (management only): the most relayed ones get a chart. */
  openInsights?: Insight[];
}

export const TrendCharts: React.FC<TrendChartsProps> = ({ days, today, weeks, policy, strings: s, locale, openInsights }) => {
  const theme = useTheme();
  const styles = mergeStyleSets({
    grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 440px), 1fr))', gap: 12 }
  });
  const pct = (v: number | null): string => (v === null ? s.NoData : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(v));
  const hours = (v: number | null): string => (v === null ? s.NoData : format(s.HoursValue, hoursText(locale, v)));

  const perWeek = relaysPerWeek(days, today, 'category', weeks);
  const shown = perWeek.series.slice(0, MAX_SERIES);
  const rest = perWeek.series.slice(MAX_SERIES);
  const weekSeries = shown.map(x => ({ label: optionLabel(policy.categories, x.key, locale), values: x.counts }));
  if (rest.length > 0) weekSeries.push({ label: s.Other, values: perWeek.weeks.map((_, i) => rest.reduce((a, x) => a + x.counts[i], 0)) });
  const weekLabels = perWeek.weeks.map(w => format(s.WeekShort, w.week.slice(-2)));
  const weekTitle = (i: number): string => format(s.WeekOf, perWeek.weeks[i].week, perWeek.weeks[i].start);

  const from = perWeek.weeks[0].start;
  const irritants = topIrritants(days, from, today, 'category', 6);
  const products = topIrritants(days, from, today, 'product', 6);
  const times = responseTimesByDepartment(days, from, today);
  const breach = breachRates(days, today, weeks);
  const reached = openInsights ? topInsightsByReach(openInsights, 6) : [];

  return (
    <section aria-labelledby="relay-trends" style={{ margin: '24px 0' }}>
      <h2 id="relay-trends" className={mergeStyles({ ...theme.fonts.large, margin: '0 0 4px' })}>{s.TrendsHeading}</h2>
      <p style={{ margin: '0 0 12px', color: theme.semanticColors.bodySubtext }}>{format(s.TrendsPeriod, from, addDays(from, weeks * 7 - 1))}</p>
      <div className={styles.grid}>
        <ChartFrame
          testId="chart-weekly"
          title={format(s.ChartWeeklyTitle, weeks)}
          showAsTable={s.ShowAsTable}
          columns={[{ header: s.AxisWeek }, ...weekSeries.map(x => ({ header: x.label, numeric: true })), { header: s.Total, numeric: true }]}
          rows={perWeek.weeks.map((_, i) => [weekTitle(i), ...weekSeries.map(x => x.values[i]), perWeek.totals[i]])}
        >
          {perWeek.series.length === 0
            ? <p>{s.NoRelaysInPeriod}</p>
            : <StackedBars columns={weekLabels} series={weekSeries} xLabel={s.AxisWeek} yLabel={s.AxisRelays} />}
        </ChartFrame>

        <ChartFrame
          testId="chart-irritants"
          title={s.ChartIrritantsTitle}
          description={s.ChartIrritantsDescription}
          showAsTable={s.ShowAsTable}
          columns={[{ header: s.Category }, { header: s.AxisRelays, numeric: true }]}
          rows={[
            ...irritants.map(x => [optionLabel(policy.categories, x.key, locale), x.count]),
            ...products.map(x => [format(s.ProductPrefix, optionLabel(policy.products, x.key, locale)), x.count])
          ]}
        >
          {irritants.length === 0 && products.length === 0
            ? <p>{s.NoRelaysInPeriod}</p>
            : <HorizontalBars
                rows={[...irritants.map(x => optionLabel(policy.categories, x.key, locale)), ...products.map(x => format(s.ProductPrefix, optionLabel(policy.products, x.key, locale)))]}
                series={[{ label: s.AxisRelays, values: [...irritants.map(x => x.count), ...products.map(x => x.count)] }]}
                xLabel={s.AxisRelays}
                yLabel=""
              />}
        </ChartFrame>

        {reached.length > 0 && (
          <ChartFrame
            testId="chart-reach"
            title={s.ChartReachTitle}
            description={s.ChartReachDescription}
            showAsTable={s.ShowAsTable}
            columns={[{ header: s.InsightColumn }, { header: s.Reach, numeric: true }]}
            rows={reached.map(i => [i.title || i.summary, i.reach])}
          >
            <HorizontalBars rows={reached.map(i => i.title || i.summary)} series={[{ label: s.Reach, values: reached.map(i => i.reach) }]} xLabel={s.AxisRelays} yLabel="" />
          </ChartFrame>
        )}

        <ChartFrame
          testId="chart-times"
          title={s.ChartTimesTitle}
          description={s.ChartTimesDescription}
          showAsTable={s.ShowAsTable}
          columns={[
            { header: s.Department },
            { header: s.AcknowledgeMedian, numeric: true }, { header: s.AcknowledgeP90, numeric: true },
            { header: s.ResolveMedian, numeric: true }, { header: s.ResolveP90, numeric: true },
            { header: s.InsightsCounted, numeric: true }
          ]}
          rows={times.map(t => [t.department || s.NoDepartment, hours(t.acknowledge.median), hours(t.acknowledge.p90), hours(t.resolve.median), hours(t.resolve.p90), Math.max(t.acknowledge.count, t.resolve.count)])}
        >
          {times.length === 0
            ? <p>{s.NoClosedInPeriod}</p>
            : <HorizontalBars
                rows={times.map(t => t.department || s.NoDepartment)}
                series={[
                  { label: s.AcknowledgeMedian, values: times.map(t => t.acknowledge.median) },
                  { label: s.AcknowledgeP90, values: times.map(t => t.acknowledge.p90) },
                  { label: s.ResolveMedian, values: times.map(t => t.resolve.median) },
                  { label: s.ResolveP90, values: times.map(t => t.resolve.p90) }
                ]}
                xLabel={s.AxisBusinessHours}
                yLabel=""
                formatValue={v => hoursText(locale, v)}
              />}
        </ChartFrame>

        <ChartFrame
          testId="chart-breach"
          title={s.ChartBreachTitle}
          description={format(s.ChartBreachDescription, pct(breach.overall.resolveRate), breach.overall.resolveBreaches, breach.overall.closed, pct(breach.overall.acknowledgeRate))}
          showAsTable={s.ShowAsTable}
          columns={[{ header: s.AxisWeek }, { header: s.Closed, numeric: true }, { header: s.ResolveBreaches, numeric: true }, { header: s.AxisBreachRate, numeric: true }]}
          rows={breach.weeks.map((w, i) => [weekTitle(i), w.closed, w.resolveBreaches, pct(w.resolveRate)])}
        >
          {breach.overall.closed === 0
            ? <p>{s.NoClosedInPeriod}</p>
            : <StackedBars
                columns={weekLabels}
                series={[{ label: s.AxisBreachRate, values: breach.weeks.map(w => (w.resolveRate === null ? 0 : w.resolveRate * 100)) }]}
                xLabel={s.AxisWeek}
                yLabel={s.AxisBreachRate}
                max={100}
                formatValue={v => `${v} %`}
              />}
        </ChartFrame>
      </div>
    </section>
  );
};

/**
 * The management dashboard: open insights ordered by cost of delay (with the reason shown), acting
 * on them in place, spikes, and the trend charts. For the management role; members of the
 * communications role (who read the statistics) see the spikes and the charts and may publish a
 * spike as a company banner; everyone else is told who the dashboard is for.
 *
 * First render: the policy and the user's groups (settings service, shared page cache), the open
 * insights (one request) and the daily statistics for the charts and the spike baseline (one
 * request). Nothing per insight: a timeline and relays load when an insight is opened.
 */
import * as React from 'react';
import { mergeStyles, mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { Insight } from '../../../core/relay/model';
import { CLOSED_STATUSES } from '../../../core/relay/clock';
import type { InsightStatus } from '../../../core/relay/clock';
import { localDateKey } from '../../../core/relay/calendar';
import { firstDayNeeded } from '../../../core/relay/trends';
import { detectSpikes, spikeDaysNeeded } from '../../../core/relay/spikes';
import { format } from '../../../core/format';
import { plural } from '../../../core/plural';
import { isInsightConflict, RelayError } from '../../../services/relay/api';
import type { InsightQuery, RelayErrorCode } from '../../../services/relay/api';
import { useI18n } from '../../i18n';
import { useLoader } from '../../useLoader';
import { ErrorNotice } from '../../ErrorNotice';
import type { DashboardAccess, DashboardApi } from '../dashboardApi';
import { rankInsights, optionLabel } from './rows';
import { ClockSummary, CostFactors, ownerText } from './parts';
import { statusLabel } from '../statusLabel';
import { errorText, InsightPanel } from './InsightPanel';
import { SpikeList } from './SpikeList';
import { TrendCharts } from './TrendCharts';
import { ActionNotice, ConflictNotice } from './ConflictNotice';
import { useNames } from './names';
import { localizeTokens } from '../tokens';

/** Weeks shown by the charts. */
export const DASHBOARD_WEEKS = 12;
const ALL = '';
const isClosed = (status: InsightStatus): boolean => CLOSED_STATUSES.indexOf(status) >= 0;

/** The scope the insight list starts with. */
export const INITIAL_SCOPE: InsightQuery['scope'] = 'all';

/**
 * What the first render asks for besides the policy and roles: the open insights of the initial
 * scope (management only) and the statistics from this day on (12 weeks of charts and the spike
 * baseline). The request-count test calls exactly these.
 */
export function firstLoadOf(access: DashboardAccess, at: Date): { today: string; insights: InsightQuery | null; fromDay: string } {
  const today = localDateKey(at, access.policy.feedback.calendar.timeZone);
  return {
    today,
    insights: access.management ? { scope: INITIAL_SCOPE } : null,
    fromDay: firstDayNeeded(today, DASHBOARD_WEEKS, spikeDaysNeeded(access.policy.spikes))
  };
}

/** The insight a link names (`?insight=15`, the notification mails' links), or null. */
export function insightIdOf(search: string): number | null {
  const value = new URLSearchParams(search).get('insight');
  const id = value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

const pageSearch = (): string => (typeof window !== 'undefined' ? window.location.search : '');

export interface DashboardViewProps {
  api: DashboardApi;
  strings: IRelayDashboardStrings;
  /** The clock (tests pass a fixed instant). */
  now?: () => Date;
  /** The insight opened at once; default: the page address's `?insight=<id>`. */
  initialInsightId?: number | null;
}

interface DashboardProps {
  api: DashboardApi;
  access: DashboardAccess;
  strings: IRelayDashboardStrings;
  now?: () => Date;
  initialInsightId: number | null;
}

const Dashboard: React.FC<DashboardProps> = ({ api, access, strings: s, now, initialInsightId }) => {
  const theme = useTheme();
  const { locale } = useI18n();
  const policy = access.policy.feedback;
  const [at] = React.useState(() => (now ? now() : new Date()));
  const first = firstLoadOf(access, at);
  const today = first.today;
  const [scope, setScope] = React.useState<InsightQuery['scope']>(INITIAL_SCOPE);
  const [category, setCategory] = React.useState<string>(ALL);
  const [openId, setOpenId] = React.useState<number | null>(access.management ? initialInsightId : null);
  /** The linked insight when it is not in the open list (closed, or out of the scope). */
  const [linked, setLinked] = React.useState<Insight | null>(null);
  const [linkError, setLinkError] = React.useState<RelayErrorCode | null>(null);
  const [rowBusy, setRowBusy] = React.useState<number | null>(null);
  const [rowError, setRowError] = React.useState<{ id: number; code: RelayErrorCode } | null>(null);
  /** What an in-place action met: "already so", or a conflict whose fresh copy "apply mine anyway" acts on. */
  const [rowNotice, setRowNotice] = React.useState<(ActionNotice & { id: number; current: Insight | null; seq: number }) | null>(null);
  const noticeSeq = React.useRef(0);
  const rowRefs = React.useRef(new Map<number, HTMLLIElement>());
  const [changed, setChanged] = React.useState<Map<number, Insight>>(new Map());
  const listHeading = React.useRef<HTMLHeadingElement>(null);

  const insights = useLoader(
    () => (access.management ? api.insights.openInsights({ scope }) : Promise.resolve([] as Insight[])),
    [api, scope, access.management]
  );
  const fromDay = first.fromDay;
  const stats = useLoader(() => api.stats.days(fromDay), [api, fromDay]);
  React.useEffect(() => setChanged(new Map()), [insights.data]);
  // A deep link opens its insight: from the list once it is there, else read on its own.
  React.useEffect(() => {
    if (!access.management || initialInsightId === null || !insights.data) return undefined;
    if (insights.data.some(i => i.id === initialInsightId)) return undefined;
    let current = true;
    api.insights.get(initialInsightId).then(
      found => { if (current) setLinked(found); },
      e => {
        if (!current) return;
        setLinkError(e instanceof RelayError ? e.code : 'unavailable');
        setOpenId(id => (id === initialInsightId ? null : id));
      });
    return () => { current = false; };
  }, [api, access.management, initialInsightId, insights.data]);

  const current = React.useMemo(() => {
    return (insights.data || []).map(i => changed.get(i.id) || i).filter(i => i.isOpen !== false && !isClosed(i.status));
  }, [insights.data, changed]);
  const rows = React.useMemo(() => rankInsights(current, policy, at), [current, policy, at]);
  const visible = category === ALL ? rows : rows.filter(r => r.insight.category === category);
  const spikes = React.useMemo(() => (stats.data ? detectSpikes(stats.data, today, access.policy.spikes) : []), [stats.data, today, access.policy.spikes]);

  const onChanged = (insight: Insight): void => {
    setChanged(m => new Map(m).set(insight.id, insight));
  };
  const names = useNames(api.people, React.useMemo(() => current.map(i => i.owner.upn || '').filter(Boolean), [current]));
  /** After an action in a row its button may be gone (acknowledged): the focus stays in the row. */
  const focusRow = (id: number): void => {
    window.setTimeout(() => {
      const link = rowRefs.current.get(id)?.querySelector<HTMLElement>('[data-testid="insight-open"]');
      if (link) link.focus();
    }, 0);
  };
  const acknowledge = async (insight: Insight): Promise<void> => {
    setRowBusy(insight.id);
    setRowError(null);
    setRowNotice(null);
    try {
      const result = await api.insights.acknowledge(insight);
      onChanged(result.insight);
      focusRow(insight.id);
      if (result.outcome === 'alreadySo') setRowNotice({ id: insight.id, kind: 'alreadySo', changes: result.changes, current: null, seq: ++noticeSeq.current });
    } catch (e) {
      if (isInsightConflict(e)) {
        onChanged(e.conflict.current);
        setRowNotice({ id: insight.id, kind: 'conflict', changes: e.conflict.changes, current: e.conflict.current, seq: ++noticeSeq.current });
        return;
      }
      const code: RelayErrorCode = e instanceof RelayError ? e.code : 'unavailable';
      setRowError({ id: insight.id, code });
      if (code === 'conflict') {
        try { onChanged(await api.insights.get(insight.id)); } catch { /* the message says to try again */ }
      }
    } finally {
      setRowBusy(null);
    }
  };
  const keepTheirs = (id: number): void => {
    setRowNotice(null);
    // The choice is made: back to the insight's link in its row.
    const link = rowRefs.current.get(id)?.querySelector<HTMLElement>('[data-testid="insight-open"]');
    if (link) link.focus();
  };
  const close = (): void => {
    setOpenId(null);
    if (listHeading.current) listHeading.current.focus();
  };

  const styles = mergeStyleSets({
    root: { color: theme.semanticColors.bodyText, background: theme.semanticColors.bodyBackground, padding: 16, fontFamily: theme.fonts.medium.fontFamily },
    title: { ...theme.fonts.xLarge, margin: 0 },
    intro: { color: theme.semanticColors.bodySubtext, margin: '4px 0 12px' },
    h2: { ...theme.fonts.large, margin: '16px 0 4px', outline: 'none' },
    explain: { border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, padding: '8px 12px', margin: '8px 0' },
    explainTitle: { ...theme.fonts.medium, fontWeight: 600, margin: 0 },
    filters: { display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end', margin: '8px 0' },
    filter: { minWidth: 180 },
    list: { listStyle: 'none', margin: 0, padding: 0 },
    item: { padding: '10px 0', borderTop: `1px solid ${theme.semanticColors.bodyDivider}`, display: 'flex', gap: 12, alignItems: 'flex-start', flexWrap: 'wrap' },
    rank: { ...theme.fonts.large, minWidth: 28, color: theme.semanticColors.bodySubtext },
    body: { flex: '1 1 320px', minWidth: 0 },
    name: { ...theme.fonts.mediumPlus, fontWeight: 600 },
    meta: { margin: '2px 0 0', color: theme.semanticColors.bodySubtext, fontSize: theme.fonts.small.fontSize },
    actions: { display: 'flex', gap: 8, flexWrap: 'wrap' }
  });
  const opened = openId === null ? null
    : changed.get(openId) || (insights.data || []).find(i => i.id === openId) || (linked && linked.id === openId ? linked : null);

  return (
    <div className={styles.root} data-testid="relay-dashboard">
      <h2 className={styles.title}>{s.Title}</h2>
      <p className={styles.intro}>{access.management ? s.Intro : s.IntroCommunications}</p>

      {stats.error && <ErrorNotice error={stats.error} onRetry={stats.reload} />}
      {stats.data && (
        <SpikeList
          spikes={spikes}
          strings={s}
          locale={locale}
          policy={policy}
          spikePolicy={access.policy.spikes}
          banners={api.banners}
          canPublish={access.communications}
          now={at}
        />
      )}

      {linkError && (
        <MessageBar messageBarType={MessageBarType.warning} isMultiline onDismiss={() => setLinkError(null)} data-testid="insight-link-error">
          {errorText(s, linkError)}
        </MessageBar>
      )}
      {access.management && (
        <section aria-labelledby="relay-open-insights">
          <h2 id="relay-open-insights" className={styles.h2} ref={listHeading} tabIndex={-1}>{s.OpenInsightsHeading}</h2>
          <div className={styles.explain} data-testid="cost-explanation">
            <h3 className={styles.explainTitle}>{s.HowOrderedTitle}</h3>
            <p style={{ margin: '4px 0 0' }}>{s.HowOrderedText}</p>
          </div>
          <div className={styles.filters} role="group" aria-label={s.FiltersLabel}>
            <Dropdown
              className={styles.filter}
              label={s.ScopeLabel}
              selectedKey={scope}
              options={[{ key: 'all', text: s.ScopeAll }, { key: 'mine', text: s.ScopeMine }]}
              onChange={(_e, o) => o && setScope(o.key as InsightQuery['scope'])}
              data-testid="scope-filter"
            />
            <Dropdown
              className={styles.filter}
              label={s.Category}
              selectedKey={category}
              options={[{ key: ALL, text: s.AllCategories }, ...policy.categories.map(c => ({ key: c.key, text: optionLabel(policy.categories, c.key, locale) }))]}
              onChange={(_e, o) => o && setCategory(String(o.key))}
            />
          </div>
          {insights.loading && !insights.data && <Spinner size={SpinnerSize.medium} label={s.Loading} />}
          {insights.error && <ErrorNotice error={insights.error} onRetry={insights.reload} />}
          {insights.data && (visible.length === 0
            ? <p data-testid="insights-empty">{scope === 'mine' ? s.NoInsightsMine : s.NoInsights}</p>
            : (
              <>
                <p className={styles.meta} aria-live="polite">{plural(locale, s.InsightCount, visible.length)}</p>
                <ol className={styles.list} data-testid="insight-list">
                  {visible.map((row, index) => {
                    const i = row.insight;
                    // Titles are redacted text: their tokens read in the reader's language.
                    const name = localizeTokens(i.title || i.summary, s);
                    return (
                      <li
                        key={i.id}
                        className={styles.item}
                        data-testid="insight-row"
                        data-insight={i.id}
                        ref={el => { if (el) rowRefs.current.set(i.id, el); else rowRefs.current.delete(i.id); }}
                      >
                        <span className={styles.rank} aria-hidden="true">{index + 1}</span>
                        <div className={styles.body}>
                          <Link className={styles.name} onClick={() => setOpenId(i.id)} data-testid="insight-open">{name}</Link>
                          <p className={styles.meta}>
                            {optionLabel(policy.categories, i.category, locale)} · {optionLabel(policy.products, i.product, locale)} · {statusLabel(s, i.status)} · {format(s.OwnerValue, ownerText(s, i, names))}
                          </p>
                          <p className={styles.meta}><ClockSummary strings={s} row={row} locale={locale} /></p>
                          <p className={styles.meta}>{s.CostOfDelay}: <CostFactors strings={s} row={row} locale={locale} /></p>
                          {rowError && rowError.id === i.id && (
                            <MessageBar messageBarType={MessageBarType.error} isMultiline>{errorText(s, rowError.code)}</MessageBar>
                          )}
                          {rowNotice && rowNotice.id === i.id && (
                            <ConflictNotice
                              key={rowNotice.seq}
                              strings={s}
                              locale={locale}
                              now={at}
                              notice={rowNotice}
                              busy={rowBusy === i.id}
                              onApplyMine={() => { const c = rowNotice.current; if (c) acknowledge(c).catch(() => undefined); }}
                              onKeepTheirs={() => keepTheirs(i.id)}
                              data-testid="row-notice"
                            />
                          )}
                        </div>
                        <div className={styles.actions}>
                          {i.status === 'new' && (
                            <PrimaryButton
                              disabled={rowBusy === i.id}
                              onClick={() => acknowledge(i)}
                              ariaLabel={format(s.AcknowledgeInsight, name)}
                              data-testid="row-acknowledge"
                            >
                              {s.Acknowledge}
                            </PrimaryButton>
                          )}
                          <DefaultButton onClick={() => setOpenId(i.id)} ariaLabel={format(s.OpenInsight, name)}>{s.Open}</DefaultButton>
                        </div>
                      </li>
                    );
                  })}
                </ol>
              </>
              ))}
        </section>
      )}

      {stats.loading && !stats.data && <Spinner size={SpinnerSize.small} label={s.LoadingTrends} />}
      {stats.data && <TrendCharts days={stats.data} today={today} weeks={DASHBOARD_WEEKS} policy={policy} strings={s} locale={locale} openInsights={access.management ? current : undefined} />}

      {opened && access.management && (
        <InsightPanel
          key={opened.id}
          api={api}
          strings={s}
          locale={locale}
          policy={policy}
          insight={opened}
          others={rows.map(r => r.insight)}
          now={at}
          onChanged={onChanged}
          onDismiss={close}
        />
      )}
    </div>
  );
};

export const DashboardView: React.FC<DashboardViewProps> = ({ api, strings: s, now, initialInsightId }) => {
  const [linkedId] = React.useState(() => (initialInsightId !== undefined ? initialInsightId : insightIdOf(pageSearch())));
  const theme = useTheme();
  const access = useLoader(() => api.access(), [api]);
  if (access.loading && !access.data) return <Spinner size={SpinnerSize.large} label={s.Loading} />;
  if (access.error || !access.data) return access.error ? <ErrorNotice error={access.error} onRetry={access.reload} /> : null;
  if (!access.data.management && !access.data.communications) {
    return (
      <div style={{ padding: 16, color: theme.semanticColors.bodyText }}>
        <h2 className={mergeStyles({ ...theme.fonts.xLarge, margin: '0 0 8px' })}>{s.Title}</h2>
        <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="dashboard-role">{s.ForManagementOnly}</MessageBar>
      </div>
    );
  }
  return <Dashboard api={api} access={access.data} strings={s} now={now} initialInsightId={linkedId} />;
};

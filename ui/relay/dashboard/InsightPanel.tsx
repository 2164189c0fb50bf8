/**
 * One insight, in a side panel over the dashboard (no page change): its facts and clocks, every
 * action the owner takes (acknowledge, assign, status, respond, resolve or decline, comment, merge),
 * its whole timeline and its relays.
 *
 * A 412 (someone else changed the insight) shows who changed what (ConflictNotice) with the fresh
 * insight in the panel, and two choices: apply mine anyway (the same action against the fresh copy)
 * or keep theirs. What the user typed stays in the fields until they keep theirs. An action the
 * insight already had ("already so") says so, not as the user's doing.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Panel, PanelType } from '@fluentui/react/lib/Panel';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Dropdown, IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { ITextField, TextField } from '@fluentui/react/lib/TextField';
import { ChoiceGroup } from '@fluentui/react/lib/ChoiceGroup';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { Dialog, DialogFooter, DialogType } from '@fluentui/react/lib/Dialog';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import type { FeedbackPolicy, GroupRef } from '../../../core/policy/types';
import type { ActivityEntry, Insight, Relay } from '../../../core/relay/model';
import type { InsightStatus } from '../../../core/relay/clock';
import { format } from '../../../core/format';
import { plural } from '../../../core/plural';
import { isInsightConflict, RelayError } from '../../../services/relay/api';
import type { InsightActionResult, RelayErrorCode } from '../../../services/relay/api';
import type { DashboardApi } from '../dashboardApi';
import { useLoader } from '../../useLoader';
import { ErrorNotice } from '../../ErrorNotice';
import { ClockSummary, CostFactors, ownerText } from './parts';
import { statusLabel } from '../statusLabel';
import { rowOf, optionLabel } from './rows';
import { ActionNotice, ConflictNotice } from './ConflictNotice';
import { useNames } from './names';
import { localizeTokens } from '../tokens';

export interface InsightPanelProps {
  api: DashboardApi;
  strings: IRelayDashboardStrings;
  locale: string;
  policy: FeedbackPolicy;
  insight: Insight;
  /** The other open insights (merge targets). */
  others: Insight[];
  now: Date;
  /** The insight changed (an action, or reloaded after a conflict). */
  onChanged: (insight: Insight) => void;
  onDismiss: () => void;
}

const STATUS_CHOICES: InsightStatus[] = ['inProgress', 'waitingOnCustomer', 'waitingOnThirdParty'];

type ActionAnswer = InsightActionResult | ActivityEntry | Insight;
const isActionResult = (r: ActionAnswer): r is InsightActionResult => 'outcome' in r;

/** The message an action left: a conflict with its two choices, or "already so". */
interface PanelNotice extends ActionNotice {
  /** Counts notices, so that each new one mounts (and takes the focus) afresh. */
  seq: number;
  applyMine?: () => void;
  keepTheirs?: () => void;
}

export function errorText(s: IRelayDashboardStrings, code: RelayErrorCode): string {
  switch (code) {
    case 'conflict': return s.ErrorConflict;
    case 'forbidden': return s.ErrorForbidden;
    case 'notFound': return s.ErrorNotFound;
    case 'invalid': return s.ErrorInvalid;
    default: return s.ErrorUnavailable;
  }
}

/** Owners the policy knows: its routing groups and the fallback owner, once each. */
export function routingGroups(policy: FeedbackPolicy): GroupRef[] {
  const seen = new Set<string>();
  const groups: GroupRef[] = [];
  const add = (g: GroupRef): void => {
    const key = `${g.kind}:${g.id.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    groups.push(g);
  };
  for (const rule of policy.routing) if (rule.owner.kind === 'group') add(rule.owner.group);
  if (policy.fallbackOwner && policy.fallbackOwner.id) add(policy.fallbackOwner);
  return groups;
}

export const InsightPanel: React.FC<InsightPanelProps> = ({ api, strings: s, locale, policy, insight, others, now, onChanged, onDismiss }) => {
  const theme = useTheme();
  const [busy, setBusy] = React.useState<string | null>(null);
  const [error, setError] = React.useState<RelayErrorCode | null>(null);
  const [done, setDone] = React.useState<string | null>(null);
  const [fieldError, setFieldError] = React.useState<string | null>(null);
  // No owner chosen yet: pressing Assign without choosing must not take the insight.
  const [owner, setOwner] = React.useState<string>('');
  const [status, setStatus] = React.useState<InsightStatus>(insight.status === 'new' || insight.status === 'acknowledged' ? 'inProgress' : insight.status);
  const [outcome, setOutcome] = React.useState<'resolved' | 'declined'>('resolved');
  const [closureReason, setClosureReason] = React.useState(insight.closureReason || '');
  const [response, setResponse] = React.useState(insight.response || '');
  const [customerReply, setCustomerReply] = React.useState(insight.customerReply || '');
  const [comment, setComment] = React.useState('');
  const [mergeTarget, setMergeTarget] = React.useState<number | null>(null);
  const [confirmMerge, setConfirmMerge] = React.useState(false);
  const [historyVersion, setHistoryVersion] = React.useState(0);
  const [notice, setNotice] = React.useState<PanelNotice | null>(null);
  const [focusMessage, setFocusMessage] = React.useState(false);
  const responseRef = React.useRef<ITextField | null>(null);
  const messageRef = React.useRef<HTMLDivElement>(null);
  const seq = React.useRef(0);
  React.useEffect(() => {
    // After "apply mine anyway" or "keep theirs" the buttons are gone: the focus goes to the outcome.
    if (focusMessage && !busy) {
      // A new notice takes the focus itself.
      if (!notice && messageRef.current) messageRef.current.focus();
      setFocusMessage(false);
    }
  }, [focusMessage, busy, done, notice]);

  const history = useLoader(
    () => Promise.all([api.insights.timeline(insight.id), api.insights.relaysOf(insight.id)]),
    [api, insight.id, historyVersion]
  );
  const row = rowOf(insight, policy, now);
  const names = useNames(api.people, [
    insight.owner.upn || '',
    ...(history.data ? history.data[0].map(e => e.actorUpn) : []),
    ...(history.data ? history.data[1].filter(r => !r.anonymous).map(r => r.relayerUpn) : [])
  ].filter(Boolean));
  const groups = routingGroups(policy);
  const label = (key: string, options: FeedbackPolicy['categories']): string => optionLabel(options, key, locale);

  /**
   * Runs an action against `against` (the insight as shown; after a conflict, the fresh copy it
   * carried). A superseded action shows who changed what and the two choices; `keep` resets the
   * fields the action would have set when the user keeps theirs.
   */
  const act = async (name: string, run: (i: Insight) => Promise<ActionAnswer>, success: string, clear?: () => void, keep?: (fresh: Insight) => void, against: Insight = insight): Promise<void> => {
    setBusy(name);
    setError(null);
    setDone(null);
    setFieldError(null);
    setNotice(null);
    try {
      const result = await run(against);
      if (isActionResult(result)) {
        onChanged(result.insight);
        if (result.outcome === 'alreadySo') {
          setNotice({ kind: 'alreadySo', changes: result.changes, seq: ++seq.current });
          setHistoryVersion(v => v + 1);
          return;
        }
      } else if ('etag' in result) onChanged(result);
      if (clear) clear();
      setDone(success);
      setHistoryVersion(v => v + 1);
    } catch (e) {
      if (isInsightConflict(e)) {
        const fresh = e.conflict.current;
        onChanged(fresh);
        setHistoryVersion(v => v + 1);
        setNotice({
          kind: 'conflict', changes: e.conflict.changes, seq: ++seq.current,
          applyMine: () => {
            setFocusMessage(true);
            act(name, run, success, clear, keep, fresh).catch(() => undefined);
          },
          keepTheirs: () => {
            setNotice(null);
            if (keep) keep(fresh);
            setDone(s.ConflictKept);
            setFocusMessage(true);
          }
        });
        return;
      }
      const code: RelayErrorCode = e instanceof RelayError ? e.code : 'unavailable';
      setError(code);
      if (code === 'conflict') {
        try {
          const reloaded = await api.insights.get(insight.id);
          onChanged(reloaded);
          setHistoryVersion(v => v + 1);
        } catch {
          // the message already says to try again
        }
      }
    } finally {
      setBusy(null);
    }
  };
  const keepTexts = (fresh: Insight): void => {
    setResponse(fresh.response || '');
    setCustomerReply(fresh.customerReply || '');
    setClosureReason(fresh.closureReason || '');
  };

  const ownerOptions: IDropdownOption[] = [
    { key: 'me', text: s.AssignToMe },
    ...groups.map(g => ({ key: `${g.kind}:${g.id}`, text: g.name || g.id }))
  ];
  const assign = (): Promise<void> => {
    if (!owner) return Promise.resolve();
    const department = insight.owner.department;
    const target = owner === 'me'
      ? { upn: api.me, groupId: null, groupName: null, department }
      : (() => {
        const g = groups.find(x => `${x.kind}:${x.id}` === owner);
        return { upn: null, groupId: g ? g.id : null, groupName: g ? g.name : null, department };
      })();
    return act('assign', i => api.insights.assign(i, target), s.DoneAssigned);
  };

  const close = (): Promise<void> => {
    if (!response.trim()) {
      setFieldError(s.ErrorResponseRequired);
      if (responseRef.current) responseRef.current.focus();
      return Promise.resolve();
    }
    return act('close', i => api.insights.close(i, outcome, closureReason.trim(), response.trim(), customerReply.trim()),
      outcome === 'resolved' ? s.DoneResolved : s.DoneDeclined, undefined, keepTexts);
  };
  const respond = (): Promise<void> => {
    if (!response.trim()) {
      setFieldError(s.ErrorResponseRequired);
      if (responseRef.current) responseRef.current.focus();
      return Promise.resolve();
    }
    return act('respond', i => api.insights.respond(i, response.trim(), customerReply.trim()), s.DoneResponded, undefined, keepTexts);
  };

  const target = others.find(o => o.id === mergeTarget) || null;
  const styles = mergeStyleSets({
    section: { margin: '16px 0', paddingTop: 8, borderTop: `1px solid ${theme.semanticColors.bodyDivider}` },
    h3: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: '0 0 8px' },
    facts: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px' },
    dt: { fontWeight: 600 },
    dd: { margin: 0 },
    row: { display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' },
    grow: { flex: '1 1 200px', minWidth: 0 },
    list: { listStyle: 'none', margin: 0, padding: 0 },
    entry: { padding: '6px 0', borderBottom: `1px solid ${theme.semanticColors.bodyDivider}` },
    meta: { color: theme.semanticColors.bodySubtext, fontSize: theme.fonts.small.fontSize },
    quote: { margin: '4px 0 0', whiteSpace: 'pre-wrap' }
  });
  const when = (iso: string): string => {
    const d = new Date(iso);
    return Number.isFinite(d.getTime()) ? d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : iso;
  };
  const kindLabel = (entry: ActivityEntry): string => {
    switch (entry.kind) {
      case 'relay': return s.TimelineRelay;
      case 'status': return format(s.TimelineStatus, statusLabel(s, String((entry.data && entry.data.to) || entry.text || '')));
      case 'comment': return s.TimelineComment;
      case 'response': return s.TimelineResponse;
      case 'assign': return s.TimelineAssign;
      case 'merge': return s.TimelineMerge;
      default: return s.TimelineNotification;
    }
  };
  const relayer = (r: Relay): string => (r.anonymous ? s.AnonymousRelayer : names(r.relayerUpn));

  return (
    <Panel
      isOpen
      type={PanelType.medium}
      onDismiss={onDismiss}
      headerText={localizeTokens(insight.title || insight.summary, s)}
      closeButtonAriaLabel={s.Close}
      isLightDismiss
      data-testid="insight-panel"
    >
      <dl className={styles.facts}>
        <dt className={styles.dt}>{s.Category}</dt><dd className={styles.dd}>{label(insight.category, policy.categories)}</dd>
        <dt className={styles.dt}>{s.Product}</dt><dd className={styles.dd}>{label(insight.product, policy.products)}</dd>
        <dt className={styles.dt}>{s.Severity}</dt><dd className={styles.dd}>{optionLabel(policy.severities.map(x => ({ key: x.key, label: x.label, active: true })), insight.severity, locale)}</dd>
        <dt className={styles.dt}>{s.Status}</dt><dd className={styles.dd} data-testid="panel-status">{statusLabel(s, insight.status)}</dd>
        <dt className={styles.dt}>{s.Owner}</dt><dd className={styles.dd} data-testid="panel-owner">{ownerText(s, insight, names)}</dd>
        <dt className={styles.dt}>{s.Reach}</dt><dd className={styles.dd}>{plural(locale, s.ReachValue, insight.reach)}</dd>
        <dt className={styles.dt}>{s.Clocks}</dt><dd className={styles.dd}><ClockSummary strings={s} row={row} locale={locale} /></dd>
        <dt className={styles.dt}>{s.CostOfDelay}</dt><dd className={styles.dd}><CostFactors strings={s} row={row} locale={locale} /></dd>
      </dl>
      {insight.summary && insight.summary !== insight.title && <p className={styles.quote}>{localizeTokens(insight.summary, s)}</p>}

      <div aria-live="polite" ref={messageRef} tabIndex={-1} style={{ outline: 'none' }}>
        {error && <MessageBar messageBarType={MessageBarType.error} isMultiline data-testid="panel-error">{errorText(s, error)}</MessageBar>}
        {done && !error && <MessageBar messageBarType={MessageBarType.success} isMultiline data-testid="panel-done">{done}</MessageBar>}
        {notice && (
          <ConflictNotice
            key={notice.seq}
            strings={s}
            locale={locale}
            now={now}
            notice={notice}
            busy={!!busy}
            onApplyMine={notice.applyMine}
            onKeepTheirs={notice.keepTheirs}
            data-testid="panel-notice"
          />
        )}
      </div>

      <section className={styles.section} aria-labelledby="insight-act">
        <h3 id="insight-act" className={styles.h3}>{s.ActionsHeading}</h3>
        {insight.status === 'new' && (
          <PrimaryButton disabled={!!busy} onClick={() => act('ack', i => api.insights.acknowledge(i), s.DoneAcknowledged)} data-testid="panel-acknowledge">
            {s.Acknowledge}
          </PrimaryButton>
        )}
        <div className={styles.row} style={{ marginTop: 8 }}>
          <Dropdown
            className={styles.grow}
            label={s.AssignLabel}
            placeholder={s.AssignPlaceholder}
            options={ownerOptions}
            selectedKey={owner || null}
            onChange={(_e, o) => o && setOwner(String(o.key))}
            data-testid="panel-owner-choice"
          />
          <DefaultButton disabled={!!busy || !owner} onClick={assign} data-testid="panel-assign">{s.Assign}</DefaultButton>
        </div>
        <div className={styles.row} style={{ marginTop: 8 }}>
          <Dropdown
            className={styles.grow}
            label={s.StatusLabel}
            options={STATUS_CHOICES.map(k => ({ key: k, text: statusLabel(s, k) }))}
            selectedKey={STATUS_CHOICES.indexOf(status) >= 0 ? status : undefined}
            onChange={(_e, o) => o && setStatus(o.key as InsightStatus)}
          />
          <DefaultButton disabled={!!busy} onClick={() => act('status', i => api.insights.setStatus(i, status), s.DoneStatus)} data-testid="panel-status-apply">
            {s.ChangeStatus}
          </DefaultButton>
        </div>
        <p className={styles.meta}>{s.PausedHint}</p>
      </section>

      <section className={styles.section} aria-labelledby="insight-respond">
        <h3 id="insight-respond" className={styles.h3}>{s.RespondHeading}</h3>
        <TextField
          label={s.ResponseLabel}
          description={s.ResponseHint}
          multiline
          rows={3}
          required
          value={response}
          onChange={(_e, v) => { setResponse(v || ''); setFieldError(null); }}
          errorMessage={fieldError || undefined}
          componentRef={responseRef}
          data-testid="panel-response"
        />
        <TextField label={s.CustomerReplyLabel} description={s.CustomerReplyHint} multiline rows={3} value={customerReply} onChange={(_e, v) => setCustomerReply(v || '')} data-testid="panel-customer-reply" />
        <DefaultButton disabled={!!busy} onClick={respond} style={{ marginTop: 8 }} data-testid="panel-respond">{s.SaveResponse}</DefaultButton>
        <ChoiceGroup
          label={s.OutcomeLabel}
          selectedKey={outcome}
          options={[{ key: 'resolved', text: s.OutcomeResolved }, { key: 'declined', text: s.OutcomeDeclined }]}
          onChange={(_e, o) => o && setOutcome(o.key as 'resolved' | 'declined')}
          styles={{ flexContainer: { display: 'flex', gap: 16 } }}
        />
        <TextField label={s.ClosureReasonLabel} description={s.ClosureReasonHint} value={closureReason} onChange={(_e, v) => setClosureReason(v || '')} data-testid="panel-closure-reason" />
        <PrimaryButton disabled={!!busy} onClick={close} style={{ marginTop: 8 }} data-testid="panel-close">
          {outcome === 'resolved' ? s.Resolve : s.Decline}
        </PrimaryButton>
        {busy && <Spinner size={SpinnerSize.small} label={s.Saving} />}
      </section>

      <section className={styles.section} aria-labelledby="insight-comment">
        <h3 id="insight-comment" className={styles.h3}>{s.CommentHeading}</h3>
        <TextField label={s.CommentLabel} multiline rows={2} value={comment} onChange={(_e, v) => setComment(v || '')} data-testid="panel-comment" />
        <DefaultButton
          disabled={!!busy || !comment.trim()}
          onClick={() => act('comment', i => api.insights.comment(i, comment.trim()), s.DoneCommented, () => setComment(''))}
          style={{ marginTop: 8 }}
        >
          {s.AddComment}
        </DefaultButton>
      </section>

      <section className={styles.section} aria-labelledby="insight-merge">
        <h3 id="insight-merge" className={styles.h3}>{s.MergeHeading}</h3>
        <div className={styles.row}>
          <Dropdown
            className={styles.grow}
            label={s.MergeLabel}
            placeholder={s.MergePlaceholder}
            options={others.filter(o => o.id !== insight.id).map(o => ({ key: o.id, text: `${o.title || o.summary} (${plural(locale, s.ReachValue, o.reach)})` }))}
            selectedKey={mergeTarget === null ? null : mergeTarget}
            onChange={(_e, o) => o && setMergeTarget(Number(o.key))}
          />
          <DefaultButton disabled={!!busy || !target} onClick={() => setConfirmMerge(true)}>{s.Merge}</DefaultButton>
        </div>
        <Dialog
          hidden={!confirmMerge || !target}
          onDismiss={() => setConfirmMerge(false)}
          dialogContentProps={{
            type: DialogType.normal,
            title: s.MergeConfirmTitle,
            subText: target ? format(s.MergeConfirmText, insight.title || insight.summary, target.title || target.summary) : ''
          }}
          modalProps={{ isBlocking: true }}
        >
          <DialogFooter>
            <PrimaryButton
              onClick={() => {
                setConfirmMerge(false);
                if (!target) return;
                const merge = async (): Promise<Insight> => {
                  const merged = await api.insights.merge(insight, target);
                  // The source is now a duplicate: it leaves the open list.
                  onChanged({ ...insight, status: 'duplicate', isOpen: false, mergedInto: merged.id });
                  return merged;
                };
                act('merge', merge, s.DoneMerged).catch(() => undefined);
              }}
            >
              {s.MergeConfirm}
            </PrimaryButton>
            <DefaultButton onClick={() => setConfirmMerge(false)}>{s.Cancel}</DefaultButton>
          </DialogFooter>
        </Dialog>
      </section>

      <section className={styles.section} aria-labelledby="insight-history">
        <h3 id="insight-history" className={styles.h3}>{s.TimelineHeading}</h3>
        {history.loading && !history.data && <Spinner size={SpinnerSize.small} label={s.Loading} />}
        {history.error && <ErrorNotice error={history.error} onRetry={history.reload} />}
        {history.data && (
          <>
            {history.data[0].length === 0
              ? <p className={styles.meta}>{s.TimelineEmpty}</p>
              : (
                <ol className={styles.list} data-testid="panel-timeline">
                  {history.data[0].map(entry => (
                    <li key={entry.id} className={styles.entry}>
                      <strong>{kindLabel(entry)}</strong>
                      <span className={styles.meta}> · {when(entry.at)}{entry.actorUpn ? ` · ${names(entry.actorUpn)}` : ''}</span>
                      {entry.text && entry.kind !== 'status' && entry.kind !== 'relay' && <p className={styles.quote}>{localizeTokens(entry.text, s)}</p>}
                    </li>
                  ))}
                </ol>
                )}
            <h3 className={styles.h3} style={{ marginTop: 16 }}>{format(s.RelaysHeading, history.data[1].length)}</h3>
            <ul className={styles.list} data-testid="panel-relays">
              {history.data[1].map(r => (
                <li key={r.id} className={styles.entry}>
                  <span className={styles.meta}>{relayer(r)} · {when(r.created)} · {label(r.channel, policy.channels)}</span>
                  <p className={styles.quote}>{localizeTokens(r.customerWords, s)}</p>
                  {r.observation && <p className={styles.quote}><em>{localizeTokens(r.observation, s)}</em></p>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </Panel>
  );
};

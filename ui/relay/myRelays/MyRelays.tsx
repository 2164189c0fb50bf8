/**
 * "My relays": the signed-in employee's relays, newest first, a page at a time ("Load more"),
 * each with its insight's title and status, its silence clock in business time, and once it is
 * resolved or declined the owner's response and the ready-to-send customer reply (with a Copy
 * button). A relay not yet clustered by the relay job says it is being grouped; one the relay job
 * refused (stored over the form's limits by a write that skipped the form) says it was not accepted.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import type { FeedbackPolicy } from '../../../core/policy/types';
import { format } from '../../../core/format';
import { plural } from '../../../core/plural';
import { localizeTokens } from '../tokens';
import type { MyRelay } from '../../../services/relay/api';
import { SuiteError, toSuiteError } from '../../../services/errors';
import { useI18n } from '../../i18n';
import { ErrorNotice } from '../../ErrorNotice';
import type { RelayViewApi } from '../relayApi';
import { clockLines, clockOf } from './clockText';
import { statusLabel } from '../statusLabel';

export interface MyRelaysProps {
  api: Pick<RelayViewApi, 'myRelays' | 'feedbackPolicy'>;
  strings: IRelayCaptureStrings;
  /** The clock's "now" (tests); the current time by default. */
  now?: () => Date;
  /** The insight a link names (an outcome mail's `?insight=<id>`): its relay takes the focus and is scrolled to. */
  focusInsightId?: number | null;
}

interface State {
  policy: FeedbackPolicy | null;
  items: MyRelay[];
  next: string | null;
  loading: boolean;
  error: SuiteError | null;
}

let instances = 0;

const FIELD_NAMES: Record<string, keyof IRelayCaptureStrings> = {
  customerWords: 'FieldCustomerWordsName',
  observation: 'FieldObservationName',
  promiseText: 'FieldPromiseTextName',
  segment: 'FieldSegmentName'
};

/** Why a relay was not accepted, in the reader's language. */
function notAcceptedText(s: IRelayCaptureStrings, relay: MyRelay['relay']): string {
  const fields = (relay.rejection ? relay.rejection.fields : []).map(f => FIELD_NAMES[f]).filter(Boolean).map(k => s[k]);
  return fields.length ? `${s.NotAccepted} ${format(s.NotAcceptedFields, fields.join(', '))}` : s.NotAccepted;
}

const CopyReply: React.FC<{ text: string; strings: IRelayCaptureStrings }> = ({ text, strings: s }) => {
  const [state, setState] = React.useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = (): void => {
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clip) {
      setState('failed');
      return;
    }
    clip.writeText(text).then(() => setState('copied'), () => setState('failed'));
  };
  return (
    <span>
      <DefaultButton onClick={copy} iconProps={{ iconName: 'Copy' }} data-testid="relay-copy-reply">{s.Copy}</DefaultButton>
      <span role="status" style={{ marginLeft: 8 }}>{state === 'copied' ? s.Copied : state === 'failed' ? s.CopyFailed : ''}</span>
    </span>
  );
};

export const MyRelays: React.FC<MyRelaysProps> = ({ api, strings: s, now = () => new Date(), focusInsightId = null }) => {
  const { locale } = useI18n();
  const theme = useTheme();
  const [id] = React.useState(() => `my-relays-${++instances}`);
  const [state, setState] = React.useState<State>({ policy: null, items: [], next: null, loading: true, error: null });
  const [attempt, setAttempt] = React.useState(0);
  const [cursor, setCursor] = React.useState<string | null>(null);
  const firstNew = React.useRef<HTMLHeadingElement>(null);
  const focusIndex = React.useRef<number | null>(null);
  const linkedHeading = React.useRef<HTMLHeadingElement>(null);
  const linkedDone = React.useRef(false);
  React.useEffect(() => {
    // Once, when the linked relay is on screen: the focus goes to it and it scrolls into view.
    if (linkedDone.current || !linkedHeading.current) return;
    linkedDone.current = true;
    linkedHeading.current.focus();
    if (typeof linkedHeading.current.scrollIntoView === 'function') linkedHeading.current.scrollIntoView({ block: 'center' });
  });

  React.useEffect(() => {
    let current = true;
    setState(st => ({ ...st, loading: true, error: null }));
    Promise.all([api.feedbackPolicy(), api.myRelays(cursor)]).then(
      ([policy, page]) => {
        if (!current) return;
        setState(st => ({ policy, items: cursor ? [...st.items, ...page.items] : page.items, next: page.next, loading: false, error: null }));
      },
      e => { if (current) setState(st => ({ ...st, loading: false, error: toSuiteError(e) })); }
    );
    return () => { current = false; };
  }, [api, cursor, attempt]);

  React.useEffect(() => {
    if (focusIndex.current !== null && firstNew.current) {
      firstNew.current.focus();
      focusIndex.current = null;
    }
  }, [state.items]);

  const styles = mergeStyleSets({
    root: { color: theme.semanticColors.bodyText, display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 820 },
    title: { ...theme.fonts.xLarge, margin: 0 },
    list: { listStyle: 'none', margin: 0, padding: 0 },
    item: { padding: '12px 0', borderTop: `1px solid ${theme.semanticColors.bodyDivider}` },
    heading: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: 0, outline: 'none' },
    meta: { color: theme.semanticColors.bodySubtext, margin: '2px 0 0' },
    status: { fontWeight: 600 },
    clock: { margin: '4px 0 0', paddingLeft: 18 },
    words: { whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '6px 0 0' },
    outcome: {
      marginTop: 8, padding: '8px 12px', borderLeft: `4px solid ${theme.semanticColors.inputBackgroundChecked}`,
      background: theme.semanticColors.bodyStandoutBackground
    },
    outcomeTitle: { ...theme.fonts.medium, fontWeight: 600, margin: '0 0 4px' },
    reply: { whiteSpace: 'pre-wrap', margin: '4px 0 8px', padding: 8, border: `1px solid ${theme.semanticColors.bodyDivider}` }
  });

  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' } as Intl.DateTimeFormatOptions);
  const at = now();

  const loadMore = (): void => {
    focusIndex.current = state.items.length;
    setCursor(state.next);
  };

  return (
    <section className={styles.root} aria-labelledby={`${id}-title`} data-testid="my-relays">
      <h2 id={`${id}-title`} className={styles.title}>{s.MyRelaysTitle}</h2>
      {state.error && <ErrorNotice error={state.error} onRetry={() => setAttempt(a => a + 1)} />}
      {!state.loading && !state.error && state.items.length === 0 && <p>{s.MyRelaysEmpty}</p>}
      {state.items.length > 0 && state.policy && (
        <ul className={styles.list}>
          {state.items.map(({ relay, insight }, index) => {
            const linked = focusInsightId === null ? -1 : state.items.findIndex(x => x.relay.insightId === focusInsightId);
            const words = localizeTokens(relay.customerWords, s);
            const title = insight ? localizeTokens(insight.title, s) : words.length > 90 ? `${words.slice(0, 90)}…` : words;
            const clock = insight ? clockOf(insight, state.policy as FeedbackPolicy, at) : null;
            const closed = !!insight && (insight.status === 'resolved' || insight.status === 'declined');
            return (
              <li key={relay.id} className={styles.item} data-testid="my-relay" data-relay-id={relay.id}>
                <h3
                  className={styles.heading}
                  ref={index === focusIndex.current ? firstNew : linked === index ? linkedHeading : undefined}
                  tabIndex={-1}
                  aria-current={linked === index ? 'true' : undefined}
                >
                  {title}
                </h3>
                <p className={styles.meta}>
                  {format(s.RelayedOn, dateFormat.format(new Date(relay.created)))}
                  {relay.anonymous ? ` · ${s.RelayedAnonymously}` : ''}
                </p>
                {insight ? (
                  <>
                    <p className={styles.meta}>
                      <span className={styles.status} data-testid="my-relay-status">{format(s.StatusLine, statusLabel(s, insight.status))}</span>
                      {insight.reach > 1 ? ` · ${plural(locale, s.Reach, insight.reach)}` : ''}
                    </p>
                    {clock && (
                      <ul className={styles.clock} data-testid="my-relay-clock">
                        {clockLines(s, clock, locale).map(line => <li key={line}>{line}</li>)}
                      </ul>
                    )}
                  </>
                ) : relay.ingestState === 'rejected' ? (
                  <p className={styles.meta} data-testid="my-relay-rejected">
                    <span className={styles.status}>{notAcceptedText(s, relay)}</span>
                  </p>
                ) : (
                  <p className={styles.meta} data-testid="my-relay-pending">{s.Pending}</p>
                )}
                <p className={styles.words}>{words}</p>
                {closed && insight && (insight.response || insight.customerReply) && (
                  <div className={styles.outcome} data-testid="my-relay-outcome">
                    <h4 className={styles.outcomeTitle}>{s.OutcomeHeading}</h4>
                    {insight.response && (
                      <>
                        <strong>{s.OwnerResponse}</strong>
                        <p className={styles.words} data-testid="my-relay-response">{insight.response}</p>
                      </>
                    )}
                    {insight.customerReply && (
                      <>
                        <strong>{s.CustomerReply}</strong>
                        <p className={styles.reply} data-testid="my-relay-reply">{insight.customerReply}</p>
                        <CopyReply text={insight.customerReply} strings={s} />
                      </>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {state.loading && <Spinner size={SpinnerSize.medium} label={s.MyRelaysLoading} />}
      {!state.loading && state.next && (
        <div><DefaultButton onClick={loadMore} data-testid="my-relays-more">{s.MyRelaysLoadMore}</DefaultButton></div>
      )}
    </section>
  );
};

/**
 * The capture form, the same in the web part, the Teams tab and personal app, and the portal
 * header's panel: channel, customer segment, product, category and severity from the policy; the
 * customer's own words, the employee's observation, a promise and its due date; "relay anonymously"
 * when the policy allows it.
 *
 * - Redaction is shown before anything is sent: each free-text field's phone numbers, cards,
 *   e-mails, IBANs and national ids, and the exact text that will be stored.
 * - Names and street addresses are suggestions (core/relay/suggestions.ts): highlighted in the text
 *   to be stored, each with "Remove" (one key: the token replaces it in the draft itself, so the
 *   stored text no longer holds it) and "Keep" (stored as written; the trusted side never removes it).
 * - The draft is kept in local storage, redacted (draftStore.ts), and cleared only once the server
 *   confirmed the relay. The client id of the first attempt is kept with it: a retry sends it again.
 * - Triage while typing: once the customer's words, the category and the product are there, open
 *   insights that look alike are asked for (with the redacted words) and the best is offered to join.
 *   When the API offers `answers`, the community's answered questions are asked for at the same time
 *   and the best one's accepted answer shows in the same region; the relay can still be sent (it counts).
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Dropdown, IDropdown, IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { TextField, ITextField } from '@fluentui/react/lib/TextField';
import { Checkbox, ICheckbox } from '@fluentui/react/lib/Checkbox';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import type { FeedbackPolicy, PolicyOption } from '../../../core/policy/types';
import { emptyDraft, RelayDraft } from '../../../core/relay/model';
import { redact, Redaction, RedactionKind } from '../../../core/relay/redaction';
import { applySuggestion, Suggestion, suggestionKey, suggestPii } from '../../../core/relay/suggestions';
import {
  newClientId, REDACTED_FIELDS, RedactedField, redactDraft, SubmissionFieldError, toSubmission, validateDraft
} from '../../../core/relay/submission';
import { format } from '../../../core/format';
import { AnsweredQuestion, RelayError, RelayErrorCode, TriageCandidate } from '../../../services/relay/api';
import { useI18n } from '../../i18n';
import { useLoader } from '../../useLoader';
import { ErrorNotice } from '../../ErrorNotice';
import type { RelayViewApi } from '../relayApi';
import { plural } from '../../profile/expertiseText';
import { browserStorage, clearDraft, draftKey, isBlank, loadDraft, saveDraft } from './draftStore';

export interface RelayFormProps {
  api: RelayViewApi;
  strings: IRelayCaptureStrings;
  /** Shows "My relays" (the web part's tab); without it, `myRelaysHref` is used as a link. */
  onShowMyRelays?: () => void;
  myRelaysHref?: string;
  /** Random bytes for client ids; crypto.getRandomValues by default. */
  randomBytes?: (n: number) => Uint8Array;
  /** Where the redacted draft is kept; the browser's local storage by default (null: not kept). */
  storage?: Storage | null;
  /** Quiet time after typing before triage asks the server (ms). */
  triageDelayMs?: number;
  /** Quiet time after typing before the draft is written (ms). */
  saveDelayMs?: number;
  /** The host already shows the title (the header's panel). */
  hideTitle?: boolean;
  /** After this long without an answer the form says "not sent yet, kept, still trying" (ms). */
  slowAfterMs?: number;
  /** A relay SharePoint could not take is sent again by itself after this long (ms). */
  autoRetryMs?: number;
}

/** Order of the fields on screen: the first in error gets the focus. */
const FIELD_ORDER: Array<keyof RelayDraft> = [
  'channel', 'segment', 'product', 'category', 'severity', 'customerWords', 'observation', 'promiseText', 'promiseDue', 'anonymous'
];

/** Fewest characters of the customer's words before triage looks for similar insights. */
const TRIAGE_MIN_CHARS = 12;

const defaultRandomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

export function kindLabel(s: IRelayCaptureStrings, kind: RedactionKind): string {
  switch (kind) {
    case 'email': return s.KindEmail;
    case 'phone': return s.KindPhone;
    case 'paymentCard': return s.KindPaymentCard;
    case 'iban': return s.KindIban;
    default: return s.KindNationalId;
  }
}

/** A field's text as it will be stored, with the pending suggestions highlighted. */
function storedWithSuggestions(text: string, redactions: readonly Redaction[], suggestions: readonly Suggestion[], markClass: string): React.ReactNode[] {
  const spans = [...redactions.map(r => ({ ...r, mark: false })), ...suggestions.map(x => ({ ...x, mark: true }))].sort((a, b) => a.start - b.start);
  const out: React.ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    out.push(text.slice(at, span.start));
    out.push(span.mark ? <mark key={span.start} className={markClass}>{text.slice(span.start, span.end)}</mark> : span.replacement);
    at = span.end;
  }
  out.push(text.slice(at));
  return out;
}

function errorText(s: IRelayCaptureStrings, e: SubmissionFieldError): string {
  switch (e.code) {
    case 'required': return e.field === 'promiseText' ? s.ErrorPromiseNeedsText : s.ErrorRequired;
    case 'tooLong': return format(s.ErrorTooLong, e.params && e.params.max !== undefined ? e.params.max : '');
    case 'invalidChoice': return s.ErrorInvalidChoice;
    case 'invalidDate': return s.ErrorInvalidDate;
    default: return s.ErrorAnonymousNotAllowed;
  }
}

function submitErrorText(s: IRelayCaptureStrings, code: RelayErrorCode): string {
  switch (code) {
    case 'unavailable': return s.SubmitErrorUnavailable;
    case 'forbidden': return s.SubmitErrorForbidden;
    case 'invalid': return s.SubmitErrorInvalid;
    default: return s.SubmitErrorOther;
  }
}

type Phase = 'editing' | 'submitting' | 'failed' | 'done';

interface Focusable { focus(): void }

let instances = 0;

const Form: React.FC<RelayFormProps & { policy: FeedbackPolicy }> = ({
  api, strings: s, policy, onShowMyRelays, myRelaysHref, randomBytes = defaultRandomBytes, storage: givenStorage,
  triageDelayMs = 400, saveDelayMs = 300, hideTitle = false, slowAfterMs = 4000, autoRetryMs = 30000
}) => {
  const { locale } = useI18n();
  const theme = useTheme();
  const lang = locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const [id] = React.useState(() => `relay-form-${++instances}`);
  const storage = givenStorage === undefined ? browserStorage() : givenStorage;
  const key = draftKey(api.siteUrl, api.me);

  const [initial] = React.useState(() => loadDraft(storage, key, policy));
  const [draft, setDraft] = React.useState<RelayDraft>(() => initial ? initial.draft : emptyDraft());
  const [clientId, setClientId] = React.useState<string | null>(initial ? initial.clientId : null);
  const [joinTitle, setJoinTitle] = React.useState(initial ? initial.joinTitle : '');
  const [restored, setRestored] = React.useState(!!initial && !isBlank(initial.draft));
  const [attempted, setAttempted] = React.useState(false);
  const [phase, setPhase] = React.useState<Phase>('editing');
  const [submitError, setSubmitError] = React.useState<RelayErrorCode | null>(null);
  /** The submit under way met a failure, or is slow: the user reads that it is not sent yet. */
  const [stillTrying, setStillTrying] = React.useState(false);
  const [serverFields, setServerFields] = React.useState<string[]>([]);
  const [candidate, setCandidate] = React.useState<TriageCandidate | null>(null);
  const [answered, setAnswered] = React.useState<AnsweredQuestion | null>(null);
  /** Suggestions the agent chose to keep, by field and key (they are no longer offered). */
  const [kept, setKept] = React.useState<string[]>([]);
  const [suggestionNotice, setSuggestionNotice] = React.useState('');
  const suggestionButtons = React.useRef<Array<HTMLButtonElement | null>>([]);
  const [focusSuggestion, setFocusSuggestion] = React.useState<number | null>(null);
  const refs = React.useRef<Partial<Record<keyof RelayDraft, Focusable | null>>>({});
  const [focusTick, setFocusTick] = React.useState(0);
  const doneHeading = React.useRef<HTMLHeadingElement>(null);
  const errorRef = React.useRef<HTMLDivElement>(null);

  const errors = React.useMemo(() => {
    if (!attempted) return [];
    const list = validateDraft(draft, policy);
    for (const f of serverFields) {
      if (!list.some(e => e.field === f) && (FIELD_ORDER as string[]).indexOf(f) >= 0) list.push({ field: f as keyof RelayDraft, code: 'invalidChoice' });
    }
    return list;
  }, [attempted, draft, policy, serverFields]);
  const errorOf = (field: keyof RelayDraft): string | undefined => {
    const e = errors.find(x => x.field === field);
    return e ? errorText(s, e) : undefined;
  };

  // The draft is written (redacted) a moment after the last change, and at once when the view goes.
  const latest = React.useRef({ draft, clientId, joinTitle, phase });
  latest.current = { draft, clientId, joinTitle, phase };
  const persist = React.useCallback(() => {
    const l = latest.current;
    if (l.phase === 'done') return;
    if (isBlank(l.draft) && !l.clientId) clearDraft(storage, key);
    else saveDraft(storage, key, { draft: l.draft, clientId: l.clientId, joinTitle: l.joinTitle }, policy);
  }, [storage, key, policy]);
  React.useEffect(() => {
    if (phase === 'done') return undefined;
    const timer = setTimeout(persist, saveDelayMs);
    return () => clearTimeout(timer);
  }, [draft, clientId, joinTitle, phase, persist, saveDelayMs]);
  React.useEffect(() => {
    const flush = (): void => persist();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [persist]);

  // Triage: the redacted customer's words, once category and product are chosen.
  const triageText = draft.customerWords.trim().length >= TRIAGE_MIN_CHARS && draft.category && draft.product
    ? redact(draft.customerWords, policy.redaction).text
    : '';
  React.useEffect(() => {
    if (!triageText || phase === 'done') return undefined;
    let current = true;
    const timer = setTimeout(() => {
      api.triage({ text: triageText, category: draft.category, product: draft.product }).then(
        found => {
          if (!current) return;
          const best = found.slice().sort((a, b) => b.score - a.score)[0] || null;
          setCandidate(best);
        },
        () => { if (current) setCandidate(null); }
      );
      // Answered community questions (optional API): shown beside the suggestion, never blocking the submit.
      if (api.answers) {
        api.answers({ text: triageText, category: draft.category, product: draft.product }).then(
          found => {
            if (current) setAnswered(found.slice().sort((a, b) => b.score - a.score)[0] || null);
          },
          () => { if (current) setAnswered(null); }
        );
      }
    }, triageDelayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, triageText, draft.category, draft.product, triageDelayMs, phase]);

  React.useEffect(() => {
    if (focusTick === 0) return;
    const first = FIELD_ORDER.find(f => errors.some(e => e.field === f));
    const target = first ? refs.current[first] : null;
    if (target) target.focus();
    else if (errorRef.current) errorRef.current.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusTick]);
  React.useEffect(() => {
    if (phase === 'done' && doneHeading.current) doneHeading.current.focus();
  }, [phase]);

  const update = <K extends keyof RelayDraft>(field: K, value: RelayDraft[K]): void => {
    setDraft(d => ({ ...d, [field]: value }));
    if (serverFields.length) setServerFields(f => f.filter(x => x !== field));
  };

  // Slow without a word from the service (a request hanging): say so all the same.
  React.useEffect(() => {
    if (phase !== 'submitting') return undefined;
    const timer = setTimeout(() => setStillTrying(true), slowAfterMs);
    return () => clearTimeout(timer);
  }, [phase, slowAfterMs]);

  const submit = async (auto = false): Promise<void> => {
    if (phase === 'submitting') return;
    setAttempted(true);
    const local = validateDraft(draft, policy);
    if (local.length > 0) {
      setServerFields([]);
      setFocusTick(t => t + 1);
      return;
    }
    const idToUse = clientId || newClientId(randomBytes);
    if (idToUse !== clientId) {
      setClientId(idToUse);
      latest.current = { ...latest.current, clientId: idToUse };
      persist();
    }
    setPhase('submitting');
    setSubmitError(null);
    setStillTrying(auto);
    try {
      await api.submit(toSubmission(draft, policy, idToUse, locale), { onRetrying: () => setStillTrying(true) });
      // Confirmed by the server: now, and only now, the draft goes.
      latest.current = { ...latest.current, phase: 'done' };
      clearDraft(storage, key);
      setPhase('done');
    } catch (e) {
      const code: RelayErrorCode = e instanceof RelayError ? e.code : 'unavailable';
      setSubmitError(code);
      setServerFields(e instanceof RelayError && code === 'invalid' ? e.fields : []);
      setPhase('failed');
      // An automatic attempt does not take the focus from what the user is doing.
      if (!auto) setFocusTick(t => t + 1);
    } finally {
      setStillTrying(false);
    }
  };

  // SharePoint not answering: the relay is sent again by itself while the page is open.
  const autoRetry = React.useRef(submit);
  autoRetry.current = submit;
  React.useEffect(() => {
    if (phase !== 'failed' || submitError !== 'unavailable') return undefined;
    const timer = setTimeout(() => { autoRetry.current(true).catch(() => undefined); }, autoRetryMs);
    return () => clearTimeout(timer);
  }, [phase, submitError, autoRetryMs]);

  const another = (): void => {
    setDraft(emptyDraft());
    setClientId(null);
    setJoinTitle('');
    setCandidate(null);
    setAnswered(null);
    setAttempted(false);
    setSubmitError(null);
    setServerFields([]);
    setRestored(false);
    setKept([]);
    setSuggestionNotice('');
    setPhase('editing');
  };

  const discard = (): void => {
    another();
    clearDraft(storage, key);
  };

  const preview = React.useMemo(() => redactDraft(draft, policy), [draft, policy]);
  const removedCount = REDACTED_FIELDS.reduce((n, f) => n + preview.byField[f].length, 0);
  const anyText = REDACTED_FIELDS.some(f => draft[f].trim() !== '');
  const suggestions = React.useMemo(() => {
    const out = {} as Record<RedactedField, Suggestion[]>;
    for (const f of REDACTED_FIELDS) {
      out[f] = suggestPii(draft[f], policy.redaction, { redactions: preview.byField[f] })
        .filter(x => kept.indexOf(`${f}:${suggestionKey(draft[f], x)}`) < 0);
    }
    return out;
  }, [draft, policy, preview, kept]);
  const pending = REDACTED_FIELDS.flatMap(f => suggestions[f].map(x => ({ field: f, suggestion: x })));

  // After a suggestion is removed or kept, the next one's "Remove" takes the focus: one key each.
  React.useEffect(() => {
    if (focusSuggestion === null) return;
    const next = suggestionButtons.current[Math.min(focusSuggestion, pending.length - 1)];
    if (next) next.focus();
    else {
      const words = refs.current.customerWords;
      if (words) words.focus();
    }
    setFocusSuggestion(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSuggestion]);
  const removeSuggestion = (index: number): void => {
    const { field, suggestion } = pending[index];
    const removed = draft[field].slice(suggestion.start, suggestion.end);
    update(field, applySuggestion(draft[field], suggestion));
    setSuggestionNotice(format(s.SuggestionRemovedNotice, removed));
    setFocusSuggestion(index);
  };
  const keepSuggestion = (index: number): void => {
    const { field, suggestion } = pending[index];
    setKept(k => [...k, `${field}:${suggestionKey(draft[field], suggestion)}`]);
    setSuggestionNotice(format(s.SuggestionKeptNotice, draft[field].slice(suggestion.start, suggestion.end)));
    setFocusSuggestion(index);
  };

  const styles = mergeStyleSets({
    form: { display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 720, color: theme.semanticColors.bodyText },
    row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 12 },
    title: { ...theme.fonts.xLarge, margin: 0 },
    intro: { margin: 0, color: theme.semanticColors.bodySubtext },
    preview: {
      border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, padding: '8px 12px',
      background: theme.semanticColors.bodyStandoutBackground
    },
    previewTitle: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: '0 0 4px' },
    previewField: { margin: '8px 0 0' },
    fieldName: { fontWeight: 600 },
    stored: { whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '4px 0 0', fontFamily: theme.fonts.medium.fontFamily },
    removed: { margin: '2px 0', paddingLeft: 20 },
    suggestion: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, margin: '4px 0' },
    // The theme's own highlight, so it follows dark and high-contrast themes.
    mark: {
      background: theme.semanticColors.bodyBackground, color: theme.semanticColors.bodyText,
      outline: `2px dashed ${theme.semanticColors.errorText}`, outlineOffset: 1, borderRadius: 2, padding: '0 2px'
    },
    // Room for a suggestion (and a community answer, when the API offers them) is kept once category
    // and product are chosen: they appear without moving the fields below.
    triage: { minHeight: draft.category && draft.product ? (api.answers ? 168 : 96) : 0, display: 'flex', flexDirection: 'column', gap: 8 },
    triageBox: {
      borderLeft: `4px solid ${theme.semanticColors.inputBackgroundChecked}`, padding: '6px 12px',
      background: theme.semanticColors.bodyStandoutBackground, display: 'flex', flexDirection: 'column', gap: 6, alignItems: 'flex-start'
    },
    actions: { display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' },
    done: { display: 'flex', flexDirection: 'column', gap: 8, alignItems: 'flex-start' },
    doneTitle: { ...theme.fonts.large, margin: 0, outline: 'none' }
  });

  if (phase === 'done') {
    return (
      <div className={styles.done} data-testid="relay-done">
        <h2 className={styles.doneTitle} ref={doneHeading} tabIndex={-1}>{s.SuccessTitle}</h2>
        <p>{s.SuccessBody}</p>
        <div className={styles.actions}>
          {onShowMyRelays
            ? <Link onClick={onShowMyRelays}>{s.SeeMyRelays}</Link>
            : myRelaysHref ? <Link href={myRelaysHref}>{s.SeeMyRelays}</Link> : null}
          <DefaultButton onClick={another} data-testid="relay-another">{s.RelayAnother}</DefaultButton>
        </div>
      </div>
    );
  }

  const options = (list: ReadonlyArray<PolicyOption>): IDropdownOption[] =>
    list.filter(o => o.active !== false).map(o => ({ key: o.key, text: o.label[lang] || o.label.en }));
  const severities: IDropdownOption[] = policy.severities.map(x => ({ key: x.key, text: x.label[lang] || x.label.en }));
  const setRef = <T extends Focusable>(field: keyof RelayDraft): ((r: T | null) => void) => (r: T | null): void => { refs.current[field] = r; };
  const dropdown = (field: 'channel' | 'product' | 'category' | 'severity', label: string, opts: IDropdownOption[]): JSX.Element => (
    <Dropdown
      componentRef={setRef<IDropdown>(field)}
      label={label}
      required
      placeholder={s.ChoosePlaceholder}
      options={opts}
      selectedKey={draft[field] || null}
      onChange={(_e, o) => o && update(field, String(o.key))}
      errorMessage={errorOf(field)}
      data-testid={`relay-${field}`}
    />
  );
  const text = (field: 'customerWords' | 'observation' | 'promiseText' | 'segment', label: string, hint: string, multiline: boolean, required = false): JSX.Element => (
    <TextField
      componentRef={setRef<ITextField>(field)}
      label={label}
      description={hint}
      required={required}
      multiline={multiline}
      rows={multiline ? 4 : undefined}
      autoAdjustHeight={multiline}
      value={draft[field]}
      onChange={(_e, v) => update(field, v || '')}
      errorMessage={errorOf(field)}
      data-testid={`relay-${field}`}
    />
  );

  const fieldLabel: Record<RedactedField, string> = {
    customerWords: s.CustomerWordsLabel, observation: s.ObservationLabel, promiseText: s.PromiseLabel, segment: s.SegmentLabel
  };
  const reachText = (reach: number): string => (reach === 1 ? s.TriageReachOne : format(s.TriageReachOther, reach));
  const joined = draft.joinInsightId !== null;

  return (
    <form
      className={styles.form}
      noValidate
      aria-labelledby={hideTitle ? undefined : `${id}-title`}
      aria-label={hideTitle ? s.Title : undefined}
      onSubmit={e => { e.preventDefault(); submit().catch(() => undefined); }}
      data-testid="relay-form"
    >
      {!hideTitle && <h2 id={`${id}-title`} className={styles.title}>{s.Title}</h2>}
      <p className={styles.intro}>{s.Intro}</p>
      {restored && (
        <MessageBar
          messageBarType={MessageBarType.info}
          isMultiline
          actions={<DefaultButton onClick={discard}>{s.DiscardDraft}</DefaultButton>}
          data-testid="relay-restored"
        >
          {s.DraftRestored}
        </MessageBar>
      )}
      <div className={styles.row}>
        {dropdown('channel', s.ChannelLabel, options(policy.channels))}
        {dropdown('severity', s.SeverityLabel, severities)}
      </div>
      <div className={styles.row}>
        {dropdown('category', s.CategoryLabel, options(policy.categories))}
        {dropdown('product', s.ProductLabel, options(policy.products))}
      </div>
      {text('segment', s.SegmentLabel, s.SegmentHint, false)}
      {text('customerWords', s.CustomerWordsLabel, s.CustomerWordsHint, true, true)}

      <div className={styles.triage} aria-live="polite" aria-atomic="true" data-testid="relay-triage">
        {joined ? (
          <div className={styles.triageBox} role="group" aria-label={s.TriageRegion}>
            <span>{format(s.TriageJoined, joinTitle)}</span>
            <DefaultButton onClick={() => { update('joinInsightId', null); setJoinTitle(''); }} data-testid="relay-triage-undo">{s.TriageUndo}</DefaultButton>
          </div>
        ) : candidate ? (
          <div className={styles.triageBox} role="group" aria-label={s.TriageRegion}>
            <span>{format(s.TriageLooksLike, candidate.insight.title)} — {reachText(candidate.insight.reach)}</span>
            {candidate.insight.response && <span data-testid="relay-triage-answer">{format(s.TriageAnswered, candidate.insight.response)}</span>}
            <DefaultButton
              onClick={() => { update('joinInsightId', candidate.insight.id); setJoinTitle(candidate.insight.title); }}
              data-testid="relay-triage-join"
            >
              {s.TriageJoin}
            </DefaultButton>
          </div>
        ) : null}
        {answered && (
          <div className={styles.triageBox} role="group" aria-label={s.CommunityAnswerRegion} data-testid="relay-community-answer">
            <span>{format(s.CommunityAnswered, answered.title, answered.answer)}</span>
          </div>
        )}
      </div>

      {text('observation', s.ObservationLabel, s.ObservationHint, true)}
      <div className={styles.row}>
        {text('promiseText', s.PromiseLabel, s.PromiseHint, false)}
        <TextField
          componentRef={setRef<ITextField>('promiseDue')}
          label={s.PromiseDueLabel}
          type="date"
          value={draft.promiseDue}
          onChange={(_e, v) => update('promiseDue', v || '')}
          errorMessage={errorOf('promiseDue')}
          data-testid="relay-promiseDue"
        />
      </div>
      {(policy.allowAnonymous || draft.anonymous) && (
        <div>
          <Checkbox
            componentRef={setRef<ICheckbox>('anonymous')}
            label={s.AnonymousLabel}
            checked={draft.anonymous}
            onChange={(_e, v) => update('anonymous', !!v)}
            ariaDescribedBy={`${id}-anonymous-hint`}
            data-testid="relay-anonymous"
          />
          <p id={`${id}-anonymous-hint`} className={styles.intro}>{s.AnonymousHint}</p>
          {errorOf('anonymous') && <p role="alert" style={{ color: theme.semanticColors.errorText, margin: 0 }}>{errorOf('anonymous')}</p>}
        </div>
      )}

      {anyText && (
        <section className={styles.preview} aria-labelledby={`${id}-preview`} data-testid="relay-redaction">
          <h3 id={`${id}-preview`} className={styles.previewTitle}>{s.RedactionHeading}</h3>
          {removedCount === 0 ? <p>{s.RedactionNone}</p> : <p>{plural(locale, removedCount, s.RedactionFoundOne, s.RedactionFoundOther)}</p>}
          {pending.length > 0 && <p>{plural(locale, pending.length, s.SuggestionsFoundOne, s.SuggestionsFoundOther)}</p>}
          {REDACTED_FIELDS.filter(f => preview.byField[f].length > 0 || suggestions[f].length > 0).map(f => (
            <div key={f} className={styles.previewField} data-testid={`relay-redaction-${f}`}>
              <span className={styles.fieldName}>{fieldLabel[f]}</span>
              {preview.byField[f].length > 0 && (
                <ul className={styles.removed}>
                  {preview.byField[f].map(r => (
                    <li key={`${r.start}-${r.end}`} data-kind={r.kind}>
                      {format(s.RedactionRemoved, kindLabel(s, r.kind), draft[f].slice(r.start, r.end))}
                    </li>
                  ))}
                </ul>
              )}
              {suggestions[f].length > 0 && (
                <ul className={styles.removed} aria-label={s.SuggestionsLabel} data-testid={`relay-suggestions-${f}`}>
                  {suggestions[f].map(x => {
                    const index = pending.findIndex(p => p.field === f && p.suggestion === x);
                    const words = draft[f].slice(x.start, x.end);
                    return (
                      <li key={`${x.start}-${x.end}`} className={styles.suggestion} data-kind={x.kind} data-testid="relay-suggestion">
                        <span>{format(x.kind === 'name' ? s.SuggestionName : s.SuggestionAddress, words)}</span>
                        <DefaultButton
                          elementRef={(el: HTMLElement | null) => { suggestionButtons.current[index] = el as HTMLButtonElement | null; }}
                          ariaLabel={format(s.SuggestionRemoveLabel, words)}
                          onClick={() => removeSuggestion(index)}
                          data-testid="relay-suggestion-remove"
                        >
                          {s.SuggestionRemove}
                        </DefaultButton>
                        <DefaultButton ariaLabel={format(s.SuggestionKeepLabel, words)} onClick={() => keepSuggestion(index)} data-testid="relay-suggestion-keep">
                          {s.SuggestionKeep}
                        </DefaultButton>
                      </li>
                    );
                  })}
                </ul>
              )}
              <span>{s.RedactionStoredAs}</span>
              <p className={styles.stored} data-testid={`relay-stored-${f}`}>
                {storedWithSuggestions(draft[f], preview.byField[f], suggestions[f], styles.mark)}
              </p>
            </div>
          ))}
          <p role="status" className={styles.intro} data-testid="relay-suggestion-notice">{suggestionNotice}</p>
        </section>
      )}

      {attempted && errors.length > 0 && phase !== 'failed' && (
        <div role="alert" style={{ color: theme.semanticColors.errorText }} data-testid="relay-error-summary">{s.ErrorSummary}</div>
      )}
      {phase === 'failed' && submitError && (
        <div ref={errorRef} tabIndex={-1}>
          <MessageBar
            messageBarType={submitError === 'forbidden' ? MessageBarType.blocked : MessageBarType.error}
            isMultiline
            actions={submitError !== 'forbidden' ? <DefaultButton onClick={() => { submit().catch(() => undefined); }} data-testid="relay-retry">{s.Retry}</DefaultButton> : undefined}
            data-testid="relay-submit-error"
          >
            {submitErrorText(s, submitError)}
          </MessageBar>
        </div>
      )}
      <div role="status" aria-live="polite">
        {phase === 'submitting' && stillTrying && (
          <MessageBar messageBarType={MessageBarType.warning} isMultiline data-testid="relay-still-trying">{s.SubmitRetrying}</MessageBar>
        )}
      </div>
      <div className={styles.actions}>
        <PrimaryButton type="submit" disabled={phase === 'submitting'} data-testid="relay-submit">
          {phase === 'submitting' ? s.Submitting : s.Submit}
        </PrimaryButton>
        {phase === 'submitting' && <Spinner size={SpinnerSize.small} aria-hidden />}
      </div>
    </form>
  );
};

export const RelayForm: React.FC<RelayFormProps> = props => {
  const { api } = props;
  const loader = useLoader(() => api.feedbackPolicy(), [api]);
  if (!loader.data) {
    if (loader.error) return <ErrorNotice error={loader.error} onRetry={loader.reload} />;
    return <Spinner size={SpinnerSize.medium} label={props.strings.LoadingForm} />;
  }
  return <Form {...props} policy={loader.data} />;
};

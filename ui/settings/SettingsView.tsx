/**
 * "Suite settings": the tenant policy as a form for tenant administrators, with field-level
 * validation in the user's language, a review of what changes before saving, the history with
 * restore, and export/import as JSON. Everyone else sees the policy in force read-only (the same
 * areas, each value as text, no edit controls), who changed it last and why they cannot change it.
 *
 * The view only knows SettingsAdminApi (services/settingsApi.ts); SharePoint enforces who may save.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { Pivot, PivotItem } from '@fluentui/react/lib/Pivot';
import { format } from '../../core/format';
import { diffPolicies, parsePolicyJson, validatePolicy } from '../../core/policy';
import type { Policy, PolicyChange, PolicyFieldError } from '../../core/policy';
import { PolicyValidationError } from '../../services/settingsApi';
import type { PolicyVersion, SettingsAdminApi, SettingsNotice, SettingsSnapshot } from '../../services/settingsApi';
import { toSuiteError } from '../../services/errors';
import { useI18n } from '../i18n';
import { FormContext } from './editors';
import type { FormContextValue } from './editors';
import { AREAS, AreaKey, EXPORT_FILE_NAME, Path, areaName, areaOf, describePath, describeValue, dotted, errorMessage, fieldId, policyJson, setAt } from './policyForm';
import { FeaturesSection, FeedbackSection, GeneralSection, ModerationSection, RolesSection, SkillsSection, SpikesSection } from './sections';
import { clearDraft, readDraft, writeDraft } from './draftStore';

export interface SettingsViewProps {
  api: SettingsAdminApi;
  strings: ISuiteSettingsStrings;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'refused' | 'conflict' | 'latestLoaded' | 'forbidden' | 'offline' | 'failed';

interface HistoryState {
  loading: boolean;
  failed: boolean;
  versions: PolicyVersion[];
}

interface ImportResult {
  fileName: string;
  errors: PolicyFieldError[] | null;
}

const clone = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function noticeText(notice: SettingsNotice, s: ISuiteSettingsStrings): string {
  switch (notice) {
    case 'usingLastKnownGood': return s.NoticeLastKnownGood;
    case 'usingDefaults': return s.NoticeDefaults;
    case 'storedInvalid': return s.NoticeStoredInvalid;
    default: return s.NoticeNotProvisioned;
  }
}

function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(date);
}

function isValidationError(e: unknown): e is PolicyValidationError {
  return e instanceof PolicyValidationError
    || (!!e && (e as { name?: string }).name === 'PolicyValidationError' && Array.isArray((e as { errors?: unknown }).errors));
}

function readFileText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/** Focuses the control of a setting, or of the nearest setting above it that has one. */
function focusField(path: string): boolean {
  const segments = path ? path.split('.') : [];
  for (let n = segments.length; n >= 0; n--) {
    const element = document.getElementById(fieldId(segments.slice(0, n).join('.')));
    if (element) {
      element.focus();
      return true;
    }
  }
  return false;
}

const AreaForm: React.FC<{ area: AreaKey }> = ({ area }) => {
  switch (area) {
    case 'features': return <FeaturesSection />;
    case 'roles': return <RolesSection />;
    case 'feedback': return <FeedbackSection />;
    case 'moderation': return <ModerationSection />;
    case 'spikes': return <SpikesSection />;
    case 'skills': return <SkillsSection />;
    default: return <GeneralSection />;
  }
};

/** The areas as tabs, with the area shown bound to `form` (editable, or read-only). */
const AreaTabs: React.FC<{ form: FormContextValue; tab: AreaKey; onTab: (area: AreaKey) => void; s: ISuiteSettingsStrings }> = ({ form, tab, onTab, s }) => (
  <FormContext.Provider value={form}>
    <Pivot
      aria-label={s.AreasLabel}
      selectedKey={tab}
      onLinkClick={item => item?.props.itemKey && onTab(item.props.itemKey as AreaKey)}
      overflowBehavior="menu"
      overflowAriaLabel={s.MoreAreas}
    >
      {AREAS.map(area => (
        <PivotItem
          key={area}
          itemKey={area}
          headerText={areaName(area, s)}
          headerButtonProps={{ 'data-testid': `settings-tab-${area}` } as Record<string, string>}
        >
          {area === tab && <AreaForm area={area} />}
        </PivotItem>
      ))}
    </Pivot>
  </FormContext.Provider>
);

export const SettingsView: React.FC<SettingsViewProps> = ({ api, strings: s }) => {
  const { locale } = useI18n();
  const theme = useTheme();
  const [phase, setPhase] = React.useState<'loading' | 'failed' | 'ready'>('loading');
  const [snapshot, setSnapshot] = React.useState<SettingsSnapshot | null>(null);
  /** ETag of the stored policy the draft was started from (or reviewed against last). */
  const [baseEtag, setBaseEtag] = React.useState<string | null>(null);
  const [admin, setAdmin] = React.useState(false);
  const [draft, setDraft] = React.useState<Policy | null>(null);
  const [tab, setTab] = React.useState<AreaKey>('features');
  const [reviewing, setReviewing] = React.useState(false);
  const [saveState, setSaveState] = React.useState<SaveState>('idle');
  const [serverErrors, setServerErrors] = React.useState<{ draft: Policy; errors: PolicyFieldError[] } | null>(null);
  const [info, setInfo] = React.useState<string | null>(null);
  const [history, setHistory] = React.useState<HistoryState>({ loading: false, failed: false, versions: [] });
  const [imported, setImported] = React.useState<ImportResult | null>(null);
  const [pendingFocus, setPendingFocus] = React.useState<string | null>(null);
  const [attempt, setAttempt] = React.useState(0);
  const mounted = React.useRef(true);
  const reviewHeading = React.useRef<HTMLHeadingElement>(null);
  const errorsRef = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => () => { mounted.current = false; }, []);

  const loadHistory = React.useCallback(async (): Promise<void> => {
    setHistory(h => ({ ...h, loading: true, failed: false }));
    try {
      const versions = await api.history();
      if (mounted.current) setHistory({ loading: false, failed: false, versions });
    } catch {
      if (mounted.current) setHistory({ loading: false, failed: true, versions: [] });
    }
  }, [api]);

  React.useEffect(() => {
    let cancelled = false;
    setPhase('loading');
    (async () => {
      try {
        const [snap, isAdmin] = await Promise.all([api.load(), api.isTenantAdmin().catch(() => false)]);
        if (cancelled) return;
        setSnapshot(snap);
        setAdmin(isAdmin);
        const kept = isAdmin ? readDraft() : null;
        if (kept && kept.policy && typeof kept.policy === 'object' && !sameJson(kept.policy, snap.policy)) {
          setDraft(kept.policy as Policy);
          setBaseEtag(kept.baseEtag);
          setInfo(s.DraftRestored);
        } else {
          setDraft(clone(snap.policy));
          setBaseEtag(snap.etag);
        }
        setPhase('ready');
        if (isAdmin) await loadHistory();
      } catch {
        if (!cancelled) setPhase('failed');
      }
    })().catch(() => undefined);
    return () => { cancelled = true; };
    // The strings do not change what is loaded.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, attempt, loadHistory]);

  const dirty = !!draft && !!snapshot && !sameJson(draft, snapshot.policy);

  // The draft survives a reload of the page while it differs from the stored policy.
  React.useEffect(() => {
    if (!admin || !draft || !snapshot) return;
    if (dirty) writeDraft(draft, baseEtag);
    else clearDraft();
  }, [admin, draft, snapshot, dirty, baseEtag]);

  const validation = React.useMemo(() => (draft ? validatePolicy(draft) : null), [draft]);
  const errors: PolicyFieldError[] = React.useMemo(() => {
    if (validation && !validation.ok) return validation.errors;
    if (serverErrors && serverErrors.draft === draft) return serverErrors.errors;
    return [];
  }, [validation, serverErrors, draft]);
  const messages = React.useMemo(() => {
    const map = new Map<string, string>();
    for (const e of errors) if (!map.has(e.path)) map.set(e.path, errorMessage(e, s, locale));
    return map;
  }, [errors, s, locale]);

  const set = React.useCallback((path: Path, value: unknown) => {
    setDraft(d => (d ? setAt(d, path, value) : d));
    setSaveState(state => (state === 'saved' || state === 'refused' ? 'idle' : state));
  }, []);

  const form: FormContextValue = React.useMemo(() => ({
    draft,
    set,
    errorFor: (path: Path) => messages.get(dotted(path)),
    strings: s,
    locale
  }), [draft, set, messages, s, locale]);

  // What a non-admin sees: the policy in force, through the same area declarations, as text.
  const shown: FormContextValue = React.useMemo(() => ({
    draft: snapshot ? snapshot.policy : null,
    set: () => undefined,
    errorFor: () => undefined,
    strings: s,
    locale,
    readOnly: true
  }), [snapshot, s, locale]);

  React.useEffect(() => {
    if (pendingFocus === null) return;
    focusField(pendingFocus);
    setPendingFocus(null);
  }, [pendingFocus, tab, reviewing]);

  React.useEffect(() => {
    if (reviewing) reviewHeading.current?.focus();
  }, [reviewing]);

  const goTo = (path: string): void => {
    setReviewing(false);
    setTab(areaOf(path));
    setPendingFocus(path);
  };

  const changes: PolicyChange[] = React.useMemo(
    () => (reviewing && draft && snapshot ? diffPolicies(snapshot.policy, draft) : []),
    [reviewing, draft, snapshot]
  );

  const review = (): void => {
    setInfo(null);
    if (errors.length) {
      errorsRef.current?.focus();
      return;
    }
    setReviewing(true);
  };

  const save = async (): Promise<void> => {
    if (!draft || !snapshot) return;
    const sent = draft;
    setSaveState('saving');
    try {
      const next = await api.save(sent, baseEtag);
      if (!mounted.current) return;
      setSnapshot(next);
      setBaseEtag(next.etag);
      setDraft(clone(next.policy));
      setServerErrors(null);
      setReviewing(false);
      setSaveState('saved');
      clearDraft();
      await loadHistory();
    } catch (e) {
      if (!mounted.current) return;
      if (isValidationError(e)) {
        setServerErrors({ draft: sent, errors: e.errors });
        setReviewing(false);
        setSaveState('refused');
        return;
      }
      const kind = toSuiteError(e).kind;
      setSaveState(kind === 'conflict' ? 'conflict' : kind === 'forbidden' ? 'forbidden' : kind === 'offline' ? 'offline' : 'failed');
    }
  };

  const reloadLatest = async (): Promise<void> => {
    try {
      const latest = await api.load({ fresh: true });
      if (!mounted.current) return;
      setSnapshot(latest);
      // The admin now reviews the draft against the latest: saving it may replace that version.
      setBaseEtag(latest.etag);
      setSaveState('latestLoaded');
      setReviewing(true);
      await loadHistory();
    } catch {
      if (mounted.current) setSaveState('offline');
    }
  };

  const discard = (): void => {
    if (!snapshot) return;
    setDraft(clone(snapshot.policy));
    setBaseEtag(snapshot.etag);
    setServerErrors(null);
    setReviewing(false);
    setSaveState('idle');
    setInfo(null);
    clearDraft();
  };

  const restore = (version: PolicyVersion): void => {
    if (!version.policy) return;
    setDraft(clone(version.policy));
    setServerErrors(null);
    setReviewing(false);
    setSaveState('idle');
    setImported(null);
    setInfo(format(s.Restored, version.versionLabel));
  };

  const exportPolicy = (): void => {
    if (!snapshot) return;
    const blob = new Blob([policyJson(snapshot.policy)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = EXPORT_FILE_NAME;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const importFile = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files && input.files[0];
    if (!file) return;
    // The same file can be picked again after a fix.
    input.value = '';
    setInfo(null);
    let text: string;
    try {
      text = await readFileText(file);
    } catch {
      if (mounted.current) setImported({ fileName: file.name, errors: [] });
      return;
    }
    if (!mounted.current) return;
    const result = parsePolicyJson(text);
    if (!result.ok) {
      setImported({ fileName: file.name, errors: result.errors });
      return;
    }
    setImported(null);
    setDraft(result.policy);
    setServerErrors(null);
    setReviewing(false);
    setSaveState('idle');
    setInfo(format(s.Imported, file.name));
  };

  const styles = mergeStyleSets({
    root: { color: theme.semanticColors.bodyText, background: theme.semanticColors.bodyBackground, padding: 16, fontFamily: theme.fonts.medium.fontFamily },
    h2: { ...theme.fonts.xLarge, fontWeight: 600, margin: '0 0 4px' },
    h3: { ...theme.fonts.large, fontWeight: 600, margin: '24px 0 8px' },
    sub: { color: theme.semanticColors.bodySubtext, margin: '4px 0 12px' },
    bar: { margin: '8px 0' },
    actions: { display: 'flex', flexWrap: 'wrap', gap: 8, margin: '12px 0', alignItems: 'center' },
    summary: {
      border: `2px solid ${theme.semanticColors.errorText}`,
      borderRadius: 4,
      padding: '8px 12px',
      margin: '12px 0',
      background: theme.semanticColors.bodyBackground,
      selectors: { ':focus': { outline: `2px solid ${theme.semanticColors.focusBorder}` } }
    },
    summaryTitle: { fontWeight: 600, margin: '0 0 4px', color: theme.semanticColors.errorText },
    list: { margin: 0, paddingLeft: 20 },
    change: { margin: '4px 0' },
    changeKind: { fontWeight: 600 },
    table: { borderCollapse: 'collapse', width: '100%' },
    cell: { textAlign: 'left', padding: '6px 8px', borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`, verticalAlign: 'middle' },
    badge: { padding: '0 6px', border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, fontSize: 12 },
    invalid: { color: theme.semanticColors.errorText },
    detail: { display: 'block', color: theme.semanticColors.bodySubtext, fontSize: 12 }
  });

  if (phase === 'loading') {
    return <div className={styles.root} data-testid="settings-view"><Spinner size={SpinnerSize.large} label={s.Loading} /></div>;
  }
  if (phase === 'failed' || !snapshot || !draft) {
    return (
      <div className={styles.root} data-testid="settings-view">
        <h2 className={styles.h2}>{s.Title}</h2>
        <MessageBar
          messageBarType={MessageBarType.error}
          isMultiline
          actions={<DefaultButton onClick={() => setAttempt(n => n + 1)}>{s.Retry}</DefaultButton>}
        >
          {s.LoadFailed}
        </MessageBar>
      </div>
    );
  }

  const header = (
    <>
      <h2 className={styles.h2}>{s.Title}</h2>
      <p className={styles.sub}>{s.Intro}</p>
      {snapshot.notice && (
        <MessageBar className={styles.bar} messageBarType={MessageBarType.warning} isMultiline data-testid="settings-notice">
          {noticeText(snapshot.notice, s)}
        </MessageBar>
      )}
      <p className={styles.sub} data-testid="settings-last-changed">
        {snapshot.modified
          ? format(s.LastChanged, snapshot.modifiedBy || '?', formatDate(snapshot.modified, locale))
          : s.NeverChanged}
      </p>
    </>
  );

  if (!admin) {
    return (
      <section className={styles.root} aria-label={s.Title} data-testid="settings-view">
        {header}
        <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="settings-readonly">{s.ReadOnly}</MessageBar>
        <div data-testid="settings-readonly-policy">
          <AreaTabs form={shown} tab={tab} onTab={setTab} s={s} />
        </div>
      </section>
    );
  }

  const saveMessage = ((): JSX.Element | null => {
    switch (saveState) {
      case 'saved':
        return <MessageBar messageBarType={MessageBarType.success} isMultiline>{s.Saved}</MessageBar>;
      case 'refused':
        return <MessageBar messageBarType={MessageBarType.error} isMultiline>{s.SaveRefused}</MessageBar>;
      case 'conflict':
        return (
          <MessageBar
            messageBarType={MessageBarType.warning}
            isMultiline
            actions={<DefaultButton onClick={() => { reloadLatest().catch(() => undefined); }} data-testid="settings-reload-latest">{s.ReloadLatest}</DefaultButton>}
          >
            {s.SaveConflict}
          </MessageBar>
        );
      case 'latestLoaded':
        return <MessageBar messageBarType={MessageBarType.info} isMultiline>{s.LatestLoaded}</MessageBar>;
      case 'forbidden':
        return <MessageBar messageBarType={MessageBarType.blocked} isMultiline>{s.SaveForbidden}</MessageBar>;
      case 'offline':
        return <MessageBar messageBarType={MessageBarType.error} isMultiline>{s.SaveOffline}</MessageBar>;
      case 'failed':
        return <MessageBar messageBarType={MessageBarType.error} isMultiline>{s.SaveFailed}</MessageBar>;
      default:
        return null;
    }
  })();

  const latestVersion = history.versions.length ? history.versions[0].versionLabel : null;

  return (
    <section className={styles.root} aria-label={s.Title} data-testid="settings-view">
      {header}
      {info && <MessageBar className={styles.bar} messageBarType={MessageBarType.info} isMultiline data-testid="settings-info">{info}</MessageBar>}
      <div className={styles.bar} data-testid="settings-save-status">{saveMessage}</div>

      {errors.length > 0 && (
        <div className={styles.summary} ref={errorsRef} tabIndex={-1} role="region" aria-labelledby="suite-settings-errors-title" data-testid="settings-errors">
          <p className={styles.summaryTitle} id="suite-settings-errors-title">{format(s.ErrorsTitle, errors.length)}</p>
          <ul className={styles.list}>
            {errors.map(e => {
              const where = describePath(e.path, s);
              return (
                <li key={e.path}>
                  <Link onClick={() => goTo(e.path)} aria-label={format(s.ErrorGoTo, where)}>{where}</Link>
                  {`${s.Separator}${messages.get(e.path) ?? errorMessage(e, s, locale)}`}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <div className={styles.actions}>
        {!reviewing && (
          <PrimaryButton onClick={review} data-testid="settings-review">{s.Review}</PrimaryButton>
        )}
        {dirty && <span>{s.Unsaved}</span>}
        {dirty && <DefaultButton onClick={discard} data-testid="settings-discard">{s.DiscardChanges}</DefaultButton>}
      </div>

      {reviewing ? (
        <div data-testid="settings-review-panel">
          <h3 className={styles.h3} ref={reviewHeading} tabIndex={-1}>{s.ReviewTitle}</h3>
          {changes.length === 0 ? (
            <p>{s.ReviewNoChanges}</p>
          ) : (
            <>
              <p>{s.ReviewIntro}</p>
              <ul className={styles.list} data-testid="settings-changes">
                {changes.map(change => (
                  <li key={`${change.kind}:${change.path}`} className={styles.change}>
                    <span className={styles.changeKind}>
                      {change.kind === 'added' ? s.ChangeAdded : change.kind === 'removed' ? s.ChangeRemoved : s.ChangeChanged}
                    </span>
                    {` · ${describePath(change.path, s)}${s.Separator}`}
                    {change.kind === 'added'
                      ? describeValue(change.after, s, locale)
                      : change.kind === 'removed'
                        ? describeValue(change.before, s, locale)
                        : format(s.ChangeBeforeAfter, describeValue(change.before, s, locale), describeValue(change.after, s, locale))}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className={styles.actions}>
            <PrimaryButton
              onClick={() => { save().catch(() => undefined); }}
              disabled={changes.length === 0 || errors.length > 0 || saveState === 'saving'}
              data-testid="settings-save"
            >
              {saveState === 'saving' ? s.Saving : s.Save}
            </PrimaryButton>
            <DefaultButton onClick={() => setReviewing(false)} data-testid="settings-review-back">{s.BackToEditing}</DefaultButton>
          </div>
        </div>
      ) : (
        <form onSubmit={e => { e.preventDefault(); review(); }} noValidate data-testid="settings-form">
          <AreaTabs form={form} tab={tab} onTab={setTab} s={s} />
        </form>
      )}

      <section aria-labelledby="suite-settings-history-title" data-testid="settings-history">
        <h3 className={styles.h3} id="suite-settings-history-title">{s.History}</h3>
        {history.loading && <Spinner label={s.HistoryLoading} />}
        {history.failed && (
          <MessageBar messageBarType={MessageBarType.error} actions={<DefaultButton onClick={() => { loadHistory().catch(() => undefined); }}>{s.Retry}</DefaultButton>}>
            {s.HistoryFailed}
          </MessageBar>
        )}
        {!history.loading && !history.failed && history.versions.length === 0 && <p>{s.HistoryEmpty}</p>}
        {history.versions.length > 0 && (
          <table className={styles.table}>
            <thead>
              <tr>
                <th className={styles.cell} scope="col">{s.HistoryVersion}</th>
                <th className={styles.cell} scope="col">{s.HistoryAuthor}</th>
                <th className={styles.cell} scope="col">{s.HistoryTime}</th>
                <th className={styles.cell} scope="col">{s.HistoryActions}</th>
              </tr>
            </thead>
            <tbody>
              {history.versions.map(v => (
                <tr key={v.versionLabel} data-testid={`settings-history-${v.versionLabel}`}>
                  <td className={styles.cell}>
                    {v.versionLabel}
                    {v.versionLabel === latestVersion && snapshot.source === 'list' && <> <span className={styles.badge}>{s.HistoryCurrent}</span></>}
                  </td>
                  <td className={styles.cell}>{v.modifiedBy}</td>
                  <td className={styles.cell}>{formatDate(v.modified, locale)}</td>
                  <td className={styles.cell}>
                    {v.policy ? (
                      <DefaultButton
                        onClick={() => restore(v)}
                        ariaLabel={format(s.RestoreLabel, v.versionLabel)}
                        data-testid={`settings-restore-${v.versionLabel}`}
                      >
                        {s.Restore}
                      </DefaultButton>
                    ) : (
                      <span data-testid={`settings-invalid-${v.versionLabel}`}>
                        <strong className={styles.invalid}>{s.RestoreInvalid}</strong>
                        <span className={styles.detail}>{format(s.RestoreInvalidDetail, v.versionLabel)}</span>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="suite-settings-transfer-title">
        <h3 className={styles.h3} id="suite-settings-transfer-title">{s.ExportImport}</h3>
        <div className={styles.actions}>
          <DefaultButton iconProps={{ iconName: 'Download' }} onClick={exportPolicy} data-testid="settings-export">{s.Export}</DefaultButton>
        </div>
        <div>
          <label htmlFor="suite-settings-import">{s.ImportLabel}</label>
          <p className={styles.sub} id="suite-settings-import-help">{s.ImportHelp}</p>
          <input
            id="suite-settings-import"
            type="file"
            accept=".json,application/json"
            aria-describedby="suite-settings-import-help"
            data-testid="settings-import"
            onChange={e => { importFile(e.currentTarget).catch(() => undefined); }}
          />
        </div>
        {imported && (
          <div className={styles.summary} role="alert" data-testid="settings-import-errors">
            <p className={styles.summaryTitle}>{imported.errors && imported.errors.length ? format(s.ImportInvalid, imported.fileName) : s.ImportUnreadable}</p>
            {imported.errors && imported.errors.length > 0 && (
              <ul className={styles.list}>
                {imported.errors.map(e => (
                  <li key={e.path}>{`${describePath(e.path, s)}${s.Separator}${errorMessage(e, s, locale)}`}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>
    </section>
  );
};

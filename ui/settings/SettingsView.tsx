/**
 * "Suite settings": the tenant policy as a form for tenant administrators, with field-level
 * validation in the user's language, a review of what changes before saving, the history with
 * restore, and export/import as JSON. Everyone else sees the policy in force read-only (the same
 * areas, each value as text, no edit controls), who changed it last and why they cannot change it.
 *
 * The view only knows SettingsAdminApi (services/settingsApi.ts); SharePoint enforces who may save.
 * Its state and service calls are in ./useSettingsEditor.ts; the areas are declared in
 * ./policySections.tsx; review, history and export/import are their own components.
 */
import * as React from 'react';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { Pivot, PivotItem } from '@fluentui/react/lib/Pivot';
import { format } from '../../core/format';
import type { PolicyFieldError } from '../../core/policy';
import type { SettingsAdminApi, SettingsNotice, SettingsSnapshot } from '../../services/settingsApi';
import { useI18n } from '../i18n';
import { FormContext } from './editors';
import type { FormContextValue } from './editors';
import { describePath, dotted, errorMessage, fieldId, Path } from './policyForm';
import { POLICY_SECTIONS } from './policySections';
import type { AreaKey } from './policySections';
import { EditorState, SaveState, SettingsEditor, useSettingsEditor } from './useSettingsEditor';
import { SettingsHistory } from './SettingsHistory';
import { SettingsReview } from './SettingsReview';
import { SettingsTransfer } from './SettingsTransfer';
import { formatDate, useSettingsStyles } from './settingsStyles';

export interface SettingsViewProps {
  api: SettingsAdminApi;
  strings: ISuiteSettingsStrings;
}

function noticeText(notice: SettingsNotice, s: ISuiteSettingsStrings): string {
  switch (notice) {
    case 'usingLastKnownGood': return s.NoticeLastKnownGood;
    case 'usingDefaults': return s.NoticeDefaults;
    case 'storedInvalid': return s.NoticeStoredInvalid;
    default: return s.NoticeNotProvisioned;
  }
}

function infoText(info: EditorState['info'], s: ISuiteSettingsStrings): string | null {
  if (!info) return null;
  if (info.kind === 'draftRestored') return s.DraftRestored;
  return info.kind === 'restored' ? format(s.Restored, info.label) : format(s.Imported, info.fileName);
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
      {POLICY_SECTIONS.map(({ area, label, Editor }) => (
        <PivotItem
          key={area}
          itemKey={area}
          headerText={label(s)}
          headerButtonProps={{ 'data-testid': `settings-tab-${area}` } as Record<string, string>}
        >
          {area === tab && <Editor />}
        </PivotItem>
      ))}
    </Pivot>
  </FormContext.Provider>
);

const SaveMessage: React.FC<{ saveState: SaveState; s: ISuiteSettingsStrings; onReloadLatest(): void }> = ({ saveState, s, onReloadLatest }) => {
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
          actions={<DefaultButton onClick={onReloadLatest} data-testid="settings-reload-latest">{s.ReloadLatest}</DefaultButton>}
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
};

interface ErrorSummaryProps {
  errors: PolicyFieldError[];
  messages: Map<string, string>;
  s: ISuiteSettingsStrings;
  locale: string;
  onGoTo(path: string): void;
}

/** Every field error, each a link to its control. Takes the focus when a review is refused. */
const ErrorSummary = React.forwardRef<HTMLDivElement, ErrorSummaryProps>(({ errors, messages, s, locale, onGoTo }, ref) => {
  const styles = useSettingsStyles();
  return (
    <div className={styles.summary} ref={ref} tabIndex={-1} role="region" aria-labelledby="suite-settings-errors-title" data-testid="settings-errors">
      <p className={styles.summaryTitle} id="suite-settings-errors-title">{format(s.ErrorsTitle, errors.length)}</p>
      <ul className={styles.list}>
        {errors.map(e => {
          const where = describePath(e.path, s);
          return (
            <li key={e.path}>
              <Link onClick={() => onGoTo(e.path)} aria-label={format(s.ErrorGoTo, where)}>{where}</Link>
              {`${s.Separator}${messages.get(e.path) ?? errorMessage(e, s, locale)}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
});
ErrorSummary.displayName = 'ErrorSummary';

const Header: React.FC<{ snapshot: SettingsSnapshot; s: ISuiteSettingsStrings; locale: string }> = ({ snapshot, s, locale }) => {
  const styles = useSettingsStyles();
  return (
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
};

/** The two bindings of the areas: the draft (editable) and the policy in force (read-only). */
function useForms(editor: SettingsEditor, s: ISuiteSettingsStrings, locale: string): { form: FormContextValue; shown: FormContextValue } {
  const { state: { draft, snapshot }, set, messages } = editor;
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
  return { form, shown };
}

export const SettingsView: React.FC<SettingsViewProps> = ({ api, strings: s }) => {
  const { locale } = useI18n();
  const styles = useSettingsStyles();
  const editor = useSettingsEditor(api, s, locale);
  const { state, dispatch, errors, messages, dirty } = editor;
  const { snapshot, draft, tab, reviewing, saveState, pendingFocus } = state;
  const { form, shown } = useForms(editor, s, locale);
  const errorsRef = React.useRef<HTMLDivElement>(null);
  const onTab = React.useCallback((area: AreaKey) => dispatch({ type: 'tab', area }), [dispatch]);

  React.useEffect(() => {
    if (pendingFocus === null) return;
    focusField(pendingFocus);
    dispatch({ type: 'focused' });
  }, [pendingFocus, tab, reviewing, dispatch]);

  const review = (): void => {
    if (errors.length) {
      dispatch({ type: 'clearInfo' });
      errorsRef.current?.focus();
      return;
    }
    dispatch({ type: 'review' });
  };

  if (state.phase === 'loading') {
    return <div className={styles.root} data-testid="settings-view"><Spinner size={SpinnerSize.large} label={s.Loading} /></div>;
  }
  if (state.phase === 'failed' || !snapshot || !draft) {
    return (
      <div className={styles.root} data-testid="settings-view">
        <h2 className={styles.h2}>{s.Title}</h2>
        <MessageBar messageBarType={MessageBarType.error} isMultiline actions={<DefaultButton onClick={() => dispatch({ type: 'retry' })}>{s.Retry}</DefaultButton>}>
          {s.LoadFailed}
        </MessageBar>
      </div>
    );
  }

  if (!state.admin) {
    return (
      <section className={styles.root} aria-label={s.Title} data-testid="settings-view">
        <Header snapshot={snapshot} s={s} locale={locale} />
        <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="settings-readonly">{s.ReadOnly}</MessageBar>
        <div data-testid="settings-readonly-policy">
          <AreaTabs form={shown} tab={tab} onTab={onTab} s={s} />
        </div>
      </section>
    );
  }

  const info = infoText(state.info, s);
  return (
    <section className={styles.root} aria-label={s.Title} data-testid="settings-view">
      <Header snapshot={snapshot} s={s} locale={locale} />
      {info && <MessageBar className={styles.bar} messageBarType={MessageBarType.info} isMultiline data-testid="settings-info">{info}</MessageBar>}
      <div className={styles.bar} data-testid="settings-save-status">
        <SaveMessage saveState={saveState} s={s} onReloadLatest={() => { editor.reloadLatest().catch(() => undefined); }} />
      </div>
      {errors.length > 0 && (
        <ErrorSummary ref={errorsRef} errors={errors} messages={messages} s={s} locale={locale} onGoTo={path => dispatch({ type: 'goTo', path })} />
      )}
      <div className={styles.actions}>
        {!reviewing && <PrimaryButton onClick={review} data-testid="settings-review">{s.Review}</PrimaryButton>}
        {dirty && <span>{s.Unsaved}</span>}
        {dirty && <DefaultButton onClick={() => dispatch({ type: 'discard' })} data-testid="settings-discard">{s.DiscardChanges}</DefaultButton>}
      </div>
      {reviewing ? (
        <SettingsReview
          changes={editor.changes}
          canSave={errors.length === 0}
          saving={saveState === 'saving'}
          strings={s}
          locale={locale}
          onSave={() => { editor.save().catch(() => undefined); }}
          onBack={() => dispatch({ type: 'back' })}
        />
      ) : (
        <form onSubmit={e => { e.preventDefault(); review(); }} noValidate data-testid="settings-form">
          <AreaTabs form={form} tab={tab} onTab={onTab} s={s} />
        </form>
      )}
      <SettingsHistory
        history={state.history}
        fromList={snapshot.source === 'list'}
        strings={s}
        locale={locale}
        onRetry={() => { editor.loadHistory().catch(() => undefined); }}
        onRestore={v => { if (v.policy) dispatch({ type: 'replaceDraft', policy: JSON.parse(JSON.stringify(v.policy)), source: { kind: 'restored', label: v.versionLabel } }); }}
      />
      <SettingsTransfer
        policy={snapshot.policy}
        imported={state.imported}
        strings={s}
        locale={locale}
        onImportStart={() => dispatch({ type: 'clearInfo' })}
        onImported={(policy, fileName) => dispatch({ type: 'replaceDraft', policy, source: { kind: 'imported', fileName } })}
        onImportFailed={result => dispatch({ type: 'importFailed', result })}
      />
    </section>
  );
};

/**
 * The state of the settings editor as one reducer: the policy in force, the draft and the ETag it
 * started from, the tab, the review, the save and its outcome, messages and import errors. The
 * service calls live here too; they dispatch through one unmount-safe dispatcher, so a call that
 * ends after the view is gone changes nothing (no scattered "still mounted?" checks).
 *
 * The policy is read once per mount (and on retry): re-rendering with another theme, strings or a
 * new api object (a shell rendering again) keeps the draft and reads nothing again.
 */
import * as React from 'react';
import { diffPolicies, validatePolicy } from '../../core/policy';
import type { Policy, PolicyChange, PolicyFieldError } from '../../core/policy';
import { PolicyValidationError } from '../../services/settingsApi';
import type { PolicyVersion, SettingsAdminApi, SettingsSnapshot } from '../../services/settingsApi';
import { toSuiteError } from '../../services/errors';
import { Path, errorMessage, setAt } from './policyForm';
import { areaOf } from './policySections';
import type { AreaKey } from './policySections';
import { clearDraft, readDraft, writeDraft } from './draftStore';

export type SaveState = 'idle' | 'saving' | 'saved' | 'refused' | 'conflict' | 'latestLoaded' | 'forbidden' | 'offline' | 'failed';

export interface HistoryState {
  loading: boolean;
  failed: boolean;
  versions: PolicyVersion[];
}

export interface ImportResult {
  fileName: string;
  errors: PolicyFieldError[] | null;
}

/** What the draft was replaced with, and the message that says so. */
export type DraftSource = { kind: 'restored'; label: string } | { kind: 'imported'; fileName: string };

export interface EditorState {
  phase: 'loading' | 'failed' | 'ready';
  snapshot: SettingsSnapshot | null;
  /** ETag of the stored policy the draft was started from (or reviewed against last). */
  baseEtag: string | null;
  admin: boolean;
  draft: Policy | null;
  tab: AreaKey;
  reviewing: boolean;
  saveState: SaveState;
  serverErrors: { draft: Policy; errors: PolicyFieldError[] } | null;
  /** A message about the draft: kept across a reload, restored from a version, imported. */
  info: { kind: 'draftRestored' } | DraftSource | null;
  imported: ImportResult | null;
  /** The setting to focus once its tab is shown. */
  pendingFocus: string | null;
  history: HistoryState;
  attempt: number;
}

export type EditorAction =
  | { type: 'load' }
  | { type: 'loaded'; snapshot: SettingsSnapshot; admin: boolean }
  | { type: 'loadFailed' }
  | { type: 'retry' }
  | { type: 'set'; path: Path; value: unknown }
  | { type: 'tab'; area: AreaKey }
  | { type: 'goTo'; path: string }
  | { type: 'focused' }
  | { type: 'review' }
  | { type: 'back' }
  | { type: 'clearInfo' }
  | { type: 'saving' }
  | { type: 'saved'; snapshot: SettingsSnapshot }
  | { type: 'refused'; draft: Policy; errors: PolicyFieldError[] }
  | { type: 'saveFailed'; state: SaveState }
  | { type: 'latestLoaded'; snapshot: SettingsSnapshot }
  | { type: 'discard' }
  | { type: 'replaceDraft'; policy: Policy; source: DraftSource }
  | { type: 'importFailed'; result: ImportResult }
  | { type: 'historyLoading' }
  | { type: 'history'; history: HistoryState };

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export const initialEditorState: EditorState = {
  phase: 'loading', snapshot: null, baseEtag: null, admin: false, draft: null, tab: 'features', reviewing: false,
  saveState: 'idle', serverErrors: null, info: null, imported: null, pendingFocus: null,
  history: { loading: false, failed: false, versions: [] }, attempt: 0
};

/** A draft kept across a reload (admins only), when it still differs from the stored policy. */
function loadedState(state: EditorState, snapshot: SettingsSnapshot, admin: boolean): EditorState {
  const kept = admin ? readDraft() : null;
  const base = { ...state, phase: 'ready' as const, snapshot, admin };
  if (kept && kept.policy && typeof kept.policy === 'object' && !sameJson(kept.policy, snapshot.policy)) {
    return { ...base, draft: kept.policy as Policy, baseEtag: kept.baseEtag, info: { kind: 'draftRestored' } };
  }
  return { ...base, draft: clone(snapshot.policy), baseEtag: snapshot.etag };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load': return { ...state, phase: 'loading' };
    case 'loaded': return loadedState(state, action.snapshot, action.admin);
    case 'loadFailed': return { ...state, phase: 'failed' };
    case 'retry': return { ...state, attempt: state.attempt + 1 };
    case 'set':
      return {
        ...state,
        draft: state.draft ? setAt(state.draft, action.path, action.value) : state.draft,
        saveState: state.saveState === 'saved' || state.saveState === 'refused' ? 'idle' : state.saveState
      };
    case 'tab': return { ...state, tab: action.area };
    case 'goTo': return { ...state, reviewing: false, tab: areaOf(action.path), pendingFocus: action.path };
    case 'focused': return { ...state, pendingFocus: null };
    case 'review': return { ...state, info: null, reviewing: true };
    case 'back': return { ...state, reviewing: false };
    case 'clearInfo': return { ...state, info: null };
    case 'saving': return { ...state, saveState: 'saving' };
    case 'saved':
      return {
        ...state, snapshot: action.snapshot, baseEtag: action.snapshot.etag, draft: clone(action.snapshot.policy),
        serverErrors: null, reviewing: false, saveState: 'saved'
      };
    case 'refused': return { ...state, serverErrors: { draft: action.draft, errors: action.errors }, reviewing: false, saveState: 'refused' };
    case 'saveFailed': return { ...state, saveState: action.state };
    // The admin now reviews the draft against the latest: saving it may replace that version.
    case 'latestLoaded': return { ...state, snapshot: action.snapshot, baseEtag: action.snapshot.etag, saveState: 'latestLoaded', reviewing: true };
    case 'discard':
      if (!state.snapshot) return state;
      return {
        ...state, draft: clone(state.snapshot.policy), baseEtag: state.snapshot.etag, serverErrors: null,
        reviewing: false, saveState: 'idle', info: null
      };
    case 'replaceDraft':
      return { ...state, draft: action.policy, serverErrors: null, reviewing: false, saveState: 'idle', imported: null, info: action.source };
    case 'importFailed': return { ...state, imported: action.result };
    case 'historyLoading': return { ...state, history: { ...state.history, loading: true, failed: false } };
    case 'history': return { ...state, history: action.history };
    default: return state;
  }
}

/** useReducer whose dispatch does nothing once the component is unmounted, and a way to ask. */
export function useUnmountSafeReducer<S, A>(reducer: React.Reducer<S, A>, initial: S): [S, (action: A) => void, () => boolean] {
  const [state, dispatch] = React.useReducer(reducer, initial);
  const mounted = React.useRef(true);
  React.useEffect(() => {
    mounted.current = true;
    return () => { mounted.current = false; };
  }, []);
  const safeDispatch = React.useCallback((action: A) => { if (mounted.current) dispatch(action); }, []);
  const alive = React.useCallback(() => mounted.current, []);
  return [state, safeDispatch, alive];
}

function isValidationError(e: unknown): e is PolicyValidationError {
  return e instanceof PolicyValidationError
    || (!!e && (e as { name?: string }).name === 'PolicyValidationError' && Array.isArray((e as { errors?: unknown }).errors));
}

function failedSaveState(e: unknown): SaveState {
  const kind = toSuiteError(e).kind;
  return kind === 'conflict' ? 'conflict' : kind === 'forbidden' ? 'forbidden' : kind === 'offline' ? 'offline' : 'failed';
}

export interface SettingsEditor {
  state: EditorState;
  dirty: boolean;
  /** Field errors: the document's own, else those the service refused this very draft with. */
  errors: PolicyFieldError[];
  /** The localized message of each erroneous path. */
  messages: Map<string, string>;
  /** What saving would change (while reviewing). */
  changes: PolicyChange[];
  set(path: Path, value: unknown): void;
  dispatch(action: EditorAction): void;
  loadHistory(): Promise<void>;
  save(): Promise<void>;
  reloadLatest(): Promise<void>;
}

/** Reads the policy (and, for admins, the history) once per mount and on each retry. */
function useInitialLoad(api: React.MutableRefObject<SettingsAdminApi>, attempt: number, dispatch: (a: EditorAction) => void, loadHistory: () => Promise<void>): void {
  React.useEffect(() => {
    let cancelled = false;
    dispatch({ type: 'load' });
    (async () => {
      try {
        const [snapshot, admin] = await Promise.all([api.current.load(), api.current.isTenantAdmin().catch(() => false)]);
        if (cancelled) return;
        dispatch({ type: 'loaded', snapshot, admin });
        if (admin) await loadHistory();
      } catch {
        if (!cancelled) dispatch({ type: 'loadFailed' });
      }
    })().catch(() => undefined);
    return () => { cancelled = true; };
  }, [api, attempt, dispatch, loadHistory]);
}

export function useSettingsEditor(apiProp: SettingsAdminApi, s: ISuiteSettingsStrings, locale: string): SettingsEditor {
  const [state, dispatch, alive] = useUnmountSafeReducer(editorReducer, initialEditorState);
  // The latest api, without reading again when a shell passes a new object for the same service.
  const api = React.useRef(apiProp);
  api.current = apiProp;
  const { admin, draft, snapshot, baseEtag, serverErrors, reviewing } = state;

  const loadHistory = React.useCallback(async (): Promise<void> => {
    dispatch({ type: 'historyLoading' });
    try {
      const versions = await api.current.history();
      dispatch({ type: 'history', history: { loading: false, failed: false, versions } });
    } catch {
      dispatch({ type: 'history', history: { loading: false, failed: true, versions: [] } });
    }
  }, [dispatch]);

  useInitialLoad(api, state.attempt, dispatch, loadHistory);

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
  const changes = React.useMemo(
    () => (reviewing && draft && snapshot ? diffPolicies(snapshot.policy, draft) : []),
    [reviewing, draft, snapshot]
  );

  const set = React.useCallback((path: Path, value: unknown) => dispatch({ type: 'set', path, value }), [dispatch]);

  const save = async (): Promise<void> => {
    if (!draft || !snapshot) return;
    const sent = draft;
    dispatch({ type: 'saving' });
    try {
      const next = await api.current.save(sent, baseEtag);
      if (!alive()) return;
      dispatch({ type: 'saved', snapshot: next });
      clearDraft();
      await loadHistory();
    } catch (e) {
      if (isValidationError(e)) dispatch({ type: 'refused', draft: sent, errors: e.errors });
      else dispatch({ type: 'saveFailed', state: failedSaveState(e) });
    }
  };

  const reloadLatest = async (): Promise<void> => {
    try {
      const latest = await api.current.load({ fresh: true });
      if (!alive()) return;
      dispatch({ type: 'latestLoaded', snapshot: latest });
      await loadHistory();
    } catch {
      dispatch({ type: 'saveFailed', state: 'offline' });
    }
  };

  return { state, dirty, errors, messages, changes, set, dispatch, loadHistory, save, reloadLatest };
}

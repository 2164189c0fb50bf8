/**
 * Small editors of the settings form, bound to the draft through FormContext: text, number, lists
 * of lines, switches, choices, and the reusable editors of group lists and option lists.
 * Each control's id is fieldId(path), so the error summary can focus it.
 */
import * as React from 'react';
import { TextField } from '@fluentui/react/lib/TextField';
import { Toggle } from '@fluentui/react/lib/Toggle';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import type { IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { Checkbox } from '@fluentui/react/lib/Checkbox';
import { DefaultButton, IconButton } from '@fluentui/react/lib/Button';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { format } from '../../core/format';
import type { GroupRef, PolicyOption } from '../../core/policy';
import { Path, fieldId, getAt } from './policyForm';

export interface FormContextValue {
  draft: unknown;
  set(path: Path, value: unknown): void;
  /** The localized error of exactly this path, if any. */
  errorFor(path: Path): string | undefined;
  strings: ISuiteSettingsStrings;
  locale: string;
  /**
   * The policy is shown, not edited (anyone but a tenant administrator): every editor renders its
   * label and value as text, and list editors drop their add, remove and move buttons.
   */
  readOnly?: boolean;
}

export const FormContext = React.createContext<FormContextValue | null>(null);

export function useForm(): FormContextValue {
  const value = React.useContext(FormContext);
  if (!value) throw new Error('useForm must be used inside the settings form.');
  return value;
}

export function useEditorStyles(): Record<EditorClass, string> {
  const theme = useTheme();
  return React.useMemo(() => makeStyles(theme.semanticColors.bodyDivider, theme.semanticColors.errorText, theme.semanticColors.bodySubtext), [theme]);
}

type EditorClass = 'row' | 'fieldset' | 'legend' | 'error' | 'help' | 'list' | 'inline' | 'shown' | 'shownLabel';

function makeStyles(divider: string, errorText: string, subtext: string): Record<EditorClass, string> {
  return mergeStyleSets({
    row: {
      display: 'grid',
      // Auto-fit tracks cannot sit next to an 'auto' track: the remove button takes a cell of its own.
      gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))',
      gap: 8,
      alignItems: 'end',
      padding: '8px 0',
      borderBottom: `1px solid ${divider}`
    },
    fieldset: { border: `1px solid ${divider}`, borderRadius: 4, margin: '8px 0', padding: '8px 12px' },
    legend: { fontWeight: 600, padding: '0 4px' },
    error: { color: errorText, margin: '4px 0' },
    help: { color: subtext, margin: '4px 0' },
    list: { margin: 0, padding: 0, listStyle: 'none' },
    inline: { display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'center' },
    shown: { margin: '6px 0', overflowWrap: 'anywhere' },
    shownLabel: { display: 'block', fontWeight: 600 }
  });
}

/**
 * A setting shown as text in the read-only view: plain text rather than disabled controls, so that
 * every value is read in order by a screen reader and nothing looks editable.
 */
export const ShownValue: React.FC<{ path: Path; label: string; value: string; testId?: string }> = ({ path, label, value, testId }) => {
  const styles = useEditorStyles();
  return (
    <div className={styles.shown} data-testid={testId}>
      <span className={styles.shownLabel}>{label}</span>
      <span id={fieldId(path)}>{value}</span>
    </div>
  );
};

/** A number as the reader's language writes it, or "(none)". */
function shownNumber(value: unknown, s: ISuiteSettingsStrings, locale: string): string {
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  return typeof value === 'string' && value !== '' ? value : s.ValueNone;
}

interface FieldProps {
  path: Path;
  label: string;
  testId?: string;
  description?: string;
}

export const TextInput: React.FC<FieldProps & { placeholder?: string }> = ({ path, label, testId, description, placeholder }) => {
  const { draft, set, errorFor, readOnly, strings } = useForm();
  const value = getAt(draft, path);
  if (readOnly) return <ShownValue path={path} label={label} testId={testId} value={typeof value === 'string' && value !== '' ? value : strings.ValueEmpty} />;
  return (
    <TextField
      id={fieldId(path)}
      label={label}
      value={typeof value === 'string' ? value : ''}
      placeholder={placeholder}
      description={description}
      onChange={(_, v) => set(path, v ?? '')}
      errorMessage={errorFor(path)}
      data-testid={testId}
    />
  );
};

/**
 * Reads a number as the user's language writes it: "1.5" in English, "1,5" (or "1.5") and
 * "1 000" in French. What cannot be read is kept as text, so validation names the problem.
 */
export function parseNumber(text: string, locale: string): number | string | undefined {
  let trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (locale.toLowerCase().startsWith('fr')) trimmed = trimmed.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : text;
}

const ShownNumber: React.FC<FieldProps & { value: unknown }> = ({ path, label, testId, value }) => {
  const { strings, locale } = useForm();
  return <ShownValue path={path} label={label} testId={testId} value={shownNumber(value, strings, locale)} />;
};

const NumberField: React.FC<FieldProps> = ({ path, label, testId, description }) => {
  const { draft, set, errorFor, locale } = useForm();
  const value = getAt(draft, path);
  const shown = (v: unknown): string => typeof v === 'number'
    ? (locale.toLowerCase().startsWith('fr') ? String(v).replace('.', ',') : String(v))
    : typeof v === 'string' ? v : '';
  const [text, setText] = React.useState<string>(shown(value));
  // Follow the draft when it changes from elsewhere (restore, import, reload).
  React.useEffect(() => {
    if (parseNumber(text, locale) !== value) setText(shown(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <TextField
      id={fieldId(path)}
      label={label}
      inputMode="decimal"
      value={text}
      description={description}
      onChange={(_, v) => {
        setText(v ?? '');
        set(path, parseNumber(v ?? '', locale));
      }}
      errorMessage={errorFor(path)}
      data-testid={testId}
    />
  );
};

export const NumberInput: React.FC<FieldProps> = ({ path, label, testId, description }) => {
  const { draft, readOnly } = useForm();
  if (readOnly) return <ShownNumber path={path} label={label} testId={testId} value={getAt(draft, path)} />;
  return <NumberField path={path} label={label} testId={testId} description={description} />;
};

const splitLines = (text: string, separator: 'line' | 'comma'): string[] =>
  text.split(separator === 'line' ? /\r?\n/ : ',').map(t => t.trim()).filter(t => t !== '');

const LinesField: React.FC<FieldProps & { separator: 'line' | 'comma' }> = ({ path, label, testId, separator, description }) => {
  const { draft, set, errorFor } = useForm();
  const raw = getAt(draft, path);
  const value = Array.isArray(raw) ? raw.map(String) : [];
  const joiner = separator === 'line' ? '\n' : ', ';
  const [text, setText] = React.useState<string>(value.join(joiner));
  const key = value.join('\u0000');
  React.useEffect(() => {
    if (splitLines(text, separator).join('\u0000') !== key) setText(value.join(joiner));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // An error on one item ('moderation.blockedTerms.3') is shown on the list's field.
  let error = errorFor(path);
  if (!error) {
    value.forEach((item, i) => {
      const e = errorFor([...path, i]);
      if (e && !error) error = `${item}: ${e}`;
    });
  }
  return (
    <TextField
      id={fieldId(path)}
      label={label}
      multiline={separator === 'line'}
      autoAdjustHeight={separator === 'line'}
      rows={separator === 'line' ? 4 : undefined}
      value={text}
      description={description}
      onChange={(_, v) => {
        setText(v ?? '');
        set(path, splitLines(v ?? '', separator));
      }}
      errorMessage={error}
      data-testid={testId}
    />
  );
};

/** A list of texts edited as one text: one per line, or separated by commas. */
export const LinesInput: React.FC<FieldProps & { separator: 'line' | 'comma' }> = ({ path, label, testId, separator, description }) => {
  const { draft, readOnly, strings } = useForm();
  if (readOnly) {
    const raw = getAt(draft, path);
    const items = Array.isArray(raw) ? raw.map(String) : [];
    return <ShownValue path={path} label={label} testId={testId} value={items.length ? items.join(', ') : strings.ValueEmpty} />;
  }
  return <LinesField path={path} label={label} testId={testId} separator={separator} description={description} />;
};

export const Switch: React.FC<FieldProps> = ({ path, label, testId }) => {
  const { draft, set, strings, readOnly } = useForm();
  if (readOnly) return <ShownValue path={path} label={label} testId={testId} value={getAt(draft, path) === true ? strings.On : strings.Off} />;
  return (
    <Toggle
      id={fieldId(path)}
      label={label}
      inlineLabel
      onText={strings.On}
      offText={strings.Off}
      checked={getAt(draft, path) === true}
      onChange={(_, checked) => set(path, !!checked)}
      data-testid={testId}
    />
  );
};

export const Choice: React.FC<FieldProps & { options: IDropdownOption[]; emptyKey?: string }> = ({ path, label, options, testId, emptyKey }) => {
  const { draft, set, errorFor, readOnly, strings } = useForm();
  const value = getAt(draft, path);
  if (readOnly) {
    const shownKey = value === undefined && emptyKey !== undefined ? emptyKey : value;
    const option = options.find(o => o.key === shownKey);
    return <ShownValue path={path} label={label} testId={testId} value={option ? option.text : shownKey === undefined ? strings.ValueNone : String(shownKey)} />;
  }
  return (
    <div data-testid={testId}>
      <Dropdown
        id={fieldId(path)}
        label={label}
        options={options}
        selectedKey={value === undefined && emptyKey !== undefined ? emptyKey : (typeof value === 'string' || typeof value === 'number' ? value : null)}
        onChange={(_, option) => {
          if (!option) return;
          set(path, emptyKey !== undefined && option.key === emptyKey ? undefined : option.key);
        }}
        errorMessage={errorFor(path)}
      />
    </div>
  );
};

/** A message under a list whose own path has an error (too few items, duplicate...). */
export const ListError: React.FC<{ path: Path }> = ({ path }) => {
  const { errorFor } = useForm();
  const styles = useEditorStyles();
  const error = errorFor(path);
  return error ? <p className={styles.error} role="alert">{error}</p> : null;
};

/** The three fields of one group (kind, id, display name). */
export const GroupFields: React.FC<{ path: Path; testId?: string }> = ({ path, testId }) => {
  const { strings } = useForm();
  const kinds: IDropdownOption[] = [
    { key: 'sharepoint', text: strings.GroupKindSharePoint },
    { key: 'entra', text: strings.GroupKindEntra }
  ];
  return (
    <>
      <Choice path={[...path, 'kind']} label={strings.GroupKind} options={kinds} testId={testId ? `${testId}-kind` : undefined} />
      <TextInput path={[...path, 'id']} label={strings.GroupId} placeholder={strings.GroupIdHelp} testId={testId ? `${testId}-id` : undefined} />
      <TextInput path={[...path, 'name']} label={strings.GroupName} testId={testId ? `${testId}-name` : undefined} />
    </>
  );
};

/** A list of groups (roles, audiences): add, edit, remove. */
export const GroupListEditor: React.FC<{ path: Path; label: string; testId: string }> = ({ path, label, testId }) => {
  const { draft, set, strings, readOnly } = useForm();
  const styles = useEditorStyles();
  const raw = getAt(draft, path);
  const groups = Array.isArray(raw) ? raw as GroupRef[] : [];
  const add = (): void => set(path, [...groups, { kind: 'entra', id: '', name: '' }]);
  const remove = (index: number): void => set(path, groups.filter((_, i) => i !== index));
  return (
    <fieldset className={styles.fieldset} data-testid={testId}>
      <legend className={styles.legend}>{label}</legend>
      {groups.length === 0 && <p className={styles.help}>{strings.NoGroups}</p>}
      <ul className={styles.list}>
        {groups.map((g, i) => (
          <li key={i}>
            <div className={styles.row} role="group" aria-label={format(strings.GroupRow, g && g.name ? g.name : i + 1)}>
              <GroupFields path={[...path, i]} testId={`${testId}-${i}`} />
              {!readOnly && <IconButton
                iconProps={{ iconName: 'Delete' }}
                title={format(strings.GroupRemove, g && g.name ? g.name : i + 1)}
                ariaLabel={format(strings.GroupRemove, g && g.name ? g.name : i + 1)}
                onClick={() => remove(i)}
                data-testid={`${testId}-${i}-remove`}
              />}
            </div>
          </li>
        ))}
      </ul>
      <ListError path={path} />
      {!readOnly && (
        <DefaultButton id={fieldId(path)} iconProps={{ iconName: 'Add' }} onClick={add} data-testid={`${testId}-add`}>
          {strings.GroupAdd}
        </DefaultButton>
      )}
    </fieldset>
  );
};

const OptionActive: React.FC<{ path: Path }> = ({ path }) => {
  const { draft, set, strings, readOnly } = useForm();
  if (readOnly) return <ShownValue path={path} label={strings.OptionActive} value={getAt(draft, path) === true ? strings.On : strings.Off} />;
  return (
    <Checkbox
      id={fieldId(path)}
      label={strings.OptionActive}
      checked={getAt(draft, path) === true}
      onChange={(_, checked) => set(path, !!checked)}
    />
  );
};

/** A list of options (categories, products, channels): key, labels in both languages, offered. */
export const OptionListEditor: React.FC<{ path: Path; label: string; testId: string }> = ({ path, label, testId }) => {
  const { draft, set, strings, readOnly } = useForm();
  const styles = useEditorStyles();
  const raw = getAt(draft, path);
  const options = Array.isArray(raw) ? raw as PolicyOption[] : [];
  const add = (): void => set(path, [...options, { key: '', label: { en: '', fr: '' }, active: true }]);
  const remove = (index: number): void => set(path, options.filter((_, i) => i !== index));
  return (
    <fieldset className={styles.fieldset} data-testid={testId}>
      <legend className={styles.legend}>{label}</legend>
      {options.length === 0 && <p className={styles.help}>{strings.NoOptions}</p>}
      <ul className={styles.list}>
        {options.map((o, i) => {
          const name = o && o.key ? o.key : String(i + 1);
          return (
            <li key={i}>
              <div className={styles.row} role="group" aria-label={format(strings.OptionRow, name)}>
                <TextInput path={[...path, i, 'key']} label={strings.OptionKey} />
                <TextInput path={[...path, i, 'label', 'en']} label={strings.OptionLabelEn} />
                <TextInput path={[...path, i, 'label', 'fr']} label={strings.OptionLabelFr} />
                <OptionActive path={[...path, i, 'active']} />
                {!readOnly && (
                  <IconButton
                    iconProps={{ iconName: 'Delete' }}
                    title={format(strings.OptionRemove, name)}
                    ariaLabel={format(strings.OptionRemove, name)}
                    onClick={() => remove(i)}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ListError path={path} />
      {!readOnly && (
        <DefaultButton id={fieldId(path)} iconProps={{ iconName: 'Add' }} onClick={add} data-testid={`${testId}-add`}>
          {strings.OptionAdd}
        </DefaultButton>
      )}
    </fieldset>
  );
};

/** A set of checkboxes over a list of values (working days, pause states). */
export const CheckList: React.FC<{ path: Path; label: string; choices: Array<{ value: string | number; text: string }>; testId?: string }> = ({ path, label, choices, testId }) => {
  const { draft, set, errorFor, readOnly, strings } = useForm();
  const styles = useEditorStyles();
  const raw = getAt(draft, path);
  const values = Array.isArray(raw) ? raw as Array<string | number> : [];
  if (readOnly) {
    const shown = choices.filter(c => values.includes(c.value)).map(c => c.text);
    return <ShownValue path={path} label={label} testId={testId} value={shown.length ? shown.join(', ') : strings.ValueNone} />;
  }
  const order = choices.map(c => c.value);
  const toggle = (value: string | number, on: boolean): void => {
    const next = on ? [...values.filter(v => v !== value), value] : values.filter(v => v !== value);
    set(path, next.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  };
  const error = errorFor(path);
  return (
    <fieldset className={styles.fieldset} data-testid={testId} id={fieldId(path)} tabIndex={-1}>
      <legend className={styles.legend}>{label}</legend>
      <div className={styles.inline}>
        {choices.map(c => (
          <Checkbox key={String(c.value)} label={c.text} checked={values.includes(c.value)} onChange={(_, on) => toggle(c.value, !!on)} />
        ))}
      </div>
      {error && <p className={styles.error} role="alert">{error}</p>}
    </fieldset>
  );
};

/**
 * "Edit my expertise": the signed-in user's own record only (the list's write security refuses
 * anyone else's edit; the view never offers it). Skills from the policy's taxonomy or free entries,
 * with a level; "ask me about", interests and languages; customer-facing. Validated before saving
 * (field errors in the user's language) and saved against the ETag read: on a conflict (412) the
 * edits stay in the form and reloading the latest version is offered.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { ComboBox, IComboBox, IComboBoxOption } from '@fluentui/react/lib/ComboBox';
import { Dropdown, IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { TextField } from '@fluentui/react/lib/TextField';
import { Checkbox } from '@fluentui/react/lib/Checkbox';
import { DefaultButton, IconButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { SkillDefinition } from '../../core/policy/types';
import type { Proficiency, ProfileSkill } from '../../core/expertise/types';
import { ExpertiseRecord, RECORD_LIMITS, RecordFieldError, skillKeyOf, validateRecord } from '../../core/expertise/record';
import { createTaxonomy, suggestSkills } from '../../core/expertise/taxonomy';
import { format } from '../../core/format';
import { ExpertiseError, RecordSnapshot } from '../../services/expertise/records';
import { SuiteError, toSuiteError } from '../../services/errors';
import { useI18n } from '../i18n';
import { ErrorNotice } from '../ErrorNotice';
import type { ExpertiseApi } from './expertiseApi';
import { levelName, skillName } from './expertiseText';

export interface ExpertiseEditorProps {
  api: ExpertiseApi;
  personUpn: string;
  /** The stored record and its ETag, or null when the person has none yet. */
  snapshot: RecordSnapshot | null;
  taxonomy: SkillDefinition[];
  onSaved: (snapshot: RecordSnapshot) => void;
  onCancel: () => void;
}

interface FormState {
  skills: ProfileSkill[];
  askMeAbout: string;
  interests: string;
  languages: string;
  customerFacing: boolean;
}

const splitLines = (text: string): string[] => text.split(/\r?\n/);
const splitLanguages = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

function formOf(snapshot: RecordSnapshot | null): FormState {
  const r = snapshot ? snapshot.record : null;
  return {
    skills: r ? r.skills.map(s => ({ ...s })) : [],
    askMeAbout: r ? r.askMeAbout.join('\n') : '',
    interests: r ? r.interests.join('\n') : '',
    languages: r ? r.languages.join(', ') : '',
    customerFacing: r ? r.customerFacing : false
  };
}

/** A localized message for one field error. */
export function fieldMessage(strings: ISuiteStrings, error: RecordFieldError, input: { languages: string[] }): string {
  const parts = error.path.split('.');
  switch (error.code) {
    case 'required': return strings.ExpertiseErrorRequired;
    case 'tooMany':
      return format(strings.ExpertiseErrorTooMany,
        parts[0] === 'skills' ? RECORD_LIMITS.skills : parts[0] === 'languages' ? RECORD_LIMITS.languages : RECORD_LIMITS.entries);
    case 'tooLong':
      if (parts[0] === 'skills') return format(strings.ExpertiseErrorTooLong, RECORD_LIMITS.labelMaxLength);
      return format(strings.ExpertiseErrorLineTooLong, Number(parts[1]) + 1, RECORD_LIMITS.entryMaxLength);
    case 'invalidProficiency': return strings.ExpertiseErrorInvalidProficiency;
    case 'unknownSkill': return strings.ExpertiseErrorUnknownSkill;
    case 'invalidLanguage': return format(strings.ExpertiseErrorInvalidLanguage, input.languages[Number(parts[1])] || '');
    default: return strings.ExpertiseErrorInvalidType;
  }
}

export const ExpertiseEditor: React.FC<ExpertiseEditorProps> = ({ api, personUpn, snapshot, taxonomy, onSaved, onCancel }) => {
  const { strings, locale } = useI18n();
  const theme = useTheme();
  const [base, setBase] = React.useState<RecordSnapshot | null>(snapshot);
  const [form, setForm] = React.useState<FormState>(() => formOf(snapshot));
  const comboRef = React.useRef<IComboBox>(null);
  const [addKey, setAddKey] = React.useState<string | undefined>(undefined);
  const [addText, setAddText] = React.useState('');
  const [errors, setErrors] = React.useState<RecordFieldError[]>([]);
  const [saving, setSaving] = React.useState(false);
  const [conflict, setConflict] = React.useState(false);
  const [claimed, setClaimed] = React.useState(false);
  const [failure, setFailure] = React.useState<SuiteError | null>(null);
  const [reloading, setReloading] = React.useState(false);

  const styles = mergeStyleSets({
    form: { display: 'grid', gap: 12, maxWidth: 640 },
    h3: { ...theme.fonts.large, fontWeight: 600, margin: 0 },
    rows: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 },
    row: { display: 'grid', gridTemplateColumns: '1fr 180px auto', gap: 8, alignItems: 'center' },
    rowName: { overflowWrap: 'anywhere' },
    free: { color: theme.semanticColors.bodySubtext, fontSize: 12 },
    error: { gridColumn: '1 / -1', color: theme.semanticColors.errorText, margin: 0 },
    add: { display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' },
    addBox: { flex: '1 1 240px' },
    option: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', padding: '4px 0', textAlign: 'left' },
    optionSub: { color: theme.semanticColors.bodySubtext, fontSize: 12 },
    actions: { display: 'flex', gap: 8 }
  });

  const labelOf = (def: SkillDefinition): string => skillName({ skillId: def.id, label: def.label.en, proficiency: 1 }, taxonomy, locale);
  const taken = new Set(form.skills.map(s => skillKeyOf(s)));
  const resolver = React.useMemo(() => createTaxonomy(taxonomy), [taxonomy]);
  const options = skillOptions(taxonomy, addText, locale, taken, resolver.resolveLabel(addText), strings);
  const levels: IDropdownOption[] = [1, 2, 3, 4].map(n => ({ key: n, text: `${n} · ${levelName(strings, n)}` }));

  const update = (patch: Partial<FormState>): void => setForm(f => ({ ...f, ...patch }));

  /** Adds a taxonomy skill (by id) or a free entry; a typed name that spells a skill's label or synonym is that skill. */
  const addEntry = (skillId: string | undefined, typed: string): void => {
    const text = typed.trim();
    const def = taxonomy.find(d => d.id === (skillId || resolver.resolveLabel(text)));
    const skill: ProfileSkill | null = def ? { skillId: def.id, label: labelOf(def), proficiency: 2 } : text ? { label: text, proficiency: 2 } : null;
    setAddKey(undefined);
    setAddText('');
    if (!skill || taken.has(skillKeyOf(skill))) return;
    update({ skills: [...form.skills, skill] });
  };
  const addSkill = (): void => {
    const picked = addKey ? options.find(o => o.key === addKey) : undefined;
    addEntry(picked && picked.data ? (picked.data as OptionData).skillId : undefined, addText);
  };

  const toRecord = (): ExpertiseRecord => ({
    personUpn,
    skills: form.skills,
    askMeAbout: splitLines(form.askMeAbout),
    interests: splitLines(form.interests),
    languages: splitLanguages(form.languages),
    customerFacing: form.customerFacing
  });

  const save = async (): Promise<void> => {
    if (saving) return;
    const record = toRecord();
    const checked = validateRecord(record, new Set(taxonomy.map(d => d.id)));
    setFailure(null);
    setClaimed(false);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setSaving(true);
    try {
      const next = await api.saveOwnRecord(checked.record, base ? base.etag : null);
      setSaving(false);
      onSaved(next);
    } catch (e) {
      setSaving(false);
      if (e instanceof ExpertiseError) {
        if (e.code === 'invalid') { setErrors(e.fields); return; }
        if (e.code === 'conflict') { setConflict(true); return; }
        if (e.code === 'claimedByOther') { setClaimed(true); return; }
      }
      const err = toSuiteError(e);
      if (err.kind === 'conflict') setConflict(true);
      else setFailure(err);
    }
  };

  const reloadLatest = async (): Promise<void> => {
    setReloading(true);
    setFailure(null);
    try {
      const latest = await api.getRecord(personUpn);
      setBase(latest);
      setForm(formOf(latest));
      setErrors([]);
      setConflict(false);
    } catch (e) {
      setFailure(toSuiteError(e));
    } finally {
      setReloading(false);
    }
  };

  const input = { languages: splitLanguages(form.languages) };
  const errorsAt = (prefix: string): string[] => errors
    .filter(e => e.path === prefix || e.path.startsWith(`${prefix}.`))
    .map(e => fieldMessage(strings, e, input));
  const joined = (prefix: string): string | undefined => {
    const list = errorsAt(prefix);
    return list.length ? list.join(' ') : undefined;
  };

  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={e => { e.preventDefault(); save().catch(() => undefined); }}
      aria-labelledby="expertise-editor-title"
      data-testid="expertise-editor"
    >
      <h3 className={styles.h3} id="expertise-editor-title">{strings.ExpertiseEditTitle}</h3>
      {errors.length > 0 && <MessageBar messageBarType={MessageBarType.error} data-testid="expertise-errors">{strings.ExpertiseFixErrors}</MessageBar>}
      {conflict && (
        <MessageBar
          messageBarType={MessageBarType.warning}
          isMultiline
          data-testid="expertise-conflict"
          actions={<DefaultButton onClick={() => { reloadLatest().catch(() => undefined); }} disabled={reloading}>{strings.ExpertiseReload}</DefaultButton>}
        >
          {strings.ExpertiseConflict}
        </MessageBar>
      )}
      {claimed && <MessageBar messageBarType={MessageBarType.error} isMultiline>{strings.ExpertiseClaimedByOther}</MessageBar>}
      {failure && <ErrorNotice error={failure} />}

      <ul className={styles.rows} aria-label={strings.ExpertiseSkills}>
        {form.skills.map((skill, i) => {
          const name = skillName(skill, taxonomy, locale);
          const rowErrors = errorsAt(`skills.${i}`);
          return (
            <li key={skillKeyOf(skill) || `row-${i}`} className={styles.row} data-testid="expertise-editor-skill">
              <span className={styles.rowName}>
                {name}{!skill.skillId && <span className={styles.free}> ({strings.ExpertiseFreeSkill})</span>}
              </span>
              <Dropdown
                ariaLabel={format(strings.ExpertiseSkillLevel, name)}
                options={levels}
                selectedKey={skill.proficiency}
                onChange={(_e, option) => {
                  if (!option) return;
                  update({ skills: form.skills.map((s, j) => (j === i ? { ...s, proficiency: Number(option.key) as Proficiency } : s)) });
                }}
              />
              <IconButton
                iconProps={{ iconName: 'Delete' }}
                ariaLabel={format(strings.ExpertiseRemoveSkill, name)}
                title={format(strings.ExpertiseRemoveSkill, name)}
                onClick={() => update({ skills: form.skills.filter((_s, j) => j !== i) })}
              />
              {rowErrors.length > 0 && <p className={styles.error} role="alert">{rowErrors.join(' ')}</p>}
            </li>
          );
        })}
      </ul>
      {errorsAt('skills').length > 0 && errors.some(e => e.path === 'skills') && (
        <p className={styles.error} role="alert">{errors.filter(e => e.path === 'skills').map(e => fieldMessage(strings, e, input)).join(' ')}</p>
      )}
      <div className={styles.add}>
        <ComboBox
          componentRef={comboRef}
          className={styles.addBox}
          label={strings.ExpertiseAddSkill}
          placeholder={strings.ExpertiseAddSkillHint}
          options={options}
          allowFreeform
          autoComplete="off"
          selectedKey={addKey === undefined ? null : addKey}
          text={addText}
          onRenderOption={option => (option ? renderOption(option, styles) : null)}
          onInputValueChange={value => {
            setAddKey(undefined);
            setAddText(value);
            // typing opens the suggestions (Fluent's ComboBox otherwise waits for Alt+Down)
            if (value.trim() !== '' && comboRef.current) comboRef.current.focus(true);
          }}
          onChange={(e, option, _index, value) => {
            // Enter or a click on a suggestion adds it; leaving the box only keeps what was typed
            const leaving = !!e && e.type === 'blur';
            if (option && !leaving) addEntry((option.data as OptionData).skillId, (option.data as OptionData).typed);
            else if (option) setAddKey(String(option.key));
            else { setAddKey(undefined); setAddText(value || ''); }
          }}
          data-testid="expertise-add-skill"
        />
        <DefaultButton iconProps={{ iconName: 'Add' }} onClick={addSkill} data-testid="expertise-add-skill-button">{strings.ExpertiseAddSkillButton}</DefaultButton>
      </div>
      <TextField
        label={strings.ExpertiseAskMeAbout}
        description={strings.ExpertiseAskMeAboutHint}
        multiline
        autoAdjustHeight
        value={form.askMeAbout}
        onChange={(_e, v) => update({ askMeAbout: v || '' })}
        errorMessage={joined('askMeAbout')}
        data-testid="expertise-ask-me-about-input"
      />
      <TextField
        label={strings.ExpertiseInterests}
        description={strings.ExpertiseInterestsHint}
        multiline
        autoAdjustHeight
        value={form.interests}
        onChange={(_e, v) => update({ interests: v || '' })}
        errorMessage={joined('interests')}
        data-testid="expertise-interests-input"
      />
      <TextField
        label={strings.ExpertiseLanguages}
        description={strings.ExpertiseLanguagesHint}
        value={form.languages}
        onChange={(_e, v) => update({ languages: v || '' })}
        errorMessage={joined('languages')}
        data-testid="expertise-languages-input"
      />
      <Checkbox
        label={strings.ExpertiseCustomerFacingLabel}
        checked={form.customerFacing}
        onChange={(_e, checked) => update({ customerFacing: !!checked })}
        data-testid="expertise-customer-facing-input"
      />
      <div className={styles.actions}>
        <PrimaryButton type="submit" disabled={saving} data-testid="expertise-save">{saving ? strings.ExpertiseSaving : strings.ExpertiseSave}</PrimaryButton>
        <DefaultButton onClick={onCancel} disabled={saving}>{strings.ExpertiseCancel}</DefaultButton>
      </div>
    </form>
  );
};

interface OptionData {
  /** Absent for the free-entry option. */
  skillId?: string;
  /** What adding the option adds when it is a free entry. */
  typed: string;
  /** The option's first line, and its second (the skill a synonym is filed under; "not in the list"). */
  title: string;
  sub?: string;
}

/**
 * The suggestions for the typed text: taxonomy labels and synonyms (core/expertise/taxonomy.ts,
 * suggestSkills), a synonym saying which skill it is filed under, then, when the text is not
 * itself a skill, the typed text as a free entry, marked as outside the organisation's list.
 */
function skillOptions(taxonomy: SkillDefinition[], typed: string, locale: string, taken: ReadonlySet<string>, resolved: string | undefined, strings: ISuiteStrings): IComboBoxOption[] {
  const labelOf = (id: string): string => skillName({ skillId: id, label: id, proficiency: 1 }, taxonomy, locale);
  const options: IComboBoxOption[] = suggestSkills(taxonomy, typed, locale, { exclude: taken, limit: 25 }).map((s, i) => {
    const sub = s.synonym ? format(strings.ExpertiseSuggestionOf, labelOf(s.skillId)) : undefined;
    const data: OptionData = { skillId: s.skillId, typed: s.text, title: s.text, sub };
    return { key: `skill:${i}:${s.skillId}`, text: s.text, ariaLabel: sub ? `${s.text}, ${sub}` : undefined, data };
  });
  const text = typed.trim();
  if (text !== '' && !resolved && !taken.has(skillKeyOf({ label: text }))) {
    const title = format(strings.ExpertiseFreeOption, text);
    const data: OptionData = { typed: text, title, sub: strings.ExpertiseFreeOptionHint };
    options.push({ key: 'free', text, ariaLabel: `${title}, ${strings.ExpertiseFreeOptionHint}`, data });
  }
  return options;
}

function renderOption(option: IComboBoxOption, styles: { option: string; optionSub: string }): JSX.Element {
  const data = option.data as OptionData | undefined;
  return (
    <span className={styles.option}>
      <span>{data ? data.title : option.text}</span>
      {data && data.sub && <span className={styles.optionSub}>{data.sub}</span>}
    </span>
  );
}

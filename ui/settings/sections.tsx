/**
 * The areas of the settings form (one tab each): features, roles, feedback, moderation, spikes,
 * skills and general settings. They read and write the draft through FormContext.
 */
import * as React from 'react';
import { ChoiceGroup } from '@fluentui/react/lib/ChoiceGroup';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import type { IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { TextField } from '@fluentui/react/lib/TextField';
import { DefaultButton, IconButton } from '@fluentui/react/lib/Button';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { format } from '../../core/format';
import { FEATURE_KEYS, PAUSE_STATES, ROLE_KEYS } from '../../core/policy';
import type { Audience, EscalationStep, FeatureKey, Policy, PolicyOption, RoleKey, RoutingRule, Severity, SkillDefinition } from '../../core/policy';
import { Choice, CheckList, GroupFields, GroupListEditor, LinesInput, ListError, NumberInput, OptionListEditor, ShownValue, Switch, TextInput, useEditorStyles, useForm } from './editors';
import { fieldId, getAt } from './policyForm';

export function featureName(key: FeatureKey, s: ISuiteSettingsStrings): string {
  switch (key) {
    case 'profiles': return s.FeatureProfiles;
    case 'expertiseSearch': return s.FeatureExpertiseSearch;
    case 'communities': return s.FeatureCommunities;
    case 'feedbackRelay': return s.FeatureFeedbackRelay;
    case 'highlights': return s.FeatureHighlights;
    default: return s.FeaturePortalHeader;
  }
}

export function roleName(key: RoleKey, s: ISuiteSettingsStrings): string {
  switch (key) {
    case 'tenantAdmins': return s.RoleTenantAdmins;
    case 'management': return s.RoleManagement;
    case 'communications': return s.RoleCommunications;
    default: return s.RoleCommunityManagers;
  }
}

type SectionClass = 'h3' | 'h4' | 'card' | 'grid' | 'help' | 'actions';

function useSectionStyles(): Record<SectionClass, string> {
  const theme = useTheme();
  return mergeStyleSets({
    h3: { ...theme.fonts.large, fontWeight: 600, margin: '16px 0 8px' },
    h4: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: '12px 0 4px' },
    card: { border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, padding: 12, margin: '8px 0' },
    grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 12 },
    help: { color: theme.semanticColors.bodySubtext, margin: '4px 0 8px' },
    actions: { display: 'flex', gap: 4, alignItems: 'end' }
  });
}

const draftOf = (draft: unknown): Policy => draft as Policy;

/** On/off, audience and excluded groups of each feature. */
export const FeaturesSection: React.FC = () => {
  const { draft, set, strings, readOnly } = useForm();
  const styles = useSectionStyles();
  const policy = draftOf(draft);
  return (
    <div>
      <h3 className={styles.h3}>{strings.AreaFeatures}</h3>
      {FEATURE_KEYS.map(key => {
        const name = featureName(key, strings);
        const audience: Audience | undefined = policy.features?.[key]?.audience;
        const everyone = !audience || audience.everyone;
        const setEveryone = (value: boolean): void => {
          const except = audience?.except;
          const next: Audience = value
            ? { everyone: true, ...(except ? { except } : {}) }
            : { everyone: false, groups: audience && !audience.everyone ? audience.groups : [], ...(except ? { except } : {}) };
          set(['features', key, 'audience'], next);
        };
        return (
          <section key={key} className={styles.card} aria-labelledby={`${fieldId(['features', key])}-title`} data-testid={`settings-feature-${key}`}>
            <h4 className={styles.h4} id={`${fieldId(['features', key])}-title`}>{name}</h4>
            <Switch path={['features', key, 'enabled']} label={format(strings.FeatureEnabledLabel, name)} testId={`settings-feature-${key}-enabled`} />
            <div data-testid={`settings-feature-${key}-audience`}>
              {readOnly ? (
                <ShownValue
                  path={['features', key, 'audience', 'everyone']}
                  label={format(strings.AudienceLabel, name)}
                  value={everyone ? strings.AudienceEveryone : strings.AudienceGroups}
                />
              ) : (
                <ChoiceGroup
                  id={fieldId(['features', key, 'audience', 'everyone'])}
                  label={format(strings.AudienceLabel, name)}
                  selectedKey={everyone ? 'everyone' : 'groups'}
                  options={[
                    { key: 'everyone', text: strings.AudienceEveryone },
                    { key: 'groups', text: strings.AudienceGroups }
                  ]}
                  onChange={(_, option) => option && setEveryone(option.key === 'everyone')}
                />
              )}
              {!everyone && (
                <GroupListEditor path={['features', key, 'audience', 'groups']} label={format(strings.AudienceGroupsList, name)} testId={`settings-feature-${key}-groups`} />
              )}
              <GroupListEditor path={['features', key, 'audience', 'except']} label={format(strings.AudienceExcept, name)} testId={`settings-feature-${key}-except`} />
            </div>
          </section>
        );
      })}
    </div>
  );
};

export const RolesSection: React.FC = () => {
  const { strings } = useForm();
  const styles = useSectionStyles();
  return (
    <div>
      <h3 className={styles.h3}>{strings.AreaRoles}</h3>
      <p className={styles.help}>{strings.RolesHelp}</p>
      {ROLE_KEYS.map(key => (
        <GroupListEditor key={key} path={['roles', key]} label={roleName(key, strings)} testId={`settings-role-${key}`} />
      ))}
    </div>
  );
};

const SeveritiesEditor: React.FC = () => {
  const { draft, set, strings, readOnly } = useForm();
  const styles = useSectionStyles();
  const editor = useEditorStyles();
  const severities = (draftOf(draft).feedback?.severities || []) as Severity[];
  const path = ['feedback', 'severities'];
  return (
    <fieldset className={editor.fieldset} data-testid="settings-severities">
      <legend className={editor.legend}>{strings.Severities}</legend>
      {severities.map((sev, i) => {
        const name = sev && sev.key ? sev.key : String(i + 1);
        return (
          <div key={i} className={styles.card} role="group" aria-label={format(strings.SeverityRow, name)} data-testid={`settings-severity-${i}`}>
            <div className={styles.grid}>
              <TextInput path={[...path, i, 'key']} label={strings.OptionKey} />
              <TextInput path={[...path, i, 'label', 'en']} label={strings.OptionLabelEn} />
              <TextInput path={[...path, i, 'label', 'fr']} label={strings.OptionLabelFr} />
              <NumberInput path={[...path, i, 'weight']} label={strings.SeverityWeight} />
              <NumberInput path={[...path, i, 'acknowledgeHours']} label={strings.AcknowledgeHours} testId={`settings-severity-${i}-acknowledge`} />
              <NumberInput path={[...path, i, 'resolveHours']} label={strings.ResolveHours} testId={`settings-severity-${i}-resolve`} />
            </div>
            {!readOnly && (
              <DefaultButton iconProps={{ iconName: 'Delete' }} onClick={() => set(path, severities.filter((_, j) => j !== i))}>
                {format(strings.SeverityRemove, name)}
              </DefaultButton>
            )}
          </div>
        );
      })}
      <ListError path={path} />
      {!readOnly && (
        <DefaultButton
          id={fieldId(path)}
          iconProps={{ iconName: 'Add' }}
          onClick={() => set(path, [...severities, { key: '', label: { en: '', fr: '' }, weight: 1, acknowledgeHours: 8, resolveHours: 24 }])}
        >
          {strings.SeverityAdd}
        </DefaultButton>
      )}
    </fieldset>
  );
};

const ANY = '__any__';

/** The owner kind switch replaces the whole owner, so the fields of the other kind do not linger. */
export function ownerFor(kind: string, previous: RoutingRule['owner'] | undefined): RoutingRule['owner'] {
  if (kind === 'managerChain') return { kind: 'managerChain', level: previous?.kind === 'managerChain' ? previous.level : 1 };
  return { kind: 'group', group: previous?.kind === 'group' ? previous.group : { kind: 'entra', id: '', name: '' } };
}

const TextFieldLazy: React.FC<{ id: string; label: string; value: string; placeholder?: string; errorMessage?: string; onChange: (v: string) => void }> =
  ({ id, label, value, placeholder, errorMessage, onChange }) => (
    <TextField id={id} label={label} value={value} placeholder={placeholder} errorMessage={errorMessage} onChange={(_, v) => onChange(v ?? '')} />
  );

const BusinessUnitField: React.FC<{ path: Array<string | number> }> = ({ path }) => {
  const { draft, set, strings, errorFor } = useForm();
  const value = getAt(draft, path);
  const [text, setText] = React.useState(typeof value === 'string' ? value : '');
  React.useEffect(() => {
    if ((text === '' ? undefined : text) !== value) setText(typeof value === 'string' ? value : '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return (
    <TextFieldLazy
      id={fieldId(path)}
      label={strings.WhenBusinessUnit}
      value={text}
      placeholder={strings.AnyValue}
      errorMessage={errorFor(path)}
      onChange={v => {
        setText(v);
        set(path, v === '' ? undefined : v);
      }}
    />
  );
};

/** An optional text: an empty field removes the condition. */
const BusinessUnitInput: React.FC<{ path: Array<string | number> }> = ({ path }) => {
  const { draft, strings, readOnly } = useForm();
  const value = getAt(draft, path);
  if (readOnly) return <ShownValue path={path} label={strings.WhenBusinessUnit} value={typeof value === 'string' && value !== '' ? value : strings.AnyValue} />;
  return <BusinessUnitField path={path} />;
};

const RoutingEditor: React.FC = () => {
  const { draft, set, strings, locale, readOnly } = useForm();
  const styles = useSectionStyles();
  const editor = useEditorStyles();
  const feedback = draftOf(draft).feedback;
  const rules = (feedback?.routing || []) as RoutingRule[];
  const path = ['feedback', 'routing'];
  const french = locale.toLowerCase().startsWith('fr');
  const optionsOf = (list: PolicyOption[] | undefined): IDropdownOption[] => [
    { key: ANY, text: strings.AnyValue },
    ...(list || []).filter(o => o && o.key).map(o => ({ key: o.key, text: `${(french ? o.label?.fr : o.label?.en) || o.key} (${o.key})` }))
  ];
  const move = (from: number, to: number): void => {
    if (to < 0 || to >= rules.length) return;
    const next = rules.slice();
    const [rule] = next.splice(from, 1);
    next.splice(to, 0, rule);
    set(path, next);
  };
  const ownerKinds: IDropdownOption[] = [
    { key: 'group', text: strings.OwnerGroup },
    { key: 'managerChain', text: strings.OwnerManagerChain }
  ];
  return (
    <fieldset className={editor.fieldset} data-testid="settings-routing">
      <legend className={editor.legend}>{strings.Routing}</legend>
      <p className={styles.help}>{strings.RoutingHelp}</p>
      {rules.map((rule, i) => {
        const name = rule && rule.id ? rule.id : String(i + 1);
        const owner = rule?.owner;
        return (
          <div key={i} className={styles.card} role="group" aria-label={format(strings.RoutingRule, name)}>
            <div className={styles.grid}>
              <TextInput path={[...path, i, 'id']} label={strings.RuleId} />
              <Choice path={[...path, i, 'when', 'category']} label={strings.WhenCategory} options={optionsOf(feedback?.categories)} emptyKey={ANY} />
              <Choice path={[...path, i, 'when', 'product']} label={strings.WhenProduct} options={optionsOf(feedback?.products)} emptyKey={ANY} />
              <BusinessUnitInput path={[...path, i, 'when', 'businessUnit']} />
              {readOnly ? (
                <ShownValue
                  path={[...path, i, 'owner', 'kind']}
                  label={strings.OwnerKind}
                  value={ownerKinds.find(k => k.key === owner?.kind)?.text ?? strings.ValueNone}
                />
              ) : (
                <Dropdown
                  id={fieldId([...path, i, 'owner', 'kind'])}
                  label={strings.OwnerKind}
                  options={ownerKinds}
                  selectedKey={owner?.kind ?? null}
                  onChange={(_, option) => option && set([...path, i, 'owner'], ownerFor(String(option.key), owner))}
                />
              )}
              {owner?.kind === 'managerChain'
                ? <NumberInput path={[...path, i, 'owner', 'level']} label={strings.ManagerLevel} />
                : <GroupFields path={[...path, i, 'owner', 'group']} />}
            </div>
            {!readOnly && <div className={styles.actions}>
              <IconButton iconProps={{ iconName: 'Up' }} title={format(strings.RuleMoveUp, name)} ariaLabel={format(strings.RuleMoveUp, name)} disabled={i === 0} onClick={() => move(i, i - 1)} />
              <IconButton iconProps={{ iconName: 'Down' }} title={format(strings.RuleMoveDown, name)} ariaLabel={format(strings.RuleMoveDown, name)} disabled={i === rules.length - 1} onClick={() => move(i, i + 1)} />
              <DefaultButton iconProps={{ iconName: 'Delete' }} onClick={() => set(path, rules.filter((_, j) => j !== i))}>
                {format(strings.RuleRemove, name)}
              </DefaultButton>
            </div>}
          </div>
        );
      })}
      <ListError path={path} />
      {!readOnly && (
        <DefaultButton
          id={fieldId(path)}
          iconProps={{ iconName: 'Add' }}
          onClick={() => set(path, [...rules, { id: '', when: {}, owner: { kind: 'managerChain', level: 1 } }])}
        >
          {strings.RuleAdd}
        </DefaultButton>
      )}
    </fieldset>
  );
};

const NotifyChoice: React.FC<{ path: Array<string | number>; options: IDropdownOption[] }> = ({ path, options }) => {
  const { draft, set, strings, errorFor, readOnly } = useForm();
  const value = getAt(draft, path);
  const selected = typeof value === 'object' && value !== null ? 'group' : typeof value === 'string' ? value : null;
  if (readOnly) return <ShownValue path={path} label={strings.Notify} value={options.find(o => o.key === selected)?.text ?? strings.ValueNone} />;
  return (
    <Dropdown
      id={fieldId(path)}
      label={strings.Notify}
      options={options}
      selectedKey={selected}
      errorMessage={errorFor(path)}
      onChange={(_, option) => {
        if (!option) return;
        set(path, option.key === 'group'
          ? { group: typeof value === 'object' && value !== null ? (value as { group: unknown }).group : { kind: 'entra', id: '', name: '' } }
          : option.key);
      }}
    />
  );
};

const EscalationEditor: React.FC = () => {
  const { draft, set, strings, readOnly } = useForm();
  const styles = useSectionStyles();
  const editor = useEditorStyles();
  const steps = (draftOf(draft).feedback?.escalation || []) as EscalationStep[];
  const path = ['feedback', 'escalation'];
  const recipients: IDropdownOption[] = [
    { key: 'owner', text: strings.NotifyOwner },
    { key: 'ownerManager', text: strings.NotifyOwnerManager },
    { key: 'ownerManagersManager', text: strings.NotifyOwnerManagersManager },
    { key: 'group', text: strings.NotifyGroup }
  ];
  return (
    <fieldset className={editor.fieldset} data-testid="settings-escalation">
      <legend className={editor.legend}>{strings.Escalation}</legend>
      {steps.map((step, i) => {
        const isGroup = !!step && typeof step.notify === 'object';
        return (
          <div key={i} className={styles.card} role="group" aria-label={format(strings.EscalationStep, i + 1)}>
            <div className={styles.grid}>
              <NumberInput path={[...path, i, 'atShareOfTarget']} label={strings.AtShareOfTarget} />
              <NotifyChoice path={[...path, i, 'notify']} options={recipients} />
              {isGroup && <GroupFields path={[...path, i, 'notify', 'group']} />}
            </div>
            {!readOnly && (
              <DefaultButton iconProps={{ iconName: 'Delete' }} onClick={() => set(path, steps.filter((_, j) => j !== i))}>
                {format(strings.StepRemove, i + 1)}
              </DefaultButton>
            )}
          </div>
        );
      })}
      <ListError path={path} />
      {!readOnly && (
        <DefaultButton id={fieldId(path)} iconProps={{ iconName: 'Add' }} onClick={() => set(path, [...steps, { atShareOfTarget: 1, notify: 'owner' }])}>
          {strings.StepAdd}
        </DefaultButton>
      )}
    </fieldset>
  );
};

export const FeedbackSection: React.FC = () => {
  const { strings } = useForm();
  const styles = useSectionStyles();
  const days = [1, 2, 3, 4, 5, 6, 7].map(d => ({ value: d, text: strings[`Day${d}` as keyof ISuiteSettingsStrings] }));
  const pauseText: Record<string, string> = { waitingOnCustomer: strings.PauseWaitingOnCustomer, waitingOnThirdParty: strings.PauseWaitingOnThirdParty };
  return (
    <div>
      <h3 className={styles.h3}>{strings.AreaFeedback}</h3>
      <OptionListEditor path={['feedback', 'categories']} label={strings.Categories} testId="settings-categories" />
      <OptionListEditor path={['feedback', 'products']} label={strings.Products} testId="settings-products" />
      <OptionListEditor path={['feedback', 'channels']} label={strings.Channels} testId="settings-channels" />
      <SeveritiesEditor />
      <RoutingEditor />
      <h4 className={styles.h4}>{strings.FallbackOwner}</h4>
      <p className={styles.help}>{strings.FallbackOwnerHelp}</p>
      <div className={styles.grid} data-testid="settings-fallback-owner">
        <GroupFields path={['feedback', 'fallbackOwner']} />
      </div>
      <h4 className={styles.h4}>{strings.Calendar}</h4>
      <div className={styles.grid}>
        <TextInput path={['feedback', 'calendar', 'timeZone']} label={strings.TimeZone} testId="settings-timezone" />
        <TextInput path={['feedback', 'calendar', 'workingHours', 'start']} label={strings.WorkingHoursStart} />
        <TextInput path={['feedback', 'calendar', 'workingHours', 'end']} label={strings.WorkingHoursEnd} />
      </div>
      <CheckList path={['feedback', 'calendar', 'workingDays']} label={strings.WorkingDays} choices={days} />
      <LinesInput path={['feedback', 'calendar', 'holidays']} label={strings.Holidays} separator="line" />
      <CheckList path={['feedback', 'pauseStates']} label={strings.PauseStates} choices={PAUSE_STATES.map(p => ({ value: p, text: pauseText[p] || p }))} />
      <EscalationEditor />
      <h4 className={styles.h4}>{strings.Redaction}</h4>
      <Switch path={['feedback', 'redaction', 'enabled']} label={strings.RedactionEnabled} testId="settings-redaction-enabled" />
      <Switch path={['feedback', 'redaction', 'emails']} label={strings.RedactEmails} />
      <Switch path={['feedback', 'redaction', 'phones']} label={strings.RedactPhones} />
      <Switch path={['feedback', 'redaction', 'paymentCards']} label={strings.RedactPaymentCards} />
      <Switch path={['feedback', 'redaction', 'ibans']} label={strings.RedactIbans} />
      <Switch path={['feedback', 'redaction', 'nationalIds']} label={strings.RedactNationalIds} />
      <h4 className={styles.h4}>{strings.AnonymityRetention}</h4>
      <Switch path={['feedback', 'allowAnonymous']} label={strings.AllowAnonymous} testId="settings-allow-anonymous" />
      <NumberInput path={['feedback', 'retentionDays']} label={strings.RetentionDays} testId="settings-retention-days" />
    </div>
  );
};

export const ModerationSection: React.FC = () => {
  const { strings } = useForm();
  const styles = useSectionStyles();
  return (
    <div>
      <h3 className={styles.h3}>{strings.AreaModeration}</h3>
      <LinesInput path={['moderation', 'blockedTerms']} label={strings.BlockedTerms} separator="line" testId="settings-blocked-terms" />
      <div className={styles.grid}>
        <NumberInput path={['moderation', 'flagHideThreshold']} label={strings.FlagHideThreshold} testId="settings-flag-threshold" />
        <NumberInput path={['moderation', 'newMemberPostsToApprove']} label={strings.NewMemberPostsToApprove} />
      </div>
      <Switch path={['moderation', 'premoderateNewMembers']} label={strings.PremoderateNewMembers} />
      <h4 className={styles.h4}>{strings.RateLimits}</h4>
      <div className={styles.grid}>
        <NumberInput path={['moderation', 'rateLimits', 'postsPerHour']} label={strings.PostsPerHour} />
        <NumberInput path={['moderation', 'rateLimits', 'repliesPerHour']} label={strings.RepliesPerHour} />
        <NumberInput path={['moderation', 'rateLimits', 'flagsPerDay']} label={strings.FlagsPerDay} />
      </div>
    </div>
  );
};

export const SpikesSection: React.FC = () => {
  const { strings } = useForm();
  const styles = useSectionStyles();
  return (
    <div>
      <h3 className={styles.h3}>{strings.AreaSpikes}</h3>
      <div className={styles.grid}>
        <NumberInput path={['spikes', 'zScore']} label={strings.ZScore} testId="settings-spikes-zscore" />
        <NumberInput path={['spikes', 'minimumCount']} label={strings.MinimumCount} />
        <NumberInput path={['spikes', 'baselineDays']} label={strings.BaselineDays} />
        <NumberInput path={['spikes', 'windowDays']} label={strings.WindowDays} />
      </div>
    </div>
  );
};

export const SkillsSection: React.FC = () => {
  const { draft, set, strings, readOnly } = useForm();
  const styles = useSectionStyles();
  const editor = useEditorStyles();
  const skills = (draftOf(draft).skills || []) as SkillDefinition[];
  return (
    <div>
      <h3 className={styles.h3}>{strings.AreaSkills}</h3>
      <p className={styles.help}>{strings.SkillsHelp}</p>
      <ul className={editor.list} data-testid="settings-skills">
        {skills.map((skill, i) => {
          const name = skill && skill.id ? skill.id : String(i + 1);
          return (
            <li key={i}>
              <div className={editor.row} role="group" aria-label={format(strings.SkillRow, name)}>
                <TextInput path={['skills', i, 'id']} label={strings.SkillId} />
                <TextInput path={['skills', i, 'label', 'en']} label={strings.SkillLabelEn} />
                <TextInput path={['skills', i, 'label', 'fr']} label={strings.SkillLabelFr} />
                <LinesInput path={['skills', i, 'synonyms']} label={strings.Synonyms} separator="comma" />
                {!readOnly && (
                  <IconButton
                    iconProps={{ iconName: 'Delete' }}
                    title={format(strings.SkillRemove, name)}
                    ariaLabel={format(strings.SkillRemove, name)}
                    onClick={() => set(['skills'], skills.filter((_, j) => j !== i))}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ListError path={['skills']} />
      {!readOnly && (
        <DefaultButton id={fieldId(['skills'])} iconProps={{ iconName: 'Add' }} onClick={() => set(['skills'], [...skills, { id: '', label: { en: '', fr: '' }, synonyms: [] }])}>
          {strings.SkillAdd}
        </DefaultButton>
      )}
    </div>
  );
};

export const GeneralSection: React.FC = () => {
  const { strings } = useForm();
  const styles = useSectionStyles();
  return (
    <div>
      <h3 className={styles.h3}>{strings.AreaGeneral}</h3>
      <Choice
        path={['defaultLocale']}
        label={strings.DefaultLocale}
        options={[{ key: 'en-US', text: strings.LocaleEnglish }, { key: 'fr-FR', text: strings.LocaleFrench }]}
        testId="settings-default-locale"
      />
    </div>
  );
};

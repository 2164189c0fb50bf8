/**
 * The expertise part of a profile: the person's record (skills with their level, "ask me about",
 * interests, languages, customer-facing) and, per skill, the evidence: colleagues' endorsements,
 * accepted answers and resolved customer insights. Colleagues endorse or withdraw; the person
 * edits their own record. Loaded after the profile's Graph batch with two list reads in parallel
 * (record, endorsements); the policy's skills are already cached for the page.
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { SkillDefinition } from '../../core/policy/types';
import type { ProfileSkill } from '../../core/expertise/types';
import { skillKeyOf } from '../../core/expertise/record';
import { languageName } from '../../core/people';
import { format } from '../../core/format';
import type { Endorsement, RecordSnapshot } from '../../services/expertise/records';
import { ExpertiseError } from '../../services/expertise/records';
import { SuiteError, toSuiteError } from '../../services/errors';
import { useI18n } from '../i18n';
import { useLoader } from '../useLoader';
import { ErrorNotice } from '../ErrorNotice';
import type { ExpertiseApi } from './expertiseApi';

/**
 * The editor (ComboBox, Dropdown, TextField...) is only for the person's own profile, once they
 * choose to edit: it loads on demand, as a chunk of its own, not with every profile.
 */
const ExpertiseEditor = React.lazy(() =>
  import(/* webpackChunkName: 'expertise-editor' */ './ExpertiseEditor').then(m => ({ default: m.ExpertiseEditor })));
import { levelName, plural, skillName } from './expertiseText';

export interface ExpertiseSectionProps {
  api: ExpertiseApi;
  personUpn: string;
  personName: string;
  /** The signed-in user's UPN (lower case); null when unknown (then nothing is offered). */
  viewerUpn: string | null;
}

interface ExpertiseData {
  snapshot: RecordSnapshot | null;
  endorsements: Endorsement[];
  skills: SkillDefinition[];
}

type ActionError = { kind: 'suite'; error: SuiteError } | { kind: 'claimed' };

export const ExpertiseSection: React.FC<ExpertiseSectionProps> = ({ api, personUpn, personName, viewerUpn }) => {
  const { strings, locale } = useI18n();
  const theme = useTheme();
  const upn = personUpn.toLowerCase();
  const own = viewerUpn !== null && viewerUpn === upn;
  const { loading, data, error, reload } = useLoader<ExpertiseData>(async () => {
    const [snapshot, endorsements, skills] = await Promise.all([api.getRecord(upn), api.endorsementsOf(upn), api.skills()]);
    return { snapshot, endorsements, skills };
  }, [api, upn]);
  // Outcome evidence (resolved insights, accepted answers) arrives after the record, on its own.
  const [outcomes, setOutcomes] = React.useState<Map<string, { acceptedAnswers: number; resolvedInsights: number }> | null>(null);
  React.useEffect(() => {
    let live = true;
    setOutcomes(null);
    if (!data || !api.outcomesOf) return undefined;
    api.outcomesOf(upn).then(counts => {
      if (!live) return;
      const map = new Map<string, { acceptedAnswers: number; resolvedInsights: number }>();
      for (const c of counts) map.set(c.skillKey, { acceptedAnswers: c.acceptedAnswers || 0, resolvedInsights: c.resolvedInsights || 0 });
      setOutcomes(map);
    }, () => { if (live) setOutcomes(new Map()); });
    return () => { live = false; };
  }, [api, upn, data]);
  // Local state over the loaded data: endorsements given or withdrawn, a saved record.
  const [endorsements, setEndorsements] = React.useState<Endorsement[] | null>(null);
  const [snapshot, setSnapshot] = React.useState<RecordSnapshot | null | undefined>(undefined);
  const [pending, setPending] = React.useState<Record<string, boolean>>({});
  const [actionError, setActionError] = React.useState<ActionError | null>(null);
  const [editing, setEditing] = React.useState(false);
  const [saved, setSaved] = React.useState(false);
  React.useEffect(() => {
    setEndorsements(data ? data.endorsements : null);
    setSnapshot(data ? data.snapshot : undefined);
  }, [data]);
  React.useEffect(() => {
    setEditing(false);
    setSaved(false);
    setActionError(null);
    setPending({});
  }, [upn]);

  const styles = mergeStyleSets({
    root: { marginTop: 24, borderTop: `1px solid ${theme.semanticColors.bodyDivider}`, paddingTop: 16 },
    headRow: { display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap', justifyContent: 'space-between' },
    h3: { ...theme.fonts.large, fontWeight: 600, margin: 0 },
    h4: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: '16px 0 8px' },
    sub: { color: theme.semanticColors.bodySubtext, margin: '4px 0' },
    skills: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 },
    skill: {
      display: 'flex', gap: 12, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap',
      padding: '8px 12px', border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4
    },
    skillName: { fontWeight: 600, margin: 0 },
    evidence: { listStyle: 'none', margin: '4px 0 0', padding: 0, display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 2, color: theme.semanticColors.bodySubtext },
    mine: { color: theme.semanticColors.bodyText, fontStyle: 'italic' },
    dl: { margin: '16px 0 0', display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 12, rowGap: 4 },
    dt: { color: theme.semanticColors.bodySubtext },
    dd: { margin: 0, overflowWrap: 'anywhere' },
    entries: { margin: 0, paddingLeft: 18 }
  });

  if (loading && !data) {
    return <section className={styles.root} aria-label={strings.ExpertiseTitle}><Spinner size={SpinnerSize.small} label={strings.ExpertiseLoading} /></section>;
  }
  // Lists the viewer may not read (guests get no expertise data: 403, or 404 for a list they cannot
  // see): nothing to show rather than a misleading error.
  if (error && (error.kind === 'forbidden' || error.kind === 'notFound')) return null;
  if (error || !data || endorsements === null || snapshot === undefined) {
    return (
      <section className={styles.root} aria-label={strings.ExpertiseTitle}>
        <h3 className={styles.h3}>{strings.ExpertiseTitle}</h3>
        {error && <ErrorNotice error={error} onRetry={reload} />}
      </section>
    );
  }
  const taxonomy = data.skills;
  const record = snapshot ? snapshot.record : null;

  const keyOf = (skill: ProfileSkill): string => skillKeyOf(skill);
  const countFor = (key: string): { count: number; mine: boolean } => {
    const endorsers = new Set(endorsements.filter(e => e.skillKey === key && e.endorserUpn !== upn).map(e => e.endorserUpn));
    return { count: endorsers.size, mine: viewerUpn !== null && endorsers.has(viewerUpn) };
  };

  const act = async (key: string, action: 'endorse' | 'withdraw'): Promise<void> => {
    if (!viewerUpn || pending[key]) return;
    setPending(p => ({ ...p, [key]: true }));
    setActionError(null);
    try {
      if (action === 'endorse') {
        await api.endorse(upn, key);
        setEndorsements(list => (list || []).some(e => e.skillKey === key && e.endorserUpn === viewerUpn)
          ? list
          : [...(list || []), { endorserUpn: viewerUpn, personUpn: upn, skillKey: key, created: null, itemId: 0 }]);
      } else {
        await api.withdraw(upn, key);
        setEndorsements(list => (list || []).filter(e => !(e.skillKey === key && e.endorserUpn === viewerUpn)));
      }
    } catch (e) {
      setActionError(e instanceof ExpertiseError && e.code === 'claimedByOther' ? { kind: 'claimed' } : { kind: 'suite', error: toSuiteError(e) });
    } finally {
      setPending(p => {
        const next = { ...p };
        delete next[key];
        return next;
      });
    }
  };

  const canEndorse = !own && viewerUpn !== null;
  const list = (entries: string[]): JSX.Element => entries.length
    ? <ul className={styles.entries}>{entries.map(e => <li key={e}>{e}</li>)}</ul>
    : <span>{strings.ExpertiseNone}</span>;

  if (editing && own) {
    return (
      <section className={styles.root} aria-label={strings.ExpertiseTitle} data-testid="expertise-section">
        <React.Suspense fallback={<Spinner size={SpinnerSize.small} label={strings.Loading} />}>
          <ExpertiseEditor
            api={api}
            personUpn={upn}
            snapshot={snapshot}
            taxonomy={taxonomy}
            onCancel={() => setEditing(false)}
            onSaved={next => { setSnapshot(next); setEditing(false); setSaved(true); }}
          />
        </React.Suspense>
      </section>
    );
  }

  return (
    <section className={styles.root} aria-label={strings.ExpertiseTitle} data-testid="expertise-section">
      <div className={styles.headRow}>
        <h3 className={styles.h3}>{strings.ExpertiseTitle}</h3>
        {own && (
          <PrimaryButton iconProps={{ iconName: 'Edit' }} onClick={() => { setSaved(false); setEditing(true); }} data-testid="expertise-edit">
            {strings.ExpertiseEdit}
          </PrimaryButton>
        )}
      </div>
      {saved && <MessageBar messageBarType={MessageBarType.success} data-testid="expertise-saved">{strings.ExpertiseSaved}</MessageBar>}
      {actionError && (actionError.kind === 'claimed'
        ? <MessageBar messageBarType={MessageBarType.error} isMultiline>{strings.ExpertiseClaimedByOther}</MessageBar>
        : <ErrorNotice error={actionError.error} />)}
      {!record
        ? <p className={styles.sub} data-testid="expertise-empty">{own ? strings.ExpertiseNoRecordOwn : format(strings.ExpertiseNoRecord, personName)}</p>
        : (
          <>
            <h4 className={styles.h4}>{strings.ExpertiseSkills}</h4>
            {record.skills.length === 0
              ? <p className={styles.sub}>{strings.ExpertiseNoSkills}</p>
              : (
                <ul className={styles.skills}>
                  {record.skills.map(skill => {
                    const key = keyOf(skill);
                    const name = skillName(skill, taxonomy, locale);
                    const { count, mine } = countFor(key);
                    const busy = !!pending[key];
                    return (
                      <li key={key} className={styles.skill} data-testid="expertise-skill" data-skill-key={key}>
                        <div>
                          <p className={styles.skillName}>
                            {name} <span className={styles.sub}>· {format(strings.ExpertiseLevelLabel, levelName(strings, skill.proficiency))}</span>
                          </p>
                          <ul className={styles.evidence} aria-label={format(strings.ExpertiseEvidenceLabel, name)}>
                            <li data-testid="expertise-endorsements" data-count={count}>{plural(locale, count, strings.ExpertiseEndorsementsOne, strings.ExpertiseEndorsementsOther)}</li>
                            <li data-testid="expertise-accepted-answers" data-count={(outcomes && outcomes.get(key)?.acceptedAnswers) || 0}>
                              {plural(locale, (outcomes && outcomes.get(key)?.acceptedAnswers) || 0, strings.ExpertiseAcceptedAnswersOne, strings.ExpertiseAcceptedAnswersOther)}
                            </li>
                            <li data-testid="expertise-resolved-insights" data-count={(outcomes && outcomes.get(key)?.resolvedInsights) || 0}>
                              {plural(locale, (outcomes && outcomes.get(key)?.resolvedInsights) || 0, strings.ExpertiseResolvedInsightsOne, strings.ExpertiseResolvedInsightsOther)}
                            </li>
                            {mine && <li className={styles.mine} data-testid="expertise-mine">{strings.ExpertiseEndorsedByYou}</li>}
                          </ul>
                        </div>
                        {canEndorse && (mine
                          ? (
                            <DefaultButton
                              onClick={() => { act(key, 'withdraw').catch(() => undefined); }}
                              disabled={busy}
                              ariaLabel={format(strings.ExpertiseWithdrawLabel, personName, name)}
                              data-testid="expertise-withdraw"
                            >
                              {strings.ExpertiseWithdraw}
                            </DefaultButton>
                          )
                          : (
                            <PrimaryButton
                              iconProps={{ iconName: 'Like' }}
                              onClick={() => { act(key, 'endorse').catch(() => undefined); }}
                              disabled={busy}
                              ariaLabel={format(strings.ExpertiseEndorseLabel, personName, name)}
                              data-testid="expertise-endorse"
                            >
                              {strings.ExpertiseEndorse}
                            </PrimaryButton>
                          ))}
                      </li>
                    );
                  })}
                </ul>
              )}
            <dl className={styles.dl}>
              <dt className={styles.dt}>{strings.ExpertiseAskMeAbout}</dt>
              <dd className={styles.dd} data-testid="expertise-ask-me-about">{list(record.askMeAbout)}</dd>
              <dt className={styles.dt}>{strings.ExpertiseInterests}</dt>
              <dd className={styles.dd} data-testid="expertise-interests">{list(record.interests)}</dd>
              <dt className={styles.dt}>{strings.ExpertiseLanguages}</dt>
              <dd className={styles.dd} data-testid="expertise-languages">
                {record.languages.length ? record.languages.map(l => languageName(l, locale) || l).join(', ') : strings.ExpertiseNone}
              </dd>
              <dt className={styles.dt}>{strings.ExpertiseCustomerFacing}</dt>
              <dd className={styles.dd} data-testid="expertise-customer-facing">{record.customerFacing ? strings.ExpertiseYes : strings.ExpertiseNo}</dd>
            </dl>
          </>
        )}
    </section>
  );
};

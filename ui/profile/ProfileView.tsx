/**
 * Employee profile: who a person is, how to reach them, where they sit in the org chart (their whole
 * manager chain, top first), and their expertise. First render: one Graph $batch (person, manager
 * chain, direct reports, photo, and who is looking), then the expertise record and its endorsements (two list reads in parallel).
 */
import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { Link } from '@fluentui/react/lib/Link';
import { ActionButton } from '@fluentui/react/lib/Button';
import { MessageBar } from '@fluentui/react/lib/MessageBar';
import { PeopleService, ProfileBundle } from '../../services/people';
import { Person, languageName, teamsChatLink, telLink } from '../../core/people';
import { format } from '../../core/format';
import { useI18n } from '../i18n';
import { useSuiteContext } from '../SuiteRoot';
import { useLoader } from '../useLoader';
import { ErrorNotice } from '../ErrorNotice';
import { PersonPhoto } from '../PersonPhoto';
import { ExpertiseSection } from './ExpertiseSection';
import { createExpertiseApi, ExpertiseApiFactory } from './expertiseApi';

export interface ProfileViewProps {
  /** Id or UPN of the person to show; the signed-in user when absent. */
  person?: string | null;
  /** Called when the viewer opens another person (manager, report); the view follows by default. */
  onOpenPerson?: (id: string) => void;
  /** Builds the expertise services for the signed-in user (tests pass fakes); the suite's by default. */
  expertiseApi?: ExpertiseApiFactory;
}

export const ProfileView: React.FC<ProfileViewProps> = ({ person, onOpenPerson, expertiseApi }) => {
  const ctx = useSuiteContext();
  const { strings, locale } = useI18n();
  const theme = useTheme();
  const [current, setCurrent] = React.useState<string | null>(person || null);
  React.useEffect(() => setCurrent(person || null), [person]);
  const service = React.useMemo(() => new PeopleService(ctx.graph), [ctx.graph]);
  const { loading, data, error, reload } = useLoader<ProfileBundle>(() => service.getProfile(current), [service, current]);
  const viewerUpn = data ? data.viewerUpn : null;
  const expertise = React.useMemo(
    () => (viewerUpn ? (expertiseApi ? expertiseApi(viewerUpn) : createExpertiseApi(ctx, viewerUpn)) : null),
    [ctx, viewerUpn, expertiseApi]
  );

  const open = (id: string): void => {
    if (onOpenPerson) onOpenPerson(id);
    else setCurrent(id);
  };

  const styles = mergeStyleSets({
    root: { color: theme.semanticColors.bodyText, background: theme.semanticColors.bodyBackground, padding: 16, fontFamily: theme.fonts.medium.fontFamily },
    head: { display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' },
    name: { ...theme.fonts.xLarge, margin: 0 },
    sub: { color: theme.semanticColors.bodySubtext, margin: '4px 0 0' },
    badge: { marginLeft: 8, padding: '0 6px', border: `1px solid ${theme.semanticColors.bodyDivider}`, borderRadius: 4, fontSize: 12 },
    grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 16, marginTop: 16 },
    section: { minWidth: 0 },
    h3: { ...theme.fonts.mediumPlus, fontWeight: 600, margin: '0 0 8px' },
    dl: { margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 12, rowGap: 4 },
    dt: { color: theme.semanticColors.bodySubtext },
    dd: { margin: 0, overflowWrap: 'anywhere' },
    list: { listStyle: 'none', margin: 0, padding: 0 },
    chain: { listStyle: 'none', margin: 0, padding: 0 },
    chainItem: { borderLeft: `2px solid ${theme.semanticColors.bodyDivider}`, marginLeft: 4 },
    chat: { display: 'inline-block', marginTop: 8 }
  });

  if (loading && !data) {
    return <div className={styles.root}><Spinner size={SpinnerSize.large} label={strings.Loading} /></div>;
  }
  if (error) {
    return (
      <div className={styles.root}>
        {error.kind === 'notFound'
          ? <MessageBar>{strings.ProfileNotFound}</MessageBar>
          : <ErrorNotice error={error} onRetry={reload} />}
      </div>
    );
  }
  if (!data) return null;
  const bundle = data;
  const p = bundle.person;
  const chat = teamsChatLink(p.userPrincipalName);
  const phone = p.businessPhones[0] || null;
  const personButton = (other: Person): JSX.Element => (
    <ActionButton
      iconProps={{ iconName: 'Contact' }}
      onClick={() => open(other.id)}
      ariaLabel={format(strings.ProfileOpenProfile, other.displayName)}
    >
      {other.displayName}{other.jobTitle ? ` · ${other.jobTitle}` : ''}
    </ActionButton>
  );

  return (
    <section className={styles.root} aria-label={format(strings.ProfileTitle, p.displayName)} data-testid="profile-view">
      <div className={styles.head}>
        <PersonPhoto name={p.displayName} photo={bundle.photo} size={72} />
        <div>
          <h2 className={styles.name}>
            {p.displayName}
            {p.userType === 'Guest' && <span className={styles.badge}>{strings.ProfileGuest}</span>}
            {p.accountEnabled === false && <span className={styles.badge}>{strings.ProfileDisabled}</span>}
          </h2>
          <p className={styles.sub}>{[p.jobTitle, p.department].filter(Boolean).join(' · ')}</p>
        </div>
      </div>
      <div className={styles.grid}>
        <div className={styles.section}>
          <h3 className={styles.h3}>{strings.ProfileContact}</h3>
          <dl className={styles.dl}>
            {p.officeLocation && <><dt className={styles.dt}>{strings.ProfileOffice}</dt><dd className={styles.dd}>{p.officeLocation}</dd></>}
            {p.preferredLanguage && <><dt className={styles.dt}>{strings.ProfileLanguage}</dt><dd className={styles.dd}>{languageName(p.preferredLanguage, locale)}</dd></>}
            {p.mail && <><dt className={styles.dt}>{strings.ProfileEmail}</dt><dd className={styles.dd}><Link href={`mailto:${p.mail}`}>{p.mail}</Link></dd></>}
            {phone && <><dt className={styles.dt}>{strings.ProfilePhone}</dt><dd className={styles.dd}>{telLink(phone) ? <Link href={telLink(phone) as string}>{phone}</Link> : phone}</dd></>}
            {p.mobilePhone && <><dt className={styles.dt}>{strings.ProfileMobile}</dt><dd className={styles.dd}>{telLink(p.mobilePhone) ? <Link href={telLink(p.mobilePhone) as string}>{p.mobilePhone}</Link> : p.mobilePhone}</dd></>}
          </dl>
          {chat && (
            <Link className={styles.chat} href={chat} target="_blank" rel="noopener noreferrer" aria-label={format(strings.ProfileChatInTeamsLabel, p.displayName)}>
              {strings.ProfileChatInTeams}
            </Link>
          )}
        </div>
        <div className={styles.section}>
          <h3 className={styles.h3}>{strings.ProfileManager}</h3>
          {bundle.managerChain.length > 0
            ? (
              // Top of the organisation first, the direct manager last: the chain reads downwards to the person.
              <ol className={styles.chain} aria-label={format(strings.ProfileManagerChain, p.displayName)} data-testid="profile-manager-chain">
                {bundle.managerChain.slice().reverse().map((m, i) => (
                  <li key={m.id} className={styles.chainItem} style={{ paddingLeft: Math.min(i, 6) * 12 }}>
                    {personButton(m)}
                  </li>
                ))}
              </ol>
            )
            : <p className={styles.sub}>{strings.ProfileNoManager}</p>}
        </div>
        <div className={styles.section}>
          <h3 className={styles.h3}>{format(strings.ProfileDirectReports, bundle.directReports.length)}</h3>
          {bundle.directReports.length === 0
            ? <p className={styles.sub}>{strings.ProfileNoDirectReports}</p>
            : <ul className={styles.list}>{bundle.directReports.map(r => <li key={r.id}>{personButton(r)}</li>)}</ul>}
        </div>
      </div>
      {expertise && p.userPrincipalName && (
        <ExpertiseSection api={expertise} personUpn={p.userPrincipalName} personName={p.displayName} viewerUpn={viewerUpn} />
      )}
    </section>
  );
};

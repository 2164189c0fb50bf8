/**
 * The communities directory: a search box, my communities, then every community (official first,
 * then by last activity, as the service orders them), each with its member count and one button:
 * join (public), ask to join (private) or leave. Joining and leaving are requests the trusted job
 * applies within a minute, so the button gives way to "being recorded" until then.
 */
import * as React from 'react';
import { SearchBox } from '@fluentui/react/lib/SearchBox';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { Community, MemberRole } from '../../core/community/model';
import { plural } from '../../core/plural';
import { format } from '../../core/format';
import { useI18n } from '../i18n';
import { useLoader } from '../useLoader';
import { ErrorNotice } from '../ErrorNotice';
import type { CommunitiesApi } from './communitiesApi';
import { actionErrorText, LiveMessage, useCommunityStyles } from './parts';

export type LocalMembership = 'joining' | 'leaving';

export interface DirectoryProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  onOpen: (key: string) => void;
  /** Quiet time after typing before the search runs (ms). */
  searchDelayMs?: number;
}

interface RowProps {
  community: Community;
  role: MemberRole | undefined;
  local: LocalMembership | undefined;
  strings: ICommunitiesStrings;
  onOpen: (key: string) => void;
  onJoin: (c: Community) => void;
  onLeave: (c: Community) => void;
}

/** The words of a membership that the job has not applied yet, or ''. */
export function membershipNote(s: ICommunitiesStrings, role: MemberRole | undefined, local: LocalMembership | undefined, visibility: Community['visibility']): string {
  if (local === 'leaving') return s.LeaveRecording;
  if (role === 'pending') return s.JoinWaitingPrivate;
  if (local === 'joining') return visibility === 'private' ? s.RequestWaiting : s.JoinRecording;
  return '';
}

export const MembershipButton: React.FC<Omit<RowProps, 'onOpen'>> = ({ community: c, role, local, strings: s, onJoin, onLeave }) => {
  const styles = useCommunityStyles();
  const note = membershipNote(s, role, local, c.visibility);
  if (note) return <span className={styles.pending} data-testid="membership-pending">{note}</span>;
  if (role === 'member' || role === 'manager') {
    return <DefaultButton text={s.Leave} ariaLabel={format(s.JoinAria, s.Leave, c.title)} onClick={() => onLeave(c)} data-testid="community-leave" />;
  }
  const label = c.visibility === 'private' ? s.AskToJoin : s.Join;
  return <PrimaryButton text={label} ariaLabel={format(s.JoinAria, label, c.title)} onClick={() => onJoin(c)} data-testid="community-join" />;
};

const Row: React.FC<RowProps> = props => {
  const { community: c, role, strings: s, onOpen } = props;
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  return (
    <li className={styles.item} data-testid="community-card" data-community={c.key}>
      <h4 className={styles.h3}><Link onClick={() => onOpen(c.key)} data-testid="community-open">{c.title}</Link></h4>
      <div className={styles.row}>
        {c.official && <span className={styles.badge}>{s.Official}</span>}
        <span className={styles.badge}>{c.visibility === 'private' ? s.Private : s.Public}</span>
        {role === 'manager' && <span className={styles.badge}>{s.RoleManager}</span>}
        <span className={styles.meta} data-testid="community-members">{plural(locale, s.MemberCount, c.memberCount)}</span>
      </div>
      {c.description && <p className={styles.meta}>{c.description}</p>}
      <MembershipButton {...props} />
    </li>
  );
};

export const Directory: React.FC<DirectoryProps> = ({ api, strings: s, onOpen, searchDelayMs = 250 }) => {
  const styles = useCommunityStyles();
  const [typed, setTyped] = React.useState('');
  const [text, setText] = React.useState('');
  const [local, setLocal] = React.useState<Map<string, LocalMembership>>(new Map());
  const [message, setMessage] = React.useState('');
  const [error, setError] = React.useState('');
  React.useEffect(() => {
    const t = setTimeout(() => setText(typed.trim()), searchDelayMs);
    return () => clearTimeout(t);
  }, [typed, searchDelayMs]);
  const list = useLoader(() => api.browse({ text, pageSize: 200 }), [api, text]);
  const roles = useLoader(() => api.myMemberships(), [api]);

  const act = (c: Community, kind: LocalMembership): void => {
    setError('');
    (kind === 'joining' ? api.join(c.key) : api.leave(c.key)).then(
      () => {
        setLocal(m => new Map(m).set(c.key, kind));
        setMessage(`${c.title}: ${membershipNote(s, undefined, kind, c.visibility)}`);
      },
      e => setError(actionErrorText(s, e))
    );
  };
  const rowProps = { strings: s, onOpen, onJoin: (c: Community) => act(c, 'joining'), onLeave: (c: Community) => act(c, 'leaving') };
  const all = list.data ? list.data.communities : [];
  const roleOf = (key: string): MemberRole | undefined => (roles.data ? roles.data.get(key) : undefined);
  const mine = all.filter(c => roleOf(c.key) && roleOf(c.key) !== 'pending');

  return (
    <div className={styles.root} data-testid="community-directory">
      <h2 className={styles.h2}>{s.DirectoryTitle}</h2>
      <p className={styles.meta}>{s.DirectoryIntro}</p>
      <div role="search">
        <SearchBox
          ariaLabel={s.SearchLabel}
          placeholder={s.SearchPlaceholder}
          value={typed}
          onChange={(_e, v) => setTyped(v || '')}
          onClear={() => setTyped('')}
          data-testid="community-search"
        />
      </div>
      <LiveMessage message={message} />
      {error && <MessageBar messageBarType={MessageBarType.error} isMultiline>{error}</MessageBar>}
      {list.error && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Spinner size={SpinnerSize.medium} label={s.Loading} />}
      {list.data && (
        <>
          {!text && (
            <section aria-labelledby="communities-mine" className={styles.section}>
              <h3 id="communities-mine" className={styles.h3}>{s.MyCommunities}</h3>
              {mine.length === 0
                ? <p className={styles.meta}>{s.NoMyCommunities}</p>
                : <ul className={styles.list} data-testid="my-communities">{mine.map(c => <Row key={c.key} community={c} role={roleOf(c.key)} local={local.get(c.key)} {...rowProps} />)}</ul>}
            </section>
          )}
          <section aria-labelledby="communities-all" className={styles.section}>
            <h3 id="communities-all" className={styles.h3}>{s.AllCommunities}</h3>
            {all.length === 0
              ? <p className={styles.meta}>{s.NoCommunities}</p>
              : <ul className={styles.list} data-testid="all-communities">{all.map(c => <Row key={c.key} community={c} role={roleOf(c.key)} local={local.get(c.key)} {...rowProps} />)}</ul>}
          </section>
        </>
      )}
    </div>
  );
};

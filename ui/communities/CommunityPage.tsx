/**
 * A community: its description, managers by name, member count and the person's membership; the
 * discussions in three orders (newest, unanswered, most voted; pinned first, as `compareThreads`
 * says); "Ask a question" and "Start a discussion"; and, for its managers, the requests to join.
 * A private community's posts are only for its members: others see how to ask to join.
 */
import * as React from 'react';
import { Pivot, PivotItem } from '@fluentui/react/lib/Pivot';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { Community, MemberRole, Post, ThreadOrder, ThreadSummary } from '../../core/community/model';
import { compareThreads } from '../../core/community/rules';
import { plural } from '../../core/plural';
import { format } from '../../core/format';
import type { CommunityRequest } from '../../services/community/service';
import { useI18n } from '../i18n';
import { useLoader } from '../useLoader';
import { ErrorNotice } from '../ErrorNotice';
import type { CommunitiesApi } from './communitiesApi';
import { LocalMembership, MembershipButton, membershipNote } from './Directory';
import { PostForm } from './PostForm';
import { actionErrorText, formatDate, LiveMessage, useCommunityStyles } from './parts';

export interface CommunityPageProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  communityKey: string;
  onBack: () => void;
  onOpenThread: (rootId: number) => void;
}

const isWaiting = (r: CommunityRequest): boolean => r.state === 'pending' || r.state === 'waiting';

const Threads: React.FC<{ api: CommunitiesApi; strings: ICommunitiesStrings; communityKey: string; order: ThreadOrder; onOpen: (id: number) => void }> = ({
  api, strings: s, communityKey, order, onOpen
}) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  const [pages, setPages] = React.useState<{ threads: ThreadSummary[]; next: string | null } | null>(null);
  const [after, setAfter] = React.useState<string | null>(null);
  const page = useLoader(() => api.threads(communityKey, order, { after }), [api, communityKey, order, after]);
  React.useEffect(() => {
    if (!page.data) return;
    const data = page.data;
    setPages(prev => ({ threads: after && prev ? [...prev.threads, ...data.threads] : data.threads, next: data.next }));
  }, [page.data, after]);
  if (page.error) return <ErrorNotice error={page.error} onRetry={page.reload} />;
  if (!pages) return <Spinner size={SpinnerSize.small} label={s.Loading} />;
  const threads = [...pages.threads].sort(compareThreads(order));
  return (
    <div className={styles.section}>
      {threads.length === 0 && <p className={styles.meta}>{s.NoThreads}</p>}
      <ul className={styles.list} data-testid="community-threads">
        {threads.map(t => (
          <li key={t.post.id} className={styles.item} data-testid="thread-row" data-thread={t.post.id}>
            <h4 className={styles.h3}><Link onClick={() => onOpen(t.post.id)}>{t.post.title}</Link></h4>
            <div className={styles.row}>
              <span className={styles.badge}>{t.post.kind === 'question' ? s.KindQuestion : s.KindDiscussion}</span>
              {t.stats.pinned && <span className={styles.badge}>{s.Pinned}</span>}
              {t.stats.closed && <span className={styles.badge}>{s.Closed}</span>}
              {t.stats.acceptedAnswerId !== null && <span className={styles.badge}>{s.Answered}</span>}
              <span className={styles.meta}>
                {plural(locale, t.post.kind === 'question' ? s.AnswerCount : s.ReplyCount, t.stats.answerCount)} · {plural(locale, s.Score, t.stats.score)} · {format(s.PostedBy, t.post.author.name || s.UnknownPerson, formatDate(locale, t.post.created))}
              </span>
            </div>
          </li>
        ))}
      </ul>
      {pages.next && <DefaultButton text={s.ShowMore} onClick={() => setAfter(pages.next)} disabled={page.loading} />}
    </div>
  );
};

const JoinRequests: React.FC<{ api: CommunitiesApi; strings: ICommunitiesStrings; community: Community; onMessage: (m: string) => void }> = ({ api, strings: s, community, onMessage }) => {
  const styles = useCommunityStyles();
  const members = useLoader(() => api.members(community.key), [api, community.key]);
  const [decided, setDecided] = React.useState<Map<string, 'approve' | 'decline'>>(new Map());
  const pending = (members.data || []).filter(m => m.role === 'pending');
  const decide = (upn: string, kind: 'approve' | 'decline'): void => {
    api.manageMember(kind, community.key, upn).then(() => {
      setDecided(d => new Map(d).set(upn, kind));
      onMessage(`${upn}: ${kind === 'approve' ? s.ApprovePending : s.DeclinePending}`);
    }, e => onMessage(actionErrorText(s, e)));
  };
  return (
    <section aria-labelledby="community-join-requests" className={styles.section} data-testid="join-requests">
      <h3 id="community-join-requests" className={styles.h3}>{s.PendingRequests}</h3>
      {members.error && <ErrorNotice error={members.error} onRetry={members.reload} />}
      {members.data && pending.length === 0 && <p className={styles.meta}>{s.NoPendingRequests}</p>}
      <ul className={styles.list}>
        {pending.map(m => {
          const done = decided.get(m.upn);
          return (
            <li key={m.upn} className={styles.item} data-testid="join-request" data-upn={m.upn}>
              <span>{m.upn}</span>{' '}
              {done
                ? <span className={styles.pending}>{done === 'approve' ? s.ApprovePending : s.DeclinePending}</span>
                : (
                  <span className={styles.row}>
                    <PrimaryButton text={s.Approve} ariaLabel={format(s.ApproveAria, s.Approve, m.upn)} onClick={() => decide(m.upn, 'approve')} data-testid="join-approve" />
                    <DefaultButton text={s.Decline} ariaLabel={format(s.ApproveAria, s.Decline, m.upn)} onClick={() => decide(m.upn, 'decline')} />
                  </span>
                )}
            </li>
          );
        })}
      </ul>
    </section>
  );
};

const Page: React.FC<CommunityPageProps & { community: Community; role: MemberRole | undefined; requests: CommunityRequest[] }> = ({
  api, strings: s, community: c, role, requests, onBack, onOpenThread
}) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  const [order, setOrder] = React.useState<ThreadOrder>('newest');
  const [form, setForm] = React.useState<'question' | 'discussion' | null>(null);
  const [message, setMessage] = React.useState('');
  const waiting = requests.find(r => (r.kind === 'join' || r.kind === 'leave') && isWaiting(r));
  const [local, setLocal] = React.useState<LocalMembership | undefined>(waiting ? (waiting.kind === 'join' ? 'joining' : 'leaving') : undefined);
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => { headingRef.current?.focus(); }, [c.key]);

  const member = role === 'member' || role === 'manager';
  const canRead = c.visibility === 'public' || member;
  const managers = c.managers.map(m => m.name || m.upn).join(', ');
  const act = (kind: LocalMembership): void => {
    (kind === 'joining' ? api.join(c.key) : api.leave(c.key)).then(() => {
      setLocal(kind);
      setMessage(membershipNote(s, undefined, kind, c.visibility));
    }, e => setMessage(actionErrorText(s, e)));
  };
  const posted = (post: Post): void => {
    setForm(null);
    setMessage(s.Posted);
    onOpenThread(post.id);
  };

  return (
    <div className={styles.root} data-testid="community-page" data-community={c.key}>
      <Link onClick={onBack} data-testid="community-back">{s.BackToDirectory}</Link>
      <h2 ref={headingRef} tabIndex={-1} className={styles.h2}>{c.title}</h2>
      <div className={styles.row}>
        {c.official && <span className={styles.badge}>{s.Official}</span>}
        <span className={styles.badge}>{c.visibility === 'private' ? s.Private : s.Public}</span>
        <span className={styles.meta} data-testid="community-members">{plural(locale, s.MemberCount, c.memberCount)}</span>
      </div>
      {c.description && <p>{c.description}</p>}
      <p className={styles.meta} data-testid="community-managers">{managers ? format(s.ManagedBy, managers) : s.NoManager}</p>
      <div className={styles.row}>
        <MembershipButton community={c} role={role} local={local} strings={s} onJoin={() => act('joining')} onLeave={() => act('leaving')} />
      </div>
      <LiveMessage message={message} />
      {role === 'manager' && c.visibility === 'private' && <JoinRequests api={api} strings={s} community={c} onMessage={setMessage} />}
      {!canRead
        ? <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="community-private">{s.PrivateNotMember}</MessageBar>
        : (
          <>
            <div className={styles.row}>
              <PrimaryButton text={s.AskQuestion} onClick={() => setForm('question')} aria-expanded={form === 'question'} data-testid="ask-question" />
              <DefaultButton text={s.StartDiscussion} onClick={() => setForm('discussion')} aria-expanded={form === 'discussion'} data-testid="start-discussion" />
            </div>
            {form && <PostForm key={form} api={api} strings={s} communityKey={c.key} kind={form} onPosted={posted} onCancel={() => setForm(null)} />}
            <section aria-labelledby="community-threads-heading" className={styles.section}>
              <h3 id="community-threads-heading" className={styles.h3}>{s.ThreadsHeading}</h3>
              <Pivot aria-label={s.TabsLabel} selectedKey={order} onLinkClick={item => item && item.props.itemKey && setOrder(item.props.itemKey as ThreadOrder)}>
                {(['newest', 'unanswered', 'mostVoted'] as ThreadOrder[]).map(o => (
                  <PivotItem key={o} itemKey={o} headerText={o === 'newest' ? s.TabNewest : o === 'unanswered' ? s.TabUnanswered : s.TabMostVoted}>
                    <Threads api={api} strings={s} communityKey={c.key} order={o} onOpen={onOpenThread} />
                  </PivotItem>
                ))}
              </Pivot>
            </section>
          </>
        )}
    </div>
  );
};

export const CommunityPage: React.FC<CommunityPageProps> = props => {
  const { api, strings: s, communityKey } = props;
  const styles = useCommunityStyles();
  const loaded = useLoader(async () => {
    const [community, roles, requests] = await Promise.all([
      api.community(communityKey), api.myMemberships(), api.myRequests(communityKey).catch(() => [] as CommunityRequest[])
    ]);
    return { community, role: roles.get(communityKey), requests };
  }, [api, communityKey]);
  if (loaded.error) return <div className={styles.root}><ErrorNotice error={loaded.error} onRetry={loaded.reload} /></div>;
  if (!loaded.data) return <div className={styles.root}><Spinner size={SpinnerSize.medium} label={s.Loading} /></div>;
  return <Page {...props} community={loaded.data.community} role={loaded.data.role} requests={loaded.data.requests} />;
};

/**
 * A thread: the question or discussion, its answers (accepted first, then by score) with their
 * comments, voting up and withdrawing, following, accepting (the asker or a manager), editing and
 * deleting one's own posts. Acceptance and counts are decided by the trusted job within a minute,
 * so an acceptance shows "being recorded" (from the person's own pending request) until the job
 * wrote it; every such message is also read out by the live region.
 */
import * as React from 'react';
import { ActionButton, DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { Post, PostStats } from '../../core/community/model';
import { compareAnswers } from '../../core/community/rules';
import { plural } from '../../core/plural';
import { format } from '../../core/format';
import type { CommunityRequest, ThreadView } from '../../services/community/service';
import { useI18n } from '../i18n';
import { useLoader } from '../useLoader';
import { ErrorNotice } from '../ErrorNotice';
import type { CommunitiesApi } from './communitiesApi';
import { actionErrorText, LiveMessage, useCommunityStyles } from './parts';
import { PostItem } from './PostItem';
import { ReplyForm } from './ReplyForm';

export interface ThreadPageProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  rootId: number;
  onBack: (communityKey: string | null) => void;
  backTitle?: string;
}

const isWaiting = (r: CommunityRequest): boolean => r.state === 'pending' || r.state === 'waiting';

const Comments: React.FC<{ api: CommunitiesApi; strings: ICommunitiesStrings; parent: Post; comments: Post[]; closed: boolean; onChanged: () => void; onMessage: (m: string) => void }> = ({
  api, strings: s, parent, comments, closed, onChanged, onMessage
}) => {
  const styles = useCommunityStyles();
  const [open, setOpen] = React.useState(false);
  return (
    <div className={styles.section}>
      {comments.length > 0 && (
        <ul className={styles.list} aria-label={s.CommentsLabel} data-testid="comments">
          {comments.map(c => (
            <li key={c.id} className={styles.item} data-testid="comment">
              <PostItem api={api} strings={s} post={c} onChanged={onChanged} onMessage={onMessage} />
            </li>
          ))}
        </ul>
      )}
      {!closed && (open
        ? <ReplyForm api={api} strings={s} parentId={parent.id} kind="comment" onPosted={() => { setOpen(false); onMessage(s.Posted); onChanged(); }} />
        : <ActionButton iconProps={{ iconName: 'Comment' }} text={s.AddComment} onClick={() => setOpen(true)} data-testid="comment-open" />)}
    </div>
  );
};

interface AnswerProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  answer: { post: Post; stats: PostStats; comments: Post[] };
  accepted: boolean;
  acceptPending: boolean;
  mayAccept: boolean;
  voted: boolean;
  closed: boolean;
  onVote: (post: Post, up: boolean) => void;
  onAccept: (post: Post) => void;
  onChanged: () => void;
  onMessage: (m: string) => void;
}

const Answer: React.FC<AnswerProps> = ({ api, strings: s, answer, accepted, acceptPending, mayAccept, voted, closed, onVote, onAccept, onChanged, onMessage }) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  const { post, stats, comments } = answer;
  const mine = post.author.upn.toLowerCase() === api.me.toLowerCase();
  return (
    <li className={styles.item} data-testid="answer" data-answer={post.id} data-accepted={accepted ? 'true' : 'false'}>
      <article>
        {accepted && <span className={styles.badge} data-testid="accepted-badge">{s.AcceptedAnswer}</span>}
        {acceptPending && !accepted && <span className={styles.pending} data-testid="accept-pending">{s.AcceptedPending}</span>}
        <PostItem api={api} strings={s} post={post} onChanged={onChanged} onMessage={onMessage} />
        <div className={styles.row}>
          <span className={styles.meta} data-testid="answer-score">{plural(locale, s.Score, stats.score)}</span>
          {!mine && (voted
            ? <DefaultButton text={s.Withdraw} onClick={() => onVote(post, false)} data-testid="vote-withdraw" />
            : <DefaultButton iconProps={{ iconName: 'Like' }} text={s.VoteUp} onClick={() => onVote(post, true)} data-testid="vote-up" />)}
          {mayAccept && !accepted && !acceptPending && <PrimaryButton text={s.Accept} onClick={() => onAccept(post)} data-testid="accept-answer" />}
        </div>
        <Comments api={api} strings={s} parent={post} comments={comments} closed={closed} onChanged={onChanged} onMessage={onMessage} />
      </article>
    </li>
  );
};

const Thread: React.FC<ThreadPageProps & { view: ThreadView; requests: CommunityRequest[]; reload: () => void }> = ({ api, strings: s, view, requests, reload, onBack }) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  const { root, stats, community } = view;
  const [message, setMessage] = React.useState('');
  const [votes, setVotes] = React.useState<Set<number>>(() => new Set(view.myVotes));
  const [following, setFollowing] = React.useState(view.following);
  // My acceptances the job has not decided yet, of this thread's answers (the requests are the community's).
  const [accepting, setAccepting] = React.useState<Set<number>>(() => {
    const ids = new Set(view.answers.map(a => a.post.id));
    return new Set(requests.filter(r => r.kind === 'accept' && isWaiting(r) && r.postId !== null && ids.has(r.postId)).map(r => r.postId as number));
  });
  const headingRef = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => { headingRef.current?.focus(); }, [root.id]);

  const me = api.me.toLowerCase();
  const isManager = community.managers.some(m => m.upn.toLowerCase() === me);
  const mayAccept = root.kind === 'question' && !stats.closed && (root.author.upn.toLowerCase() === me || isManager);
  const answers = [...view.answers].sort((a, b) => compareAnswers(stats.acceptedAnswerId)({ id: a.post.id, score: a.stats.score }, { id: b.post.id, score: b.stats.score }));

  const fail = (e: unknown): void => setMessage(actionErrorText(s, e));
  const vote = (post: Post, up: boolean): void => {
    (up ? api.vote(post) : api.unvote(post)).then(state => {
      setVotes(v => { const n = new Set(v); if (up) n.add(post.id); else n.delete(post.id); return n; });
      setMessage(state === 'alreadyVoted' ? s.AlreadyVoted : up ? s.VoteRecorded : s.VoteWithdrawn);
    }, fail);
  };
  const accept = (post: Post): void => {
    api.accept(post).then(() => {
      setAccepting(a => new Set(a).add(post.id));
      setMessage(s.AcceptedPending);
    }, fail);
  };
  const toggleFollow = (): void => {
    (following ? api.unfollow(root) : api.follow(root)).then(() => {
      setMessage(following ? s.FollowOff : s.FollowOn);
      setFollowing(!following);
    }, fail);
  };

  return (
    <div className={styles.root} data-testid="community-thread" data-thread={root.id}>
      <Link onClick={() => onBack(community.key)} data-testid="thread-back">{format(s.BackToCommunity, community.title)}</Link>
      <article aria-labelledby="community-thread-title" className={styles.section}>
        <h2 id="community-thread-title" ref={headingRef} tabIndex={-1} className={styles.h2}>{root.title}</h2>
        <div className={styles.row}>
          <span className={styles.badge}>{root.kind === 'question' ? s.KindQuestion : s.KindDiscussion}</span>
          {stats.pinned && <span className={styles.badge} data-testid="thread-pinned">{s.Pinned}</span>}
          {stats.closed && <span className={styles.badge} data-testid="thread-closed">{s.Closed}</span>}
          {stats.acceptedAnswerId !== null && <span className={styles.badge}>{s.Answered}</span>}
          <DefaultButton text={following ? s.Unfollow : s.Follow} onClick={toggleFollow} data-testid="thread-follow" />
        </div>
        <PostItem api={api} strings={s} post={root} onChanged={p => (p ? reload() : onBack(community.key))} onMessage={setMessage} />
        <Comments api={api} strings={s} parent={root} comments={view.comments} closed={stats.closed} onChanged={reload} onMessage={setMessage} />
      </article>
      <LiveMessage message={message} />
      {stats.closed && <MessageBar messageBarType={MessageBarType.info}>{s.ThreadClosed}</MessageBar>}
      {root.kind === 'question' && (
        <section aria-labelledby="community-answers" className={styles.section}>
          <h3 id="community-answers" className={styles.h3}>{s.AnswersHeading} <span className={styles.meta}>({plural(locale, s.AnswerCount, answers.length)})</span></h3>
          {answers.length > 0 && (
            <ul className={styles.list} data-testid="answers">
              {answers.map(a => (
                <Answer
                  key={a.post.id}
                  api={api}
                  strings={s}
                  answer={a}
                  accepted={stats.acceptedAnswerId === a.post.id}
                  acceptPending={accepting.has(a.post.id)}
                  mayAccept={mayAccept && stats.acceptedAnswerId === null && accepting.size === 0}
                  voted={votes.has(a.post.id)}
                  closed={stats.closed}
                  onVote={vote}
                  onAccept={accept}
                  onChanged={reload}
                  onMessage={setMessage}
                />
              ))}
            </ul>
          )}
          {!stats.closed && <ReplyForm api={api} strings={s} parentId={root.id} kind="answer" onPosted={() => { setMessage(s.Posted); reload(); }} />}
        </section>
      )}
    </div>
  );
};

export const ThreadPage: React.FC<ThreadPageProps> = props => {
  const { api, strings: s, rootId } = props;
  const loaded = useLoader(async () => {
    const view = await api.thread(rootId);
    const requests = await api.myRequests(view.community.key).catch(() => [] as CommunityRequest[]);
    return { view, requests };
  }, [api, rootId]);
  const styles = useCommunityStyles();
  if (loaded.error) return <div className={styles.root}><ErrorNotice error={loaded.error} onRetry={loaded.reload} /></div>;
  if (!loaded.data) return <div className={styles.root}><Spinner size={SpinnerSize.medium} label={s.Loading} /></div>;
  // A new key after each load: votes, follows and pending acceptances start again from what was read.
  return <Thread key={loaded.data.view.root.etag + loaded.data.view.answers.length} {...props} view={loaded.data.view} requests={loaded.data.requests} reload={loaded.reload} />;
};

/**
 * "Ask a question" and "Start a discussion": a title and details, checked with the core's rules
 * before anything is sent (a localized error on the field, the focus on it). While the person
 * types, answered questions that look alike and open customer insights on the same subject show
 * beside the form. The draft (and the client id of the first attempt) is kept on the device until
 * the service confirmed the post, so a failed post loses nothing and a retry cannot post twice.
 */
import * as React from 'react';
import { TextField, ITextField } from '@fluentui/react/lib/TextField';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { Post } from '../../core/community/model';
import { FieldError, validatePost } from '../../core/community/rules';
import { textToHtml } from '../../core/community/richText';
import { plural } from '../../core/plural';
import type { SimilarQuestion } from '../../services/community/service';
import type { TriageCandidate } from '../../services/relay/api';
import { CommunityError } from '../../services/community/items';
import { useI18n } from '../i18n';
import type { CommunitiesApi } from './communitiesApi';
import { browserStorage, clearPostDraft, loadPostDraft, postDraftKey, PostDraftState, savePostDraft } from './draftStore';
import { fieldErrorText, postErrorText, useCommunityStyles } from './parts';

export interface PostFormProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  communityKey: string;
  kind: 'question' | 'discussion';
  onPosted: (post: Post) => void;
  onCancel: () => void;
  /** Where the draft is kept; the browser's local storage by default (null: not kept). */
  storage?: Storage | null;
  /** Quiet time after typing before similar questions and insights are asked for (ms). */
  lookupDelayMs?: number;
}

/** Fewest characters typed before similar questions are looked for. */
const LOOKUP_MIN_CHARS = 8;

type Errors = Partial<Record<'title' | 'body', string>>;

function toErrors(s: ICommunitiesStrings, locale: string, fields: ReadonlyArray<Pick<FieldError, 'field' | 'code' | 'limit'>>): Errors {
  const out: Errors = {};
  for (const f of fields) {
    const field = f.field === 'title' ? 'title' : 'body';
    if (!out[field]) out[field] = fieldErrorText(s, locale, f);
  }
  return out;
}

/** Similar answered questions and open insights for what is being typed (quiet time, last answer wins). */
function useLookups(api: CommunitiesApi, text: string, delayMs: number, withSimilar: boolean): { similar: SimilarQuestion[]; insights: TriageCandidate[] } {
  const [found, setFound] = React.useState<{ similar: SimilarQuestion[]; insights: TriageCandidate[] }>({ similar: [], insights: [] });
  React.useEffect(() => {
    if (text.trim().length < LOOKUP_MIN_CHARS) {
      setFound({ similar: [], insights: [] });
      return undefined;
    }
    let current = true;
    const t = setTimeout(() => {
      // Each lookup is optional: a failure shows nothing rather than stopping the form.
      Promise.all([
        withSimilar ? api.similarQuestions(text).catch(() => []) : Promise.resolve([]),
        api.insights(text).catch(() => [])
      ]).then(([similar, insights]) => { if (current) setFound({ similar, insights }); }, () => undefined);
    }, delayMs);
    return () => { current = false; clearTimeout(t); };
  }, [api, text, delayMs, withSimilar]);
  return found;
}

export const PostForm: React.FC<PostFormProps> = ({ api, strings: s, communityKey, kind, onPosted, onCancel, storage: given, lookupDelayMs = 300 }) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  const storage = given === undefined ? browserStorage() : given;
  const key = postDraftKey(api.siteUrl, api.me, `${communityKey}:${kind}`);
  const [draft, setDraft] = React.useState<PostDraftState>(() => loadPostDraft(storage, key) || { title: '', body: '', clientId: null });
  const [errors, setErrors] = React.useState<Errors>({});
  const [failure, setFailure] = React.useState('');
  const [posting, setPosting] = React.useState(false);
  const titleRef = React.useRef<ITextField>(null);
  const bodyRef = React.useRef<ITextField>(null);
  const { similar, insights } = useLookups(api, `${draft.title} ${draft.body}`.trim(), lookupDelayMs, kind === 'question');

  const update = (change: Partial<PostDraftState>): void => {
    setDraft(d => {
      const next = { ...d, ...change };
      savePostDraft(storage, key, next);
      return next;
    });
  };

  const showErrors = (next: Errors): void => {
    setErrors(next);
    if (next.title) titleRef.current?.focus();
    else if (next.body) bodyRef.current?.focus();
  };

  const submit = async (): Promise<void> => {
    const body = draft.body.trim() ? textToHtml(draft.body) : '';
    const invalid = validatePost({ kind, title: draft.title, body });
    if (invalid.length) return showErrors(toErrors(s, locale, invalid));
    setErrors({});
    setFailure('');
    // The client id is kept with the draft before the first attempt: a retry sends the same one.
    const clientId = draft.clientId || api.newId();
    const kept = { ...draft, clientId };
    setDraft(kept);
    savePostDraft(storage, key, kept);
    setPosting(true);
    try {
      const post = await api.startThread(communityKey, { kind, title: draft.title.trim(), body, language: locale.toLowerCase().startsWith('fr') ? 'fr' : 'en' }, clientId);
      clearPostDraft(storage, key);
      setPosting(false);
      onPosted(post);
    } catch (e) {
      setPosting(false);
      setFailure(postErrorText(s, e));
      if (e instanceof CommunityError && e.code === 'invalid' && e.fields.length) showErrors(toErrors(s, locale, e.fields as FieldError[]));
    }
  };

  const heading = kind === 'question' ? s.AskQuestion : s.StartDiscussion;
  const headingId = `community-form-${kind}`;
  return (
    <section aria-labelledby={headingId} className={styles.section} data-testid="community-post-form" data-kind={kind}>
      <h3 id={headingId} className={styles.h3}>{heading}</h3>
      <form noValidate onSubmit={e => { e.preventDefault(); submit().catch(() => undefined); }} className={styles.section}>
        <TextField
          componentRef={titleRef}
          label={kind === 'question' ? s.QuestionTitleLabel : s.DiscussionTitleLabel}
          required
          value={draft.title}
          onChange={(_e, v) => update({ title: v || '' })}
          errorMessage={errors.title}
          data-testid="post-title"
        />
        <TextField
          componentRef={bodyRef}
          label={s.BodyLabel}
          multiline
          rows={5}
          value={draft.body}
          onChange={(_e, v) => update({ body: v || '' })}
          errorMessage={errors.body}
          data-testid="post-body"
        />
        <p className={styles.meta}>{s.DraftKept}</p>
        {failure && <MessageBar messageBarType={MessageBarType.error} isMultiline data-testid="post-failure">{failure}</MessageBar>}
        <div className={styles.row}>
          <PrimaryButton type="submit" text={posting ? s.Posting : s.Post} disabled={posting} data-testid="post-submit" />
          <DefaultButton text={s.Cancel} onClick={onCancel} disabled={posting} />
        </div>
      </form>
      <div aria-live="polite" className={styles.section}>
        {similar.length > 0 && (
          <section aria-labelledby={`${headingId}-similar`} data-testid="similar-questions">
            <h4 id={`${headingId}-similar`} className={styles.h3}>{s.SimilarHeading}</h4>
            <ul className={styles.list}>
              {similar.map(q => (
                <li key={q.questionId} className={styles.item} data-testid="similar-question">
                  <strong>{q.title}</strong>
                  <p className={styles.meta}>{s.AcceptedAnswer}</p>
                  <p>{q.answer}</p>
                </li>
              ))}
            </ul>
          </section>
        )}
        {insights.length > 0 && (
          <section aria-labelledby={`${headingId}-insights`} data-testid="similar-insights">
            <h4 id={`${headingId}-insights`} className={styles.h3}>{s.InsightsHeading}</h4>
            <ul className={styles.list}>
              {insights.map(c => (
                <li key={c.insight.id} className={styles.item} data-testid="similar-insight">
                  <strong>{c.insight.title}</strong>
                  <p className={styles.meta}>{plural(locale, s.InsightReach, c.insight.reach)}</p>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </section>
  );
};

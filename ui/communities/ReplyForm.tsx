/**
 * An answer or a comment: one text, checked with the core's rules, its draft and client id kept
 * on the device until the service confirmed it (as the question form does).
 */
import * as React from 'react';
import { TextField, ITextField } from '@fluentui/react/lib/TextField';
import { PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { Post } from '../../core/community/model';
import { validatePost } from '../../core/community/rules';
import { textToHtml } from '../../core/community/richText';
import { CommunityError } from '../../services/community/items';
import { useI18n } from '../i18n';
import type { CommunitiesApi } from './communitiesApi';
import { browserStorage, clearPostDraft, loadPostDraft, postDraftKey, PostDraftState, savePostDraft } from './draftStore';
import { fieldErrorText, postErrorText, useCommunityStyles } from './parts';

export interface ReplyFormProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  parentId: number;
  kind: 'answer' | 'comment';
  onPosted: (post: Post) => void;
  storage?: Storage | null;
}

export const ReplyForm: React.FC<ReplyFormProps> = ({ api, strings: s, parentId, kind, onPosted, storage: given }) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  const storage = given === undefined ? browserStorage() : given;
  const key = postDraftKey(api.siteUrl, api.me, `reply:${parentId}:${kind}`);
  const [draft, setDraft] = React.useState<PostDraftState>(() => loadPostDraft(storage, key) || { title: '', body: '', clientId: null });
  const [error, setError] = React.useState('');
  const [failure, setFailure] = React.useState('');
  const [posting, setPosting] = React.useState(false);
  const ref = React.useRef<ITextField>(null);

  const update = (next: PostDraftState): void => {
    setDraft(next);
    savePostDraft(storage, key, next);
  };

  const submit = async (): Promise<void> => {
    const body = draft.body.trim() ? textToHtml(draft.body) : '';
    const invalid = validatePost({ kind, title: '', body });
    if (invalid.length) {
      setError(fieldErrorText(s, locale, invalid[0]));
      ref.current?.focus();
      return;
    }
    setError('');
    setFailure('');
    const clientId = draft.clientId || api.newId();
    update({ ...draft, clientId });
    setPosting(true);
    try {
      const post = await api.reply(parentId, kind, body, clientId, locale.toLowerCase().startsWith('fr') ? 'fr' : 'en');
      clearPostDraft(storage, key);
      setDraft({ title: '', body: '', clientId: null });
      setPosting(false);
      onPosted(post);
    } catch (e) {
      setPosting(false);
      setFailure(postErrorText(s, e));
      if (e instanceof CommunityError && e.code === 'invalid' && e.fields.length) {
        setError(fieldErrorText(s, locale, e.fields[0] as Parameters<typeof fieldErrorText>[2]));
        ref.current?.focus();
      }
    }
  };

  return (
    <form noValidate onSubmit={e => { e.preventDefault(); submit().catch(() => undefined); }} className={styles.section} data-testid={`${kind}-form`}>
      <TextField
        componentRef={ref}
        label={kind === 'answer' ? s.YourAnswer : s.YourComment}
        multiline
        rows={kind === 'answer' ? 4 : 2}
        value={draft.body}
        onChange={(_e, v) => update({ ...draft, body: v || '' })}
        errorMessage={error}
      />
      {failure && <MessageBar messageBarType={MessageBarType.error} isMultiline>{failure}</MessageBar>}
      <div className={styles.row}>
        <PrimaryButton type="submit" text={posting ? s.Posting : kind === 'answer' ? s.PostAnswer : s.PostComment} disabled={posting} />
      </div>
    </form>
  );
};

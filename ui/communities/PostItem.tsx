/**
 * One post as a thread shows it: author and date, the sanitized body, and, on one's own post,
 * edit (with its ETag: a change made meanwhile is a conflict, said in words) and delete (asked twice).
 */
import * as React from 'react';
import { TextField } from '@fluentui/react/lib/TextField';
import { ActionButton, DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import type { Post } from '../../core/community/model';
import { validatePost } from '../../core/community/rules';
import { htmlToText, textToHtml } from '../../core/community/richText';
import { format } from '../../core/format';
import { useI18n } from '../i18n';
import type { CommunitiesApi } from './communitiesApi';
import { actionErrorText, fieldErrorText, formatDate, RichText, useCommunityStyles } from './parts';

export interface PostItemProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  post: Post;
  /** After an edit (the new post) or a delete (null). */
  onChanged: (post: Post | null) => void;
  onMessage: (message: string) => void;
}

export const PostByline: React.FC<{ strings: ICommunitiesStrings; post: Post }> = ({ strings: s, post }) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  return (
    <p className={styles.meta} data-testid="post-byline">
      {format(s.PostedBy, post.author.name || s.UnknownPerson, formatDate(locale, post.created))}{post.edited ? ` ${s.Edited}` : ''}
    </p>
  );
};

export const PostItem: React.FC<PostItemProps> = ({ api, strings: s, post, onChanged, onMessage }) => {
  const { locale } = useI18n();
  const styles = useCommunityStyles();
  const mine = post.author.upn.toLowerCase() === api.me.toLowerCase();
  const isRoot = post.kind === 'question' || post.kind === 'discussion';
  const [editing, setEditing] = React.useState(false);
  const [title, setTitle] = React.useState(post.title);
  const [body, setBody] = React.useState('');
  const [errors, setErrors] = React.useState<{ title?: string; body?: string }>({});
  const [confirming, setConfirming] = React.useState(false);
  const [busy, setBusy] = React.useState(false);

  const startEdit = (): void => {
    setTitle(post.title);
    setBody(htmlToText(post.body));
    setErrors({});
    setEditing(true);
  };

  const save = async (): Promise<void> => {
    const html = body.trim() ? textToHtml(body) : '';
    const invalid = validatePost({ kind: post.kind, title, body: html });
    if (invalid.length) {
      const out: { title?: string; body?: string } = {};
      for (const f of invalid) out[f.field === 'title' ? 'title' : 'body'] = fieldErrorText(s, locale, f);
      setErrors(out);
      return;
    }
    setBusy(true);
    try {
      const saved = await api.edit(post, isRoot ? { title: title.trim(), body: html } : { body: html });
      setEditing(false);
      onMessage(s.Saved);
      onChanged(saved);
    } catch (e) {
      onMessage(actionErrorText(s, e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.remove(post);
      onMessage(s.Deleted);
      onChanged(null);
    } catch (e) {
      setBusy(false);
      onMessage(actionErrorText(s, e));
    }
  };

  if (editing) {
    return (
      <form noValidate className={styles.section} onSubmit={e => { e.preventDefault(); save().catch(() => undefined); }} data-testid="post-edit">
        {isRoot && <TextField label={post.kind === 'question' ? s.QuestionTitleLabel : s.DiscussionTitleLabel} required value={title} onChange={(_e, v) => setTitle(v || '')} errorMessage={errors.title} />}
        <TextField label={s.BodyLabel} multiline rows={4} value={body} onChange={(_e, v) => setBody(v || '')} errorMessage={errors.body} />
        <div className={styles.row}>
          <PrimaryButton type="submit" text={s.Save} disabled={busy} />
          <DefaultButton text={s.Cancel} onClick={() => setEditing(false)} disabled={busy} />
        </div>
      </form>
    );
  }
  return (
    <div className={styles.section}>
      <PostByline strings={s} post={post} />
      <RichText html={post.body} className={styles.body} />
      {mine && (
        <div className={styles.row}>
          <ActionButton iconProps={{ iconName: 'Edit' }} text={s.Edit} onClick={startEdit} data-testid="post-edit-button" />
          {confirming
            ? <DefaultButton text={s.ConfirmDelete} onClick={() => { remove().catch(() => undefined); }} disabled={busy} data-testid="post-delete-confirm" />
            : <ActionButton iconProps={{ iconName: 'Delete' }} text={s.Delete} onClick={() => setConfirming(true)} data-testid="post-delete-button" />}
          {confirming && <DefaultButton text={s.Cancel} onClick={() => setConfirming(false)} />}
        </div>
      )}
    </div>
  );
};

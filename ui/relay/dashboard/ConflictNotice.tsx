/**
 * What happened to an action someone else's change got to first (a 412): who changed which field,
 * from what to what and when, and, when the action was not applied, the two choices: apply mine
 * anyway (against the fresh copy: a second, explicit decision) or keep theirs. Focus moves to the
 * message when it appears, so a keyboard or screen reader user lands on the choice to make.
 */
import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { InsightChange } from '../../../services/relay/api';
import type { InsightStatus } from '../../../core/relay/clock';
import { format } from '../../../core/format';
import { statusLabel } from '../statusLabel';

/** A conflict (not applied: two choices) or "already so" (the insight had the value: nothing to choose). */
export interface ActionNotice {
  kind: 'conflict' | 'alreadySo';
  changes: InsightChange[];
}

export interface ConflictNoticeProps {
  strings: IRelayDashboardStrings;
  locale: string;
  /** For "at 10:42" today, a date otherwise. */
  now: Date;
  notice: ActionNotice;
  busy?: boolean;
  onApplyMine?: () => void;
  onKeepTheirs?: () => void;
  'data-testid'?: string;
}

function whenText(iso: string, locale: string, now: Date): string {
  const d = new Date(iso);
  if (!Number.isFinite(d.getTime())) return iso;
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay ? d.toLocaleTimeString(locale, { timeStyle: 'short' }) : d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** One sentence per change: "Marc-André Gagnon changed the status from New to Resolved at 10:42." */
export function changeText(s: IRelayDashboardStrings, c: InsightChange, locale: string, now: Date): string {
  const who = c.by.name || c.by.upn || s.ConflictSomeone;
  const at = whenText(c.at, locale, now);
  switch (c.field) {
    case 'status': return format(s.ConflictStatusChanged, who, statusLabel(s, c.from as InsightStatus), statusLabel(s, c.to as InsightStatus), at);
    case 'owner': return format(s.ConflictOwnerChanged, who, c.from || s.OwnerNone, c.to || s.OwnerNone, at);
    case 'response': return format(s.ConflictResponseChanged, who, at, c.to);
    case 'customerReply': return format(s.ConflictCustomerReplyChanged, who, at, c.to);
    default: return format(s.ConflictClosureReasonChanged, who, c.to, at);
  }
}

const line = mergeStyles({ display: 'block' });

export const ConflictNotice: React.FC<ConflictNoticeProps> = ({ strings: s, locale, now, notice, busy, onApplyMine, onKeepTheirs, 'data-testid': testId }) => {
  const theme = useTheme();
  const focusable = mergeStyles({
    outline: 'none', margin: '8px 0',
    selectors: { ':focus-visible': { outline: `2px solid ${theme.semanticColors.focusBorder || theme.palette.themePrimary}`, outlineOffset: '2px' } }
  });
  const ref = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (ref.current) ref.current.focus();
  }, []);
  const conflict = notice.kind === 'conflict';
  const sentences = notice.changes.map(c => changeText(s, c, locale, now));
  if (sentences.length === 0 && conflict) sentences.push(s.ConflictSomeoneChanged);
  const actions = conflict ? (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      <PrimaryButton disabled={busy} onClick={onApplyMine} data-testid="conflict-apply-mine">{s.ConflictApplyMine}</PrimaryButton>
      <DefaultButton disabled={busy} onClick={onKeepTheirs} data-testid="conflict-keep-theirs">{s.ConflictKeepTheirs}</DefaultButton>
    </div>
  ) : undefined;
  return (
    <div ref={ref} tabIndex={-1} className={focusable} data-testid={testId} data-kind={notice.kind}>
      <MessageBar messageBarType={conflict ? MessageBarType.warning : MessageBarType.info} isMultiline actions={actions}>
        {sentences.map((t, i) => <span key={i} className={line}>{t}</span>)}
        <span className={line}>{conflict ? s.ConflictNotApplied : notice.changes.length > 0 ? s.AlreadySoNote : s.AlreadySoNothing}</span>
      </MessageBar>
    </div>
  );
};

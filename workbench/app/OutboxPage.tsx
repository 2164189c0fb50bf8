/** What the suite would have sent by mail or Teams, kept by the local tenant instead. */
import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { OutboxEntry, clearOutbox, fetchOutbox } from './local';

export const OutboxPage: React.FC<{ strings: IWorkbenchStrings; locale: string }> = ({ strings, locale }) => {
  const theme = useTheme();
  const [entries, setEntries] = React.useState<OutboxEntry[] | null>(null);
  const load = React.useCallback(() => { fetchOutbox().then(setEntries, () => setEntries([])); }, []);
  React.useEffect(load, [load]);
  const styles = mergeStyleSets({
    main: { maxWidth: 960, margin: '0 auto', padding: '16px 24px' },
    item: { borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`, padding: '8px 0' },
    meta: { color: theme.semanticColors.bodySubtext, fontSize: 12 },
    body: { whiteSpace: 'pre-wrap', margin: '4px 0 0' }
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <main className={styles.main}>
      <h1>{strings.OutboxTitle}</h1>
      <DefaultButton onClick={() => { clearOutbox().then(load, load); }} disabled={!entries || entries.length === 0}>{strings.OutboxClear}</DefaultButton>
      {entries && entries.length === 0 && <p>{strings.OutboxEmpty}</p>}
      {entries && entries.map(e => (
        <article key={e.id} className={styles.item}>
          <h2>{e.subject}</h2>
          <p className={styles.meta}>
            {e.kind === 'mail' ? strings.OutboxKindMail : strings.OutboxKindTeams} · {date.format(new Date(e.createdAt))} · {strings.OutboxTo}: {e.to.join(', ')}
          </p>
          {/* Shown as text: message bodies are never rendered as HTML here. */}
          <p className={styles.body}>{e.body}</p>
        </article>
      ))}
    </main>
  );
};

/** The stored versions of the policy, newest first, each restorable into the draft when it still validates. */
import * as React from 'react';
import { Spinner } from '@fluentui/react/lib/Spinner';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { format } from '../../core/format';
import type { PolicyVersion } from '../../services/settingsApi';
import type { HistoryState } from './useSettingsEditor';
import { formatDate, useSettingsStyles } from './settingsStyles';

export interface SettingsHistoryProps {
  history: HistoryState;
  /** The newest version is the policy in force (it comes from the list). */
  fromList: boolean;
  strings: ISuiteSettingsStrings;
  locale: string;
  onRetry(): void;
  onRestore(version: PolicyVersion): void;
}

export const SettingsHistory: React.FC<SettingsHistoryProps> = ({ history, fromList, strings: s, locale, onRetry, onRestore }) => {
  const styles = useSettingsStyles();
  const latestVersion = history.versions.length ? history.versions[0].versionLabel : null;
  return (
    <section aria-labelledby="suite-settings-history-title" data-testid="settings-history">
      <h3 className={styles.h3} id="suite-settings-history-title">{s.History}</h3>
      {history.loading && <Spinner label={s.HistoryLoading} />}
      {history.failed && (
        <MessageBar messageBarType={MessageBarType.error} actions={<DefaultButton onClick={onRetry}>{s.Retry}</DefaultButton>}>
          {s.HistoryFailed}
        </MessageBar>
      )}
      {!history.loading && !history.failed && history.versions.length === 0 && <p>{s.HistoryEmpty}</p>}
      {history.versions.length > 0 && (
        <table className={styles.table}>
          <thead>
            <tr>
              <th className={styles.cell} scope="col">{s.HistoryVersion}</th>
              <th className={styles.cell} scope="col">{s.HistoryAuthor}</th>
              <th className={styles.cell} scope="col">{s.HistoryTime}</th>
              <th className={styles.cell} scope="col">{s.HistoryActions}</th>
            </tr>
          </thead>
          <tbody>
            {history.versions.map(v => (
              <tr key={v.versionLabel} data-testid={`settings-history-${v.versionLabel}`}>
                <td className={styles.cell}>
                  {v.versionLabel}
                  {v.versionLabel === latestVersion && fromList && <> <span className={styles.badge}>{s.HistoryCurrent}</span></>}
                </td>
                <td className={styles.cell}>{v.modifiedBy}</td>
                <td className={styles.cell}>{formatDate(v.modified, locale)}</td>
                <td className={styles.cell}>
                  {v.policy ? (
                    <DefaultButton onClick={() => onRestore(v)} ariaLabel={format(s.RestoreLabel, v.versionLabel)} data-testid={`settings-restore-${v.versionLabel}`}>
                      {s.Restore}
                    </DefaultButton>
                  ) : (
                    <span data-testid={`settings-invalid-${v.versionLabel}`}>
                      <strong className={styles.invalid}>{s.RestoreInvalid}</strong>
                      <span className={styles.detail}>{format(s.RestoreInvalidDetail, v.versionLabel)}</span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};

/**
 * Export of the policy in force as JSON, and import of a JSON file into the draft (validated first:
 * a file the policy schema refuses lists its field errors and changes nothing).
 */
import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { format } from '../../core/format';
import { parsePolicyJson } from '../../core/policy';
import type { Policy } from '../../core/policy';
import { EXPORT_FILE_NAME, describePath, errorMessage, policyJson } from './policyForm';
import type { ImportResult } from './useSettingsEditor';
import { useSettingsStyles } from './settingsStyles';

export interface SettingsTransferProps {
  /** The policy in force: what is exported (never the draft). */
  policy: Policy;
  imported: ImportResult | null;
  strings: ISuiteSettingsStrings;
  locale: string;
  /** The file is about to be read. */
  onImportStart(): void;
  onImported(policy: Policy, fileName: string): void;
  onImportFailed(result: ImportResult): void;
}

function readFileText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

function download(text: string): void {
  const blob = new Blob([text], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = EXPORT_FILE_NAME;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  document.body.removeChild(a);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const SettingsTransfer: React.FC<SettingsTransferProps> = ({ policy, imported, strings: s, locale, onImportStart, onImported, onImportFailed }) => {
  const styles = useSettingsStyles();
  const importFile = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files && input.files[0];
    if (!file) return;
    // The same file can be picked again after a fix.
    input.value = '';
    onImportStart();
    let text: string;
    try {
      text = await readFileText(file);
    } catch {
      onImportFailed({ fileName: file.name, errors: [] });
      return;
    }
    const result = parsePolicyJson(text);
    if (!result.ok) onImportFailed({ fileName: file.name, errors: result.errors });
    else onImported(result.policy, file.name);
  };
  return (
    <section aria-labelledby="suite-settings-transfer-title">
      <h3 className={styles.h3} id="suite-settings-transfer-title">{s.ExportImport}</h3>
      <div className={styles.actions}>
        <DefaultButton iconProps={{ iconName: 'Download' }} onClick={() => download(policyJson(policy))} data-testid="settings-export">{s.Export}</DefaultButton>
      </div>
      <div>
        <label htmlFor="suite-settings-import">{s.ImportLabel}</label>
        <p className={styles.sub} id="suite-settings-import-help">{s.ImportHelp}</p>
        <input
          id="suite-settings-import"
          type="file"
          accept=".json,application/json"
          aria-describedby="suite-settings-import-help"
          data-testid="settings-import"
          onChange={e => { importFile(e.currentTarget).catch(() => undefined); }}
        />
      </div>
      {imported && (
        <div className={styles.summary} role="alert" data-testid="settings-import-errors">
          <p className={styles.summaryTitle}>{imported.errors && imported.errors.length ? format(s.ImportInvalid, imported.fileName) : s.ImportUnreadable}</p>
          {imported.errors && imported.errors.length > 0 && (
            <ul className={styles.list}>
              {imported.errors.map(e => (
                <li key={e.path}>{`${describePath(e.path, s)}${s.Separator}${errorMessage(e, s, locale)}`}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
};

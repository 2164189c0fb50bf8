/** What saving the draft would change, with Save and Back to editing. */
import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { format } from '../../core/format';
import type { PolicyChange } from '../../core/policy';
import { describePath, describeValue } from './policyForm';
import { useSettingsStyles } from './settingsStyles';

export interface SettingsReviewProps {
  changes: PolicyChange[];
  canSave: boolean;
  saving: boolean;
  strings: ISuiteSettingsStrings;
  locale: string;
  onSave(): void;
  onBack(): void;
}

function describeChange(change: PolicyChange, s: ISuiteSettingsStrings, locale: string): string {
  if (change.kind === 'added') return describeValue(change.after, s, locale);
  if (change.kind === 'removed') return describeValue(change.before, s, locale);
  return format(s.ChangeBeforeAfter, describeValue(change.before, s, locale), describeValue(change.after, s, locale));
}

export const SettingsReview: React.FC<SettingsReviewProps> = ({ changes, canSave, saving, strings: s, locale, onSave, onBack }) => {
  const styles = useSettingsStyles();
  const heading = React.useRef<HTMLHeadingElement>(null);
  // The review takes the focus when it opens, so a keyboard or screen reader user lands on it.
  React.useEffect(() => { heading.current?.focus(); }, []);
  return (
    <div data-testid="settings-review-panel">
      <h3 className={styles.h3} ref={heading} tabIndex={-1}>{s.ReviewTitle}</h3>
      {changes.length === 0 ? (
        <p>{s.ReviewNoChanges}</p>
      ) : (
        <>
          <p>{s.ReviewIntro}</p>
          <ul className={styles.list} data-testid="settings-changes">
            {changes.map(change => (
              <li key={`${change.kind}:${change.path}`} className={styles.change}>
                <span className={styles.changeKind}>
                  {change.kind === 'added' ? s.ChangeAdded : change.kind === 'removed' ? s.ChangeRemoved : s.ChangeChanged}
                </span>
                {` · ${describePath(change.path, s)}${s.Separator}`}
                {describeChange(change, s, locale)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className={styles.actions}>
        <PrimaryButton onClick={onSave} disabled={!canSave || changes.length === 0 || saving} data-testid="settings-save">
          {saving ? s.Saving : s.Save}
        </PrimaryButton>
        <DefaultButton onClick={onBack} data-testid="settings-review-back">{s.BackToEditing}</DefaultButton>
      </div>
    </div>
  );
};

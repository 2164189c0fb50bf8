import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { DefaultButton } from '@fluentui/react/lib/Button';
import type { SuiteError } from '../services/errors';
import { format } from '../core/format';
import { useStrings } from './i18n';

/** A localized explanation of a failed load or save, with a retry button when retrying can help. */
export const ErrorNotice: React.FC<{ error: SuiteError; onRetry?: () => void }> = ({ error, onRetry }) => {
  const strings = useStrings();
  let text: string;
  switch (error.kind) {
    case 'throttled': text = format(strings.ErrorThrottled, error.retryAfterSeconds ?? 5); break;
    case 'offline': text = strings.ErrorOffline; break;
    case 'forbidden': text = strings.ErrorForbidden; break;
    case 'notFound': text = strings.ErrorNotFound; break;
    default: text = strings.ErrorGeneric;
  }
  const canRetry = !!onRetry && error.kind !== 'forbidden' && error.kind !== 'notFound';
  return (
    <MessageBar
      messageBarType={error.kind === 'forbidden' ? MessageBarType.blocked : MessageBarType.error}
      isMultiline
      actions={canRetry ? <DefaultButton onClick={onRetry}>{strings.Retry}</DefaultButton> : undefined}
    >
      {text}
    </MessageBar>
  );
};

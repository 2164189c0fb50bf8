/**
 * Strings reach views through context, so one view serves every host: SPFx shells pass the
 * `SuiteStrings` resource SharePoint loaded for the page's language; the workbench passes the
 * file of the language picked in its switch.
 */
import * as React from 'react';

export interface I18n {
  strings: ISuiteStrings;
  locale: string;
}

export const I18nContext = React.createContext<I18n | null>(null);

export function useI18n(): I18n {
  const value = React.useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <SuiteRoot>.');
  return value;
}

export function useStrings(): ISuiteStrings {
  return useI18n().strings;
}

/**
 * The root every shell renders: theme, strings and services for the views below it.
 */
import * as React from 'react';
import { ThemeProvider } from '@fluentui/react/lib/Theme';
import type { SuiteContext } from '../services/context';
import { I18nContext } from './i18n';
import { HostTheme, toFluentTheme } from './theme';

export const ServicesContext = React.createContext<SuiteContext | null>(null);

export function useSuiteContext(): SuiteContext {
  const value = React.useContext(ServicesContext);
  if (!value) throw new Error('useSuiteContext must be used inside <SuiteRoot>.');
  return value;
}

export interface SuiteRootProps {
  context: SuiteContext;
  strings: ISuiteStrings;
  theme: HostTheme;
  children?: React.ReactNode;
}

export const SuiteRoot: React.FC<SuiteRootProps> = ({ context, strings, theme, children }) => {
  const fluentTheme = React.useMemo(() => toFluentTheme(theme), [theme]);
  const i18n = React.useMemo(() => ({ strings, locale: context.locale }), [strings, context.locale]);
  return (
    <ServicesContext.Provider value={context}>
      <I18nContext.Provider value={i18n}>
        <ThemeProvider theme={fluentTheme} lang={context.locale}>
          {children}
        </ThemeProvider>
      </I18nContext.Provider>
    </ServicesContext.Provider>
  );
};

/**
 * The workbench's own chrome: who is signed in, which language, and where to go.
 * Changing user or language sets a cookie and reloads, as signing in again would.
 */
import * as React from 'react';
import { Dropdown, IDropdownOption } from '@fluentui/react/lib/Dropdown';
import { Link } from '@fluentui/react/lib/Link';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { Persona, SUPPORTED_LOCALES, fetchPersonas, readCookie, signInAs, writeCookie } from './local';

const LANGUAGE_NAMES: Record<string, string> = { 'en-US': 'English', 'fr-FR': 'Français' };

export interface WorkbenchBarProps {
  strings: IWorkbenchStrings;
  locale: string;
  page: 'home' | 'admin' | 'relay' | 'dashboard' | 'communities' | 'teams' | 'outbox';
  children?: React.ReactNode;
}

export const WorkbenchBar: React.FC<WorkbenchBarProps> = ({ strings, locale, page, children }) => {
  const theme = useTheme();
  const [personas, setPersonas] = React.useState<Persona[]>([]);
  const user = readCookie('local-user');
  React.useEffect(() => {
    fetchPersonas().then(setPersonas, () => setPersonas([]));
  }, []);
  const lang = locale.split('-')[0] === 'fr' ? 'fr' : 'en';
  const userOptions: IDropdownOption[] = personas.map(p => ({
    key: p.upn,
    text: `${p.displayName} — ${p.description[lang]}`
  }));
  if (user && !personas.some(p => p.upn.toLowerCase() === user.toLowerCase()) && personas.length > 0) {
    userOptions.unshift({ key: user, text: user });
  }
  const styles = mergeStyleSets({
    bar: {
      display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: 16, padding: '8px 16px',
      background: theme.semanticColors.bodyBackground, color: theme.semanticColors.bodyText,
      borderBottom: `1px solid ${theme.semanticColors.bodyDivider}`
    },
    brand: { fontWeight: 600, alignSelf: 'center', margin: 0, fontSize: 16 },
    nav: { display: 'flex', gap: 12, alignSelf: 'center' },
    current: { fontWeight: 600, textDecoration: 'underline' },
    user: { minWidth: 260, maxWidth: 420 },
    lang: { minWidth: 140 }
  });
  const link = (href: string, label: string, isCurrent: boolean): JSX.Element => (
    <Link href={href} className={isCurrent ? styles.current : undefined} aria-current={isCurrent ? 'page' : undefined}>{label}</Link>
  );
  return (
    <header className={styles.bar} data-testid="workbench-bar">
      <p className={styles.brand}>{strings.WorkbenchName}</p>
      <nav className={styles.nav} aria-label={strings.MainNavigation}>
        {link('/', strings.Home, page === 'home')}
        {link('/admin', strings.Admin, page === 'admin')}
        {link('/relay', strings.RelayPage, page === 'relay')}
        {link('/dashboard', strings.DashboardPage, page === 'dashboard')}
        {link('/communities', strings.CommunitiesPage, page === 'communities')}
        {link('/teams', strings.TeamsHost, page === 'teams')}
        {link('/outbox', strings.Outbox, page === 'outbox')}
      </nav>
      <Dropdown
        className={styles.user}
        label={strings.SignedInAs}
        placeholder={strings.NotSignedIn}
        options={userOptions}
        selectedKey={user || undefined}
        onChange={(_e, option) => {
          if (option) signInAs(String(option.key));
        }}
        data-testid="user-switch"
      />
      <Dropdown
        className={styles.lang}
        label={strings.Language}
        options={SUPPORTED_LOCALES.map(l => ({ key: l, text: LANGUAGE_NAMES[l] }))}
        selectedKey={locale}
        onChange={(_e, option) => {
          if (!option) return;
          writeCookie('local-locale', String(option.key));
          window.location.reload();
        }}
        data-testid="language-switch"
      />
      {children}
    </header>
  );
};

/**
 * Says whom to sign in as on the pages that show little to the default demo user (a plain
 * employee): the dashboard is the management role's and the communications team's, the
 * administration page the tenant administrator's, the relay page the frontline agent's. One button
 * per persona signs in as them, through the user switch's own cookie.
 */
import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { format } from '../../core/format';
import { Persona, fetchPersonas, readCookie, signInAs } from './local';

export type HintedPage = 'admin' | 'relay' | 'dashboard';

/** The demo personas (roles of workbench/tenant/seed/personas.ts) each page is made for. */
export const PAGE_PERSONAS: Record<HintedPage, readonly string[]> = {
  dashboard: ['manager', 'communications-officer'],
  admin: ['tenant-admin'],
  relay: ['frontline-agent']
};

export interface PageHintProps {
  strings: IWorkbenchStrings;
  locale: string;
  page: HintedPage;
  /** The signed-in demo user's UPN (the cookie by default). */
  user?: string | null;
  loadPersonas?: () => Promise<Persona[]>;
  signIn?: (upn: string) => void;
}

function hintText(page: HintedPage, s: IWorkbenchStrings): string {
  switch (page) {
    case 'dashboard': return s.HintDashboard;
    case 'admin': return s.HintAdmin;
    default: return s.HintRelay;
  }
}

const styles = mergeStyleSets({
  bar: { maxWidth: 1200, margin: '8px auto 0', padding: '0 24px', boxSizing: 'border-box' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8 }
});

export const PageHint: React.FC<PageHintProps> = ({ strings, locale, page, user, loadPersonas = fetchPersonas, signIn = signInAs }) => {
  const [personas, setPersonas] = React.useState<Persona[] | null>(null);
  React.useEffect(() => {
    let live = true;
    loadPersonas().then(p => { if (live) setPersonas(p); }, () => { if (live) setPersonas([]); });
    return () => { live = false; };
  }, [loadPersonas]);
  const signedIn = (user === undefined ? readCookie('local-user') : user) || '';
  const roles = PAGE_PERSONAS[page];
  const suggested = (personas || []).filter(p => roles.indexOf(p.role) >= 0)
    .sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
  // Already one of the people the page is for, or nobody to suggest: nothing to say.
  if (!suggested.length || suggested.some(p => p.upn.toLowerCase() === signedIn.toLowerCase())) return null;
  const lang = locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  return (
    <div className={styles.bar}>
      <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="page-hint">
        <span>{hintText(page, strings)}</span>
        <div className={styles.actions}>
          {suggested.map(p => (
            <DefaultButton
              key={p.upn}
              onClick={() => signIn(p.upn)}
              data-testid={`page-hint-${p.role}`}
            >
              {format(strings.HintSignInAs, p.displayName, p.jobTitle ? p.jobTitle[lang] : p.role)}
            </DefaultButton>
          ))}
        </div>
      </MessageBar>
    </div>
  );
};

import * as React from 'react';
import { render, screen, fireEvent, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { PageHint } from '../../workbench/app/PageHint';
import type { Persona } from '../../workbench/app/local';
import { PERSONAS, personaByRole } from '../../workbench/tenant/seed/personas';
import en from '../../workbench/app/loc/en-us.js';
import fr from '../../workbench/app/loc/fr-fr.js';

/** What GET /_local/personas answers. */
const personas: Persona[] = PERSONAS.map(p => ({ upn: p.upn, displayName: p.displayName, role: p.role, jobTitle: p.jobTitle, description: p.description }));
const employee = personaByRole('employee').upn;

function renderHint(page: 'admin' | 'relay' | 'dashboard', user: string | null, strings = en as IWorkbenchStrings, locale = 'en-US') {
  const signIn = jest.fn();
  const utils = render(<PageHint strings={strings} locale={locale} page={page} user={user} loadPersonas={async () => personas} signIn={signIn} />);
  return { signIn, ...utils };
}

describe('PageHint (whom to sign in as on the workbench pages)', () => {
  it('tells the default demo user on /dashboard to sign in as the manager or the communications officer, in one click', async () => {
    const { signIn } = renderHint('dashboard', employee);
    const hint = await screen.findByTestId('page-hint');
    // Fluent's MessageBar renders its text a tick later (for screen readers).
    await waitFor(() => expect(hint).toHaveTextContent('management role and the communications team'));
    expect(screen.getByTestId('page-hint-manager')).toHaveTextContent('Sign in as Marc-André Gagnon (Customer service team manager)');
    expect(screen.getByTestId('page-hint-communications-officer')).toHaveTextContent('Sign in as Chloé Bergeron');
    fireEvent.click(screen.getByTestId('page-hint-manager'));
    expect(signIn).toHaveBeenCalledWith(personaByRole('manager').upn);
  });

  it('on /admin, in French, offers the tenant administrator David Chen', async () => {
    const { signIn } = renderHint('admin', employee, fr as IWorkbenchStrings, 'fr-FR');
    const hint = await screen.findByTestId('page-hint');
    await waitFor(() => expect(hint).toHaveTextContent('lecture seule'));
    const button = screen.getByTestId('page-hint-tenant-admin');
    expect(button).toHaveTextContent('Se connecter en tant que David Chen (Administrateur Microsoft 365)');
    expect(screen.queryByTestId('page-hint-manager')).toBeNull();
    fireEvent.click(button);
    expect(signIn).toHaveBeenCalledWith(personaByRole('tenant-admin').upn);
  });

  it('on /relay offers the frontline agent, and says nothing once she is signed in', async () => {
    const first = renderHint('relay', employee);
    expect(await screen.findByTestId('page-hint-frontline-agent')).toHaveTextContent('Émilie Tremblay');
    first.unmount();
    const loaded = jest.fn(async () => personas);
    render(<PageHint strings={en as IWorkbenchStrings} locale="en-US" page="relay" user={personaByRole('frontline-agent').upn.toUpperCase()} loadPersonas={loaded} signIn={jest.fn()} />);
    await waitFor(() => expect(loaded).toHaveBeenCalled());
    await Promise.resolve();
    expect(screen.queryByTestId('page-hint')).toBeNull();
  });

  it('is reached by keyboard and has no serious or critical axe violation', async () => {
    HTMLCanvasElement.prototype.getContext = jest.fn(() => null) as unknown as typeof HTMLCanvasElement.prototype.getContext;
    const { container } = renderHint('dashboard', null);
    const button = await screen.findByTestId('page-hint-manager');
    expect(button.tagName).toBe('BUTTON');
    button.focus();
    expect(document.activeElement).toBe(button);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    expect(result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)).toEqual([]);
  });
});

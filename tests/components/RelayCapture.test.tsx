import * as React from 'react';
import { render, screen, fireEvent, waitFor, within } from '@testing-library/react';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { RelayForm } from '../../ui/relay/capture/RelayForm';
import { draftKey } from '../../ui/relay/capture/draftStore';
import type { RelayViewApi } from '../../ui/relay/relayApi';
import type { SuiteContext } from '../../services/context';
import { RelayError, SubmitProgress, TriageCandidate } from '../../services/relay/api';
import type { Relay, RelaySubmission } from '../../core/relay/model';
import type { FeedbackPolicy } from '../../core/policy/types';
import { defaultPolicy } from '../../core/policy';
import suiteEn from '../../ui/loc/en-us.js';
import suiteFr from '../../ui/loc/fr-fr.js';
import captureEn from '../../ui/relay/capture/loc/en-us.js';
import captureFr from '../../ui/relay/capture/loc/fr-fr.js';

const ME = 'emilie.tremblay@northwind-retail.example';
const SITE = 'http://localhost/sites/intranet';
const KEY = draftKey(SITE, ME);
const PHONE = '+1 418 555 0199';
const CARD = '4111 1111 1111 1111';

interface Fake extends RelayViewApi {
  submissions: RelaySubmission[];
  triages: Array<{ text: string; category: string; product: string }>;
  /** Errors thrown by the next submits, in order. */
  failures: unknown[];
  candidates: TriageCandidate[];
  /** Runs inside each submit before it answers (an outage: tells the form it is retrying, then waits). */
  hold?: (progress?: SubmitProgress) => Promise<void>;
}

function fakeApi(policy: FeedbackPolicy = defaultPolicy().feedback): Fake {
  const fake: Fake = {
    me: ME,
    siteUrl: SITE,
    submissions: [],
    triages: [],
    failures: [],
    candidates: [],
    feedbackPolicy: async () => policy,
    async submit(submission, progress) {
      fake.submissions.push(JSON.parse(JSON.stringify(submission)));
      if (fake.hold) await fake.hold(progress);
      const failure = fake.failures.shift();
      if (failure) throw failure;
      return { ...submission, id: 7, relayerUpn: ME, created: '2026-11-23T15:00:00Z', insightId: null, ingestState: 'pending', dayKey: '' } as Relay;
    },
    async triage(query) {
      fake.triages.push(query);
      return fake.candidates;
    },
    async myRelays() {
      return { items: [], next: null };
    }
  };
  return fake;
}

let counter = 0;
/** Deterministic but distinct random bytes per call. */
const bytes = (n: number): Uint8Array => {
  counter++;
  return Uint8Array.from({ length: n }, (_v, i) => (i * 17 + counter * 31) % 256);
};

function renderForm(api: Fake, options: { french?: boolean; slowAfterMs?: number; autoRetryMs?: number } = {}) {
  const locale = options.french ? 'fr-FR' : 'en-US';
  const context = { graph: {}, sp: {}, siteUrl: SITE, locale } as unknown as SuiteContext;
  return render(
    <SuiteRoot context={context} strings={(options.french ? suiteFr : suiteEn) as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <RelayForm
        api={api}
        strings={(options.french ? captureFr : captureEn) as IRelayCaptureStrings}
        randomBytes={bytes}
        triageDelayMs={5}
        saveDelayMs={0}
        slowAfterMs={options.slowAfterMs}
        autoRetryMs={options.autoRetryMs}
      />
    </SuiteRoot>
  );
}

async function choose(label: RegExp, option: string): Promise<void> {
  fireEvent.click(screen.getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

function type(label: RegExp, value: string): void {
  fireEvent.change(screen.getByRole('textbox', { name: label }), { target: { value } });
}

async function fillRequired(words: string): Promise<void> {
  await choose(/Where the customer said it/, 'Phone');
  await choose(/Severity/, 'High');
  await choose(/What it is about/, 'Delivery and delivery windows');
  await choose(/Product or service/, 'Home delivery');
  type(/The customer’s own words/, words);
}

const stored = (): string => window.localStorage.getItem(KEY) || '';

describe('Relay capture form', () => {
  beforeEach(() => window.localStorage.clear());

  it('shows localized field errors at the fields and moves the focus to the first one (English)', async () => {
    const api = fakeApi();
    renderForm(api);
    fireEvent.click(await screen.findByRole('button', { name: 'Send the relay' }));
    expect(await screen.findByTestId('relay-error-summary')).toHaveTextContent('Some fields need your attention.');
    // channel, severity, category, product and the customer's words are required.
    expect(screen.getAllByText('This field is required.')).toHaveLength(5);
    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: /Where the customer said it/ }));
    expect(api.submissions).toHaveLength(0);
    // A promise date without a promise, and an impossible date.
    type(/Promise made to the customer/, '');
    fireEvent.change(screen.getByLabelText(/Promised by/), { target: { value: '2026-12-01' } });
    expect(await screen.findByText('Say what was promised, or clear the date.')).toBeInTheDocument();
  });

  it('keeps an over-long text whole and says how long it may be', async () => {
    renderForm(fakeApi());
    await screen.findByRole('button', { name: 'Send the relay' });
    const long = 'x'.repeat(4300);
    type(/The customer’s own words/, long);
    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    expect(await screen.findByText('At most 4000 characters.')).toBeInTheDocument();
    expect((screen.getByRole('textbox', { name: /The customer’s own words/ }) as HTMLTextAreaElement).value).toHaveLength(4300);
  });

  it('shows the same errors in French', async () => {
    const api = fakeApi();
    renderForm(api, { french: true });
    fireEvent.click(await screen.findByRole('button', { name: 'Envoyer le relais' }));
    await waitFor(() => expect(screen.getAllByText('Ce champ est obligatoire.')).toHaveLength(5));
    expect(screen.getByTestId('relay-error-summary')).toHaveTextContent('Certains champs demandent votre attention.');
    expect(screen.getByRole('combobox', { name: /Où le client l’a dit/ })).toHaveFocus();
    await choose(/Gravité/, 'Élevée');
    await waitFor(() => expect(screen.getAllByText('Ce champ est obligatoire.')).toHaveLength(4));
  });

  it('offers only active options, in the UI language, and "relay anonymously" only when the policy allows it', async () => {
    const policy = defaultPolicy().feedback;
    policy.channels = policy.channels.map(c => (c.key === 'mail' ? { ...c, active: false } : c));
    const { unmount } = renderForm(fakeApi(policy), { french: true });
    fireEvent.click(await screen.findByRole('combobox', { name: /Où le client l’a dit/ }));
    expect(await screen.findByRole('option', { name: 'Clavardage' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Courrier postal' })).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /anonymement/ })).toBeNull();
    unmount();
    renderForm(fakeApi({ ...policy, allowAnonymous: true }));
    expect(await screen.findByRole('checkbox', { name: 'Relay anonymously' })).toBeInTheDocument();
  });

  it('previews what redaction removes from each field, and the submission holds neither the phone nor the card', async () => {
    const api = fakeApi();
    renderForm(api);
    await screen.findByRole('button', { name: 'Send the relay' });
    await fillRequired(`Call me back at ${PHONE}, I paid with ${CARD} and the parcel never came.`);
    type(/Your observation/, 'Third late delivery this month on this route.');

    const preview = await screen.findByTestId('relay-redaction');
    expect(preview).toHaveTextContent('2 items will be removed.');
    const field = within(preview).getByTestId('relay-redaction-customerWords');
    expect(field).toHaveTextContent(`Removed (phone number): ${PHONE}`);
    expect(field).toHaveTextContent(`Removed (payment card): ${CARD}`);
    expect(within(field).getByTestId('relay-stored-customerWords')).toHaveTextContent('Call me back at [phone], I paid with [card] and the parcel never came.');
    expect(within(preview).queryByTestId('relay-redaction-observation')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    expect(await screen.findByText('Thank you, your relay was received.')).toBeInTheDocument();
    expect(api.submissions).toHaveLength(1);
    const sent = JSON.stringify(api.submissions[0]);
    expect(sent).not.toContain('418');
    expect(sent).not.toContain('4111');
    expect(api.submissions[0]).toMatchObject({
      channel: 'phone', severity: 'high', category: 'delivery', product: 'home-delivery', language: 'en',
      customerWords: 'Call me back at [phone], I paid with [card] and the parcel never came.',
      redactions: { phone: 1, paymentCard: 1 }, joinInsightId: null
    });
    // Confirmed by the server: the draft is gone.
    expect(window.localStorage.getItem(KEY)).toBeNull();
    expect(screen.getByText('You will be told the outcome.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Relay another' }));
    expect((await screen.findByRole('textbox', { name: /The customer’s own words/ }) as HTMLTextAreaElement).value).toBe('');
  });

  it('keeps the draft only redacted, per user and site, and restores it after a remount', async () => {
    const api = fakeApi();
    const first = renderForm(api);
    await screen.findByRole('button', { name: 'Send the relay' });
    await fillRequired(`Her number is ${PHONE} and her card ${CARD}.`);
    await waitFor(() => expect(stored()).toContain('[phone]'));
    expect(stored()).toContain('[card]');
    expect(stored()).not.toContain('418');
    expect(stored()).not.toContain('4111');
    // Nothing else in the browser's storage holds them either.
    for (let i = 0; i < window.localStorage.length; i++) {
      const value = window.localStorage.getItem(window.localStorage.key(i) as string) || '';
      expect(value).not.toContain('555 0199');
    }
    first.unmount();

    renderForm(api);
    expect(await screen.findByTestId('relay-restored')).toHaveTextContent('Your unsent draft was restored.');
    expect((screen.getByRole('textbox', { name: /The customer’s own words/ }) as HTMLTextAreaElement).value)
      .toBe('Her number is [phone] and her card [card].');
    expect(screen.getByRole('combobox', { name: /Where the customer said it/ })).toHaveTextContent('Phone');
    // Another user on the same browser does not get it.
    expect(window.localStorage.getItem(draftKey(SITE, 'olivia.smith@northwind-retail.example'))).toBeNull();
  });

  it('does not write a number still being typed (redaction cannot recognise it yet)', async () => {
    renderForm(fakeApi());
    await screen.findByRole('button', { name: 'Send the relay' });
    type(/The customer’s own words/, 'Call me back at +1 418 555');
    await waitFor(() => expect(stored()).toContain('Call me back at'));
    expect(stored()).not.toContain('418');
    type(/The customer’s own words/, `Call me back at ${PHONE} tomorrow`);
    await waitFor(() => expect(stored()).toContain('Call me back at [phone] tomorrow'));
    // An order number followed by more text is kept as typed.
    type(/The customer’s own words/, 'Order 2026-004512 arrived broken');
    await waitFor(() => expect(stored()).toContain('Order 2026-004512 arrived broken'));
  });

  it('keeps everything when a submit fails and retries with the same client id, even after a reload', async () => {
    const api = fakeApi();
    api.failures.push(new RelayError('unavailable', 'network'), new RelayError('unavailable', 'network'));
    const first = renderForm(api);
    await screen.findByRole('button', { name: 'Send the relay' });
    await fillRequired('The parcel never came and nobody called back.');
    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    expect(await screen.findByText(/Not sent yet: SharePoint is not answering\. Your relay is kept on this device/)).toBeInTheDocument();
    expect((screen.getByRole('textbox', { name: /The customer’s own words/ }) as HTMLTextAreaElement).value).toBe('The parcel never came and nobody called back.');
    const clientId = api.submissions[0].clientId;
    expect(clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    await waitFor(() => expect(JSON.parse(stored()).clientId).toBe(clientId));

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.submissions).toHaveLength(2));
    expect(await screen.findByTestId('relay-submit-error')).toBeInTheDocument();
    expect(api.submissions[1].clientId).toBe(clientId);
    first.unmount();

    // A reload: the draft and its client id come back, and the next attempt reuses the id.
    renderForm(api);
    await screen.findByTestId('relay-restored');
    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    expect(await screen.findByText('Thank you, your relay was received.')).toBeInTheDocument();
    expect(api.submissions.map(s => s.clientId)).toEqual([clientId, clientId, clientId]);
    expect(window.localStorage.getItem(KEY)).toBeNull();
  });

  it('during an outage says at once that the relay is not sent yet, kept and still being tried, then tries again by itself', async () => {
    const api = fakeApi();
    let release: () => void = () => undefined;
    // The service's first attempt failed and it is waiting to try again.
    api.hold = progress => {
      if (progress && progress.onRetrying) progress.onRetrying(1);
      return new Promise<void>(resolve => { release = resolve; });
    };
    api.failures.push(new RelayError('unavailable', 'down'));
    renderForm(api, { autoRetryMs: 50, slowAfterMs: 60000 });
    await screen.findByRole('button', { name: 'Send the relay' });
    await fillRequired('The parcel never came and nobody called back.');
    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    const trying = await screen.findByTestId('relay-still-trying');
    await waitFor(() => expect(trying.textContent).toMatch(/Not sent yet: SharePoint is not answering\. Your relay is kept on this device; still trying/));
    expect(JSON.parse(stored()).draft.customerWords).toBe('The parcel never came and nobody called back.');

    // The service gives up: the form says so, keeps the draft, and sends it again by itself.
    api.hold = undefined;
    release();
    const error = await screen.findByTestId('relay-submit-error');
    await waitFor(() => expect(error.textContent).toMatch(/will be sent again automatically/));
    expect(await screen.findByText('Thank you, your relay was received.')).toBeInTheDocument();
    expect(api.submissions).toHaveLength(2);
    expect(api.submissions[1].clientId).toBe(api.submissions[0].clientId);
  });

  it('says "not sent yet" when a submit takes long without an answer (French)', async () => {
    const api = fakeApi();
    api.hold = () => new Promise<void>(() => undefined);
    renderForm(api, { french: true, slowAfterMs: 20 });
    await screen.findByRole('button', { name: 'Envoyer le relais' });
    await choose(/Où le client l’a dit/, 'Téléphone');
    await choose(/Gravité/, 'Élevée');
    await choose(/Sujet/, 'Livraison et plages de livraison');
    await choose(/Produit ou service/, 'Livraison à domicile');
    type(/Les mots du client/, 'Le colis n’est jamais arrivé et personne n’a rappelé.');
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le relais' }));
    const trying = await screen.findByTestId('relay-still-trying');
    await waitFor(() => expect(trying.textContent).toMatch(/Pas encore envoyé : SharePoint ne répond pas\. Votre relais est conservé sur cet appareil/));
  });

  it('says why the server refused, in French, and points at the field it refused', async () => {
    const api = fakeApi();
    api.failures.push(new RelayError('invalid', 'bad product', ['product']));
    renderForm(api, { french: true });
    await screen.findByRole('button', { name: 'Envoyer le relais' });
    await choose(/Où le client l’a dit/, 'Téléphone');
    await choose(/Gravité/, 'Élevée');
    await choose(/Sujet/, 'Livraison et plages de livraison');
    await choose(/Produit ou service/, 'Livraison à domicile');
    type(/Les mots du client/, 'Le colis n’est jamais arrivé.');
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le relais' }));
    expect(await screen.findByText(/Le relais a été refusé/)).toBeInTheDocument();
    expect(screen.getByText('Choisissez l’une des options proposées.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('combobox', { name: /Produit ou service/ })).toHaveFocus());
  });

  it('suggests a similar insight while typing (asked with the redacted words), shows its answer, and joins it', async () => {
    const api = fakeApi();
    api.candidates = [
      { insight: { id: 3, title: 'Parcel left at the wrong door', category: 'delivery', product: 'home-delivery', reach: 2, status: 'new', response: '', lastSeen: '' }, score: 0.41 },
      {
        insight: {
          id: 42, title: 'Late deliveries in Lévis', category: 'delivery', product: 'home-delivery', reach: 14, status: 'inProgress',
          response: 'A second truck serves Lévis from Monday.', lastSeen: ''
        },
        score: 0.83
      }
    ];
    renderForm(api);
    await screen.findByRole('button', { name: 'Send the relay' });
    type(/The customer’s own words/, `Late again! Call ${PHONE}.`);
    // Not before category and product are chosen.
    await new Promise(r => setTimeout(r, 30));
    expect(api.triages).toHaveLength(0);
    await choose(/Where the customer said it/, 'Phone');
    await choose(/Severity/, 'Normal');
    await choose(/What it is about/, 'Delivery and delivery windows');
    await choose(/Product or service/, 'Home delivery');

    const triage = screen.getByTestId('relay-triage');
    expect(triage).toHaveAttribute('aria-live', 'polite');
    await within(triage).findByText('This looks like: Late deliveries in Lévis — relayed 14 times');
    expect(within(triage).getByTestId('relay-triage-answer')).toHaveTextContent('Already answered: A second truck serves Lévis from Monday.');
    expect(api.triages[api.triages.length - 1]).toEqual({ text: 'Late again! Call [phone].', category: 'delivery', product: 'home-delivery' });
    expect(JSON.stringify(api.triages)).not.toContain('418');

    fireEvent.click(within(triage).getByRole('button', { name: 'This is the same problem' }));
    expect(await within(triage).findByText('Your relay will be added to “Late deliveries in Lévis”. It still counts.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    await screen.findByText('Thank you, your relay was received.');
    expect(api.submissions[0].joinInsightId).toBe(42);
  });

  it('shows an answered community question in the same live region, and the relay is still sent', async () => {
    const api = fakeApi();
    const asked: Array<{ text: string; category: string; product: string }> = [];
    const withAnswers: Fake = Object.assign(api, {
      async answers(query: { text: string; category: string; product: string }) {
        asked.push(query);
        return [
          { id: 5, title: 'Parcel left outside in the rain', answer: 'Ask the driver to ring.', answeredBy: null, score: 0.3 },
          { id: 1, title: 'Delivery missed the booked window', answer: 'Book a new window and add a delivery credit.', answeredBy: 'karim.benali@northwind-retail.example', score: 0.6 }
        ];
      }
    });
    renderForm(withAnswers);
    await screen.findByRole('button', { name: 'Send the relay' });
    await choose(/Where the customer said it/, 'Phone');
    await choose(/Severity/, 'Normal');
    await choose(/What it is about/, 'Delivery and delivery windows');
    await choose(/Product or service/, 'Home delivery');
    type(/The customer’s own words/, `Nobody came in my delivery window. Call ${PHONE}.`);

    const triage = screen.getByTestId('relay-triage');
    expect(triage).toHaveAttribute('aria-live', 'polite');
    const answer = await within(triage).findByTestId('relay-community-answer');
    expect(answer).toHaveTextContent('Already answered in the community: Delivery missed the booked window — Book a new window and add a delivery credit.');
    expect(answer).toHaveAttribute('aria-label', 'Answer from the community');
    expect(asked[asked.length - 1]).toEqual({ text: 'Nobody came in my delivery window. Call [phone].', category: 'delivery', product: 'home-delivery' });

    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    await screen.findByText('Thank you, your relay was received.');
    expect(api.submissions).toHaveLength(1);
    expect(api.submissions[0].customerWords).toBe('Nobody came in my delivery window. Call [phone].');
    expect(api.submissions[0].joinInsightId).toBeNull();
  });
  it('suggests a name and an address: Remove writes the token into the draft and moves to the next, Keep sends it as written', async () => {
    const api = fakeApi();
    renderForm(api);
    await screen.findByRole('button', { name: 'Send the relay' });
    await fillRequired('Mme Gagnon says the parcel for 12 rue de la Roquette, 75011 Paris was left outside. Call 06 12 34 56 78.');
    type(/Your observation/, 'Mr. Dubois on the same street had the same problem.');

    const preview = await screen.findByTestId('relay-redaction');
    expect(preview).toHaveTextContent('1 item will be removed.');
    expect(preview).toHaveTextContent('3 things look like a customer’s name or address');
    const words = within(preview).getByTestId('relay-suggestions-customerWords');
    expect(within(words).getAllByTestId('relay-suggestion').map(li => li.getAttribute('data-kind'))).toEqual(['name', 'address']);
    // highlighted where they stand in the text to be stored
    const marks = within(preview).getByTestId('relay-stored-customerWords').querySelectorAll('mark');
    expect(Array.from(marks, m => m.textContent)).toEqual(['Gagnon', '12 rue de la Roquette, 75011 Paris']);

    // Remove the name: the draft itself changes, the focus goes to the next suggestion's Remove.
    fireEvent.click(within(words).getByRole('button', { name: 'Remove “Gagnon”' }));
    const field = screen.getByRole('textbox', { name: /The customer’s own words/ }) as HTMLTextAreaElement;
    expect(field.value).toBe('Mme [name] says the parcel for 12 rue de la Roquette, 75011 Paris was left outside. Call 06 12 34 56 78.');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove “12 rue de la Roquette, 75011 Paris”' })));
    expect(screen.getByTestId('relay-suggestion-notice')).toHaveTextContent('“Gagnon” removed from the text.');
    // one key: Enter on the focused button removes the address
    fireEvent.click(document.activeElement as HTMLElement);
    expect(field.value).toBe('Mme [name] says the parcel for [address] was left outside. Call 06 12 34 56 78.');
    // Keep the observation's name: no longer offered, sent as written.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove “Dubois”' })));
    fireEvent.click(screen.getByRole('button', { name: 'Keep “Dubois” as written' }));
    expect(screen.queryAllByTestId('relay-suggestion')).toEqual([]);
    expect(screen.getByTestId('relay-redaction')).not.toHaveTextContent('look like a customer’s name');

    fireEvent.click(screen.getByRole('button', { name: 'Send the relay' }));
    expect(await screen.findByText('Thank you, your relay was received.')).toBeInTheDocument();
    expect(api.submissions[0]).toMatchObject({
      customerWords: 'Mme [name] says the parcel for [address] was left outside. Call [phone].',
      observation: 'Mr. Dubois on the same street had the same problem.',
      redactions: { phone: 1 }
    });
  });

  it('offers the suggestions in French, with French plurals', async () => {
    renderForm(fakeApi(), { french: true });
    await screen.findByRole('button', { name: 'Envoyer le relais' });
    fireEvent.change(screen.getByRole('textbox', { name: /Les mots du client/ }), { target: { value: 'Je m’appelle Gaétan Bélanger, j’habite Avenue de la Gare 12, 1003 Lausanne.' } });
    const preview = await screen.findByTestId('relay-redaction');
    expect(preview).toHaveTextContent('2 éléments ressemblent au nom ou à l’adresse d’un client');
    expect(preview).toHaveTextContent('Ressemble au nom d’un client : Gaétan Bélanger');
    expect(preview).toHaveTextContent('Ressemble à une adresse : Avenue de la Gare 12, 1003 Lausanne');
    fireEvent.click(screen.getByRole('button', { name: 'Garder « Gaétan Bélanger » tel quel' }));
    expect(preview).toHaveTextContent('1 élément ressemble au nom ou à l’adresse d’un client');
    fireEvent.click(screen.getByRole('button', { name: 'Retirer « Avenue de la Gare 12, 1003 Lausanne »' }));
    expect((screen.getByRole('textbox', { name: /Les mots du client/ }) as HTMLTextAreaElement).value)
      .toBe('Je m’appelle Gaétan Bélanger, j’habite [address].');
  });
});

/**
 * The feature gate decides at once from the policy last known on the device, so the feature's view
 * mounts and starts its own requests while the policy is read; the fresh policy then decides.
 */
import * as React from 'react';
import { act, render, screen, waitFor } from '@testing-library/react';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { FeatureGate } from '../../ui/FeatureGate';
import type { SuiteContext } from '../../services/context';
import { clearSettingsPageCache } from '../../services/settings';
import { defaultPolicy } from '../../core/policy';
import type { Policy } from '../../core/policy/types';
import suiteEn from '../../ui/loc/en-us.js';

const SITE = 'http://localhost/sites/gate';

interface Deferred<T> { promise: Promise<T>; resolve: (value: T) => void }
function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>(r => { resolve = r; });
  return { promise, resolve };
}

/** PnPjs as the settings service uses it: the policy item read answers when the test says so. */
function fakeContext(policyRead: Promise<unknown[]>, log: string[]): SuiteContext {
  const items = {
    select: () => ({ expand: () => ({ filter: () => ({ orderBy: () => ({ top: () => () => { log.push('policy'); return policyRead; } }) }) }) })
  };
  const web = {
    lists: { getByTitle: () => ({ items }) },
    currentUser: { groups: { select: () => () => { log.push('groups'); return Promise.resolve([]); } } }
  };
  const graph = { api: () => ({ post: () => { log.push('memberOf'); return Promise.resolve({ value: [] }); } }) };
  return { sp: { web }, graph, siteUrl: SITE, locale: 'en-US' } as unknown as SuiteContext;
}

function storedItem(policy: Policy): unknown[] {
  return [{ Id: 1, Modified: '2026-11-01T00:00:00Z', PolicyJson: JSON.stringify(policy), 'odata.etag': '"2"' }];
}

/** A feature's view that records when it starts loading its data. */
const View: React.FC<{ log: string[] }> = ({ log }) => {
  React.useEffect(() => { log.push('view data'); }, [log]);
  return <p data-testid="feature-view">The feature</p>;
};

function renderGate(ctx: SuiteContext, log: string[]): void {
  render(
    <SuiteRoot context={ctx} strings={suiteEn as ISuiteStrings} theme={{ kind: 'sharepoint' }}>
      <FeatureGate feature="profiles"><View log={log} /></FeatureGate>
    </SuiteRoot>
  );
}

function off(policy: Policy): Policy {
  return { ...policy, features: { ...policy.features, profiles: { enabled: false, audience: { everyone: true } } } };
}

beforeEach(() => {
  clearSettingsPageCache();
  window.localStorage.clear();
});

test('the view starts its requests with the policy read when the cached policy allows it, and is hidden when the fresh one does not', async () => {
  window.localStorage.setItem(`social-intranet:policy:${SITE}`, JSON.stringify(defaultPolicy()));
  const read = deferred<unknown[]>();
  const log: string[] = [];
  renderGate(fakeContext(read.promise, log), log);

  // Before the policy answers: the view is there and has asked for its data.
  expect(screen.getByTestId('feature-view')).toBeInTheDocument();
  expect(log).toEqual(expect.arrayContaining(['policy', 'view data']));

  await act(async () => { read.resolve(storedItem(off(defaultPolicy()))); });
  await waitFor(() => expect(screen.queryByTestId('feature-view')).toBeNull());
  expect(screen.getByTestId('feature-off')).toHaveTextContent((suiteEn as ISuiteStrings).FeatureTurnedOff);
});

test('a feature off in the cached policy waits for the fresh one before showing anything', async () => {
  window.localStorage.setItem(`social-intranet:policy:${SITE}`, JSON.stringify(off(defaultPolicy())));
  const read = deferred<unknown[]>();
  const log: string[] = [];
  renderGate(fakeContext(read.promise, log), log);

  expect(screen.queryByTestId('feature-view')).toBeNull();
  expect(screen.queryByTestId('feature-off')).toBeNull();
  await act(async () => { read.resolve(storedItem(defaultPolicy())); });
  expect(await screen.findByTestId('feature-view')).toBeInTheDocument();
});

test('membership is asked at the same time as the policy, not after it', async () => {
  const read = deferred<unknown[]>();
  const log: string[] = [];
  renderGate(fakeContext(read.promise, log), log);
  expect(log).toEqual(expect.arrayContaining(['policy', 'groups', 'memberOf']));
  await act(async () => { read.resolve(storedItem(defaultPolicy())); });
  expect(await screen.findByTestId('feature-view')).toBeInTheDocument();
});

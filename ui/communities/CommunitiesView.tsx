/**
 * The Communities web part's view: the directory, a community, a thread. Where the person is goes
 * into the page's address (`?community=<key>`, `?thread=<id>`), so a reload, a shared link or the
 * browser's Back button lands on the same place; the focus moves to the new page's heading.
 */
import * as React from 'react';
import type { CommunitiesApi } from './communitiesApi';
import { Directory } from './Directory';
import { CommunityPage } from './CommunityPage';
import { ThreadPage } from './ThreadPage';

export type CommunitiesRoute = { view: 'directory' } | { view: 'community'; key: string } | { view: 'thread'; id: number };

export function routeOf(search: string): CommunitiesRoute {
  const params = new URLSearchParams(search);
  const thread = Number(params.get('thread'));
  if (Number.isInteger(thread) && thread > 0) return { view: 'thread', id: thread };
  const key = params.get('community');
  return key ? { view: 'community', key } : { view: 'directory' };
}

export function searchOf(route: CommunitiesRoute, current: string): string {
  const params = new URLSearchParams(current);
  params.delete('community');
  params.delete('thread');
  if (route.view === 'community') params.set('community', route.key);
  if (route.view === 'thread') params.set('thread', String(route.id));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export interface CommunitiesViewProps {
  api: CommunitiesApi;
  strings: ICommunitiesStrings;
  /** Where to start; the page's address by default. */
  initialRoute?: CommunitiesRoute;
  /** Whether moves are written into the page's address (off in tests and where the host owns it). */
  syncAddress?: boolean;
}

export const CommunitiesView: React.FC<CommunitiesViewProps> = ({ api, strings, initialRoute, syncAddress = true }) => {
  const [route, setRoute] = React.useState<CommunitiesRoute>(() => initialRoute || routeOf(window.location.search));
  React.useEffect(() => {
    if (!syncAddress) return undefined;
    const onPop = (): void => setRoute(routeOf(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [syncAddress]);
  const go = (next: CommunitiesRoute): void => {
    if (syncAddress) window.history.pushState(null, '', `${window.location.pathname}${searchOf(next, window.location.search)}`);
    setRoute(next);
  };
  return (
    <div data-testid="communities">
      {route.view === 'directory' && <Directory api={api} strings={strings} onOpen={key => go({ view: 'community', key })} />}
      {route.view === 'community' && (
        <CommunityPage key={route.key} api={api} strings={strings} communityKey={route.key}
          onBack={() => go({ view: 'directory' })} onOpenThread={id => go({ view: 'thread', id })} />
      )}
      {route.view === 'thread' && (
        <ThreadPage key={route.id} api={api} strings={strings} rootId={route.id}
          onBack={key => go(key ? { view: 'community', key } : { view: 'directory' })} />
      )}
    </div>
  );
};

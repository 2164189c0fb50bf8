/**
 * People's names for the relay's views: insights, timeline entries and relays store UPNs (identity
 * is what SharePoint and the directory agree on), but people read names. One directory request per
 * 15 people (Graph's limit of values in an `in` filter), kept for the page.
 */
import type { Client } from '@microsoft/microsoft-graph-client';

export interface PeopleNamesApi {
  /** Display names by lower-case UPN; people the directory does not know are left out. */
  displayNames(upns: readonly string[]): Promise<Map<string, string>>;
}

/** Graph accepts at most 15 values in an `in` filter ("Use the $filter query parameter"). */
const IN_FILTER_MAX = 15;

const quote = (v: string): string => `'${v.replace(/'/g, "''")}'`;

/** Names from Microsoft Graph (`GET /users?$filter=userPrincipalName in (...)`), cached per instance. */
export function graphPeopleNames(graph: Client): PeopleNamesApi {
  const known = new Map<string, Promise<string | null>>();
  const ask = async (chunk: string[]): Promise<Map<string, string>> => {
    const body = await graph.api('/users')
      .filter(`userPrincipalName in (${chunk.map(quote).join(',')})`)
      .select('displayName,userPrincipalName')
      .top(IN_FILTER_MAX)
      .get() as { value?: Array<{ displayName?: string; userPrincipalName?: string }> };
    const found = new Map<string, string>();
    for (const u of body.value || []) if (u.userPrincipalName && u.displayName) found.set(u.userPrincipalName.toLowerCase(), u.displayName);
    return found;
  };
  return {
    async displayNames(upns) {
      const wanted = Array.from(new Set(upns.map(u => u.trim().toLowerCase()).filter(Boolean)));
      const missing = wanted.filter(u => !known.has(u));
      for (let i = 0; i < missing.length; i += IN_FILTER_MAX) {
        const chunk = missing.slice(i, i + IN_FILTER_MAX);
        const answer = ask(chunk);
        // A failed look-up is asked again next time; the UPN is shown meanwhile.
        answer.catch(() => chunk.forEach(u => known.delete(u)));
        for (const u of chunk) known.set(u, answer.then(m => m.get(u) || null));
      }
      const out = new Map<string, string>();
      await Promise.all(wanted.map(async u => {
        const name = await (known.get(u) as Promise<string | null>).catch(() => null);
        if (name) out.set(u, name);
      }));
      return out;
    }
  };
}


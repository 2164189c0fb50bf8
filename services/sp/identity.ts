/**
 * Who wrote an item, as SharePoint recorded it. Anyone with Contribute can fill any column with
 * plain REST, so the suite never takes identity from a field the writer chose (a "RelayerUpn", a
 * "PersonUpn"): it takes it from the item's Author (Created By) or Editor, which SharePoint sets from
 * the request's identity and no client can choose (docs/security.md).
 *
 * Read them with `select(...AUTHOR_SELECT).expand('Author')`; SharePoint returns the user's login
 * name (claims: `i:0#.f|membership|<upn>`) and e-mail.
 */
export const AUTHOR_SELECT = ['Author/Name', 'Author/EMail'] as const;
export const EDITOR_SELECT = ['Editor/Name', 'Editor/EMail'] as const;

export interface PersonValue {
  Name?: string | null;
  EMail?: string | null;
}

export const normalizeUpn = (upn: string): string => upn.trim().toLowerCase();

/** The UPN of a person value: from the login name's last claim segment, else the e-mail; '' when unknown. */
export function upnOfPerson(person: PersonValue | null | undefined): string {
  const login = (person && person.Name) || '';
  const bar = login.lastIndexOf('|');
  const upn = bar >= 0 ? login.slice(bar + 1) : login;
  return normalizeUpn(upn || (person && person.EMail) || '');
}

/** The UPN of the item's author (Created By), '' when it was read without `Author`. */
export const authorUpnOf = (item: { Author?: PersonValue | null }): string => upnOfPerson(item.Author);

/** The UPN of the item's last editor (Modified By), '' when it was read without `Editor`. */
export const editorUpnOf = (item: { Editor?: PersonValue | null }): string => upnOfPerson(item.Editor);

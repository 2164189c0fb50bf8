/**
 * The trusted side of the community spaces, part 1: communities, memberships, private folders and
 * their SharePoint groups. Runs as the job identity only (full control of the hub site).
 *
 * A private community is one folder in each of the lists that hold its content (posts, statistics,
 * votes, follows: COMMUNITY_FOLDER_LISTS), with unique permissions granted to one SharePoint group
 * ("Community: <key>"), so joining is a group membership and never touches a permission scope
 * (docs/communities-data.md, "Private communities").
 */
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/folders';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/site-users/web';
import '@pnp/sp/security';
import type { SPFI } from '@pnp/sp';
import type { Community, CommunityDraft, MemberRole } from '../../../core/community/model';
import { folderNameOf, memberKey } from '../../../core/community/rules';
import { odataString } from '../../../core/odata';
import { isDuplicateError, toSuiteError } from '../../errors';
import { walkItems } from '../../listWalk';
import { withEtagRetry } from '../../sp/retry';
import { etagOf, EtagCarrier } from '../../sp/etag';
import { authorUpnOf, upnOfPerson } from '../../sp/identity';
import {
  COMMUNITIES_LIST_TITLE, COMMUNITY_FIELDS as C, COMMUNITY_FOLDER_LISTS, COMMUNITY_MEMBERS_LIST_TITLE, COMMUNITY_STATS_LIST_TITLE, MEMBER_FIELDS as M
} from '../../provisioning/communityLists';
import { COMMUNITY_SELECT, MEMBER_SELECT, PAGE_SIZE, StoredItem, str, toCommunity, toRole } from '../items';

/** SharePoint's role types: Reader 2, Contributor 3 (SP.RoleType). */
const READER = 2;
const CONTRIBUTOR = 3;

export const groupTitleOf = (key: string): string => `Community: ${key}`;
const loginOf = (upn: string): string => `i:0#.f|membership|${upn}`;

export interface SpaceContext {
  sp: SPFI;
  now: Date;
  log(line: string): void;
  /** Display names for managers (the directory); the UPN when unknown. */
  nameOf(upn: string): Promise<string>;
}

export async function readCommunity(sp: SPFI, key: string): Promise<(Community & { etag: string; groupId: number }) | null> {
  const items = (await sp.web.lists.getByTitle(COMMUNITIES_LIST_TITLE).items.select(...COMMUNITY_SELECT)
    .filter(`${C.key} eq ${odataString(key)}`).top(1)()) as StoredItem[];
  const c = items[0] ? toCommunity(items[0]) : null;
  return c && items[0] ? { ...c, etag: etagOf(items[0] as EtagCarrier), groupId: Number(items[0][C.groupId]) || 0 } : null;
}

/** The members group of a private community (made when missing). */
async function ensureGroup(sp: SPFI, key: string): Promise<number> {
  const title = groupTitleOf(key);
  try {
    const g = await sp.web.siteGroups.getByName(title).select('Id')();
    return (g as { Id: number }).Id;
  } catch (e) {
    if (toSuiteError(e).status !== 404) throw e;
  }
  const made = await sp.web.siteGroups.add({ Title: title, Description: `Members of the private community ${key} (managed by the suite's job).`, OnlyAllowMembersViewMembership: true });
  return (made as unknown as { Id: number }).Id;
}

/** The folder of a community in a list (made when missing), with unique permissions for its group. */
async function ensureFolder(sp: SPFI, listTitle: string, key: string, groupId: number): Promise<number> {
  const list = sp.web.lists.getByTitle(listTitle);
  const name = folderNameOf(key);
  const root = String(((await list.rootFolder.select('ServerRelativeUrl')()) as { ServerRelativeUrl: string }).ServerRelativeUrl);
  let id = 0;
  try {
    const result = await list.addValidateUpdateItemUsingPath([{ FieldName: 'Title', FieldValue: name }, { FieldName: 'CommunityKey', FieldValue: key }],
      root, false, '', { leafName: name, objectType: 1 });
    id = Number((result.find(r => r.FieldName === 'Id') || { FieldValue: '0' }).FieldValue);
  } catch (e) {
    if (!/already exists/i.test(String((e as Error).message))) throw e;
  }
  if (!id) {
    // The name is taken: by an earlier run that stopped before granting, or by someone else (anyone
    // with Contribute can make a folder). Only the job's own folder is kept; a squatted one is
    // deleted with what was put in it, and made again.
    const current = (await sp.web.currentUser.select('LoginName')()) as { LoginName: string };
    const folder = (await sp.web.getFolderByServerRelativePath(`${root}/${name}`).listItemAllFields
      .select('Id', 'Author/Name', 'Author/EMail').expand('Author')()) as StoredItem;
    if (authorUpnOf(folder) === upnOfPerson({ Name: current.LoginName })) id = folder.Id;
    else {
      await list.items.getById(folder.Id).delete();
      return ensureFolder(sp, listTitle, key, groupId);
    }
  }
  if (!id) throw new Error(`The folder of ${key} in ${listTitle} could not be made.`);
  const item = list.items.getById(id);
  // Unique permissions, nothing copied from the list (where everyone has Contribute): the group only.
  await item.breakRoleInheritance(false, false);
  const level = listTitle === COMMUNITY_STATS_LIST_TITLE ? READER : CONTRIBUTOR;
  const def = (await sp.web.roleDefinitions.getByType(level).select('Id')()) as { Id: number };
  await item.roleAssignments.add(groupId, def.Id);
  return id;
}

/** A private community's group and folders (idempotent). */
export async function ensurePrivateSpace(sp: SPFI, key: string): Promise<number> {
  const groupId = await ensureGroup(sp, key);
  for (const listTitle of COMMUNITY_FOLDER_LISTS) await ensureFolder(sp, listTitle, key, groupId);
  return groupId;
}

/** Creates a community (the caller checked who asked); false when the key is taken. */
export async function createCommunity(ctx: SpaceContext, draft: CommunityDraft, creatorUpn: string): Promise<boolean> {
  const list = ctx.sp.web.lists.getByTitle(COMMUNITIES_LIST_TITLE);
  try {
    await list.items.add({
      Title: draft.title.trim(), [C.key]: draft.key, [C.description]: draft.description || '', [C.visibility]: draft.visibility,
      [C.official]: !!draft.official, [C.memberCount]: 0, [C.lastActivity]: ctx.now.toISOString(), [C.managersJson]: '[]'
    });
  } catch (e) {
    if (isDuplicateError(e)) return false;
    throw e;
  }
  if (draft.visibility === 'private') {
    const groupId = await ensurePrivateSpace(ctx.sp, draft.key);
    const c = await readCommunity(ctx.sp, draft.key);
    if (c) await list.items.getById(c.id).update({ [C.groupId]: groupId }, c.etag);
  }
  await setMembership(ctx, draft.key, creatorUpn, 'manager');
  return true;
}

/** The memberships of a community (members list, job-written). */
export async function membershipsOf(sp: SPFI, key: string): Promise<Map<string, { role: MemberRole; id: number; etag: string }>> {
  const out = new Map<string, { role: MemberRole; id: number; etag: string }>();
  for await (const page of walkItems<StoredItem>(sp.web.lists.getByTitle(COMMUNITY_MEMBERS_LIST_TITLE), {
    select: MEMBER_SELECT, filter: `${M.communityKey} eq ${odataString(key)}`, pageSize: PAGE_SIZE
  })) {
    for (const item of page) {
      const role = toRole(item[M.role]);
      if (role) out.set(str(item[M.upn]), { role, id: item.Id, etag: etagOf(item as EtagCarrier) });
    }
  }
  return out;
}

/**
 * Sets a person's role in a community (null: no longer a member), in the members list and, for a
 * private community, in its SharePoint group (members and managers in it; pending people not),
 * then refreshes the community's count and managers.
 */
export async function setMembership(ctx: SpaceContext, key: string, upn: string, role: MemberRole | null): Promise<void> {
  const list = ctx.sp.web.lists.getByTitle(COMMUNITY_MEMBERS_LIST_TITLE);
  const mk = memberKey(key, upn);
  const found = (await list.items.select(...MEMBER_SELECT).filter(`${M.key} eq ${odataString(mk)}`).top(1)()) as StoredItem[];
  if (role === null) {
    if (found[0]) await list.items.getById(found[0].Id).delete();
  } else if (!found[0]) {
    try {
      await list.items.add({ Title: upn, [M.key]: mk, [M.communityKey]: key, [M.upn]: upn, [M.role]: role });
    } catch (e) {
      if (!isDuplicateError(e)) throw e;
      return setMembership(ctx, key, upn, role);
    }
  } else if (found[0][M.role] !== role) {
    await list.items.getById(found[0].Id).update({ [M.role]: role }, etagOf(found[0] as EtagCarrier) || '*');
  }
  const community = await readCommunity(ctx.sp, key);
  if (community && community.visibility === 'private' && community.groupId) {
    const users = ctx.sp.web.siteGroups.getById(community.groupId).users;
    if (role === 'member' || role === 'manager') await users.add(loginOf(upn));
    else {
      try {
        await users.removeByLoginName(loginOf(upn));
      } catch (e) {
        if (toSuiteError(e).status !== 404) throw e;
      }
    }
  }
  await refreshCommunity(ctx, key);
}

/** MemberCount and ManagersJson from the memberships (with the item's ETag; a 412 reads again). */
export async function refreshCommunity(ctx: SpaceContext, key: string, lastActivity?: string): Promise<void> {
  const members = await membershipsOf(ctx.sp, key);
  const managers: Array<{ upn: string; name: string }> = [];
  let count = 0;
  for (const [upn, m] of members) {
    if (m.role === 'pending') continue;
    count++;
    if (m.role === 'manager') managers.push({ upn, name: await ctx.nameOf(upn) });
  }
  managers.sort((a, b) => a.name.localeCompare(b.name));
  const list = ctx.sp.web.lists.getByTitle(COMMUNITIES_LIST_TITLE);
  await withEtagRetry(() => readCommunity(ctx.sp, key), c => {
    if (!c) return null;
    const managersJson = JSON.stringify(managers);
    const activity = lastActivity && lastActivity > (c.lastActivity || '') ? lastActivity : null;
    const same = c.memberCount === count && JSON.stringify(c.managers) === managersJson && !activity;
    if (same) return null;
    return () => list.items.getById(c.id).update({ [C.memberCount]: count, [C.managersJson]: managersJson, ...(activity ? { [C.lastActivity]: activity } : {}) }, c.etag);
  });
}

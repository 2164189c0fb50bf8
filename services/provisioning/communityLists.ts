/**
 * The lists of the community spaces, declared once for SUITE_LISTS (./suiteLists.ts). What each
 * holds, who writes it and every query with its indexed first clause: docs/communities-data.md.
 *
 * - Written by members (Contribute, write security 2: their own items only): posts, votes,
 *   follows, requests. A private community's posts, votes and follows live in its folder, which has
 *   unique permissions granted to the community's SharePoint group (never one scope per post).
 * - Written by the trusted job only (everyone Read): communities, memberships, post statistics
 *   (score, answers, the accepted answer, pinned, closed). What members must not decide alone goes
 *   through a request the job checks against SharePoint's Author.
 */
import type { ListItemOf, ListSchema } from './schema';

export const COMMUNITIES_LIST_TITLE = 'Communities';
export const COMMUNITY_POSTS_LIST_TITLE = 'Community posts';
export const COMMUNITY_STATS_LIST_TITLE = 'Community post stats';
export const COMMUNITY_MEMBERS_LIST_TITLE = 'Community members';
export const COMMUNITY_REQUESTS_LIST_TITLE = 'Community requests';
export const COMMUNITY_VOTES_LIST_TITLE = 'Community votes';
export const COMMUNITY_FOLLOWS_LIST_TITLE = 'Community follows';

/** Lists holding a folder per private community (same name in each: core/community/rules.ts folderNameOf). */
export const COMMUNITY_FOLDER_LISTS = [COMMUNITY_POSTS_LIST_TITLE, COMMUNITY_STATS_LIST_TITLE, COMMUNITY_VOTES_LIST_TITLE, COMMUNITY_FOLLOWS_LIST_TITLE] as const;

export const COMMUNITY_FIELDS = {
  key: 'CommunityKey',
  description: 'Description',
  visibility: 'Visibility',
  official: 'IsOfficial',
  memberCount: 'MemberCount',
  lastActivity: 'LastActivity',
  managersJson: 'ManagersJson',
  /** The SharePoint group of a private community's members (granted on its folders). */
  groupId: 'MembersGroupId'
} as const;

export const POST_FIELDS = {
  /** Idempotency key of a create (UUID v4 made by the browser). */
  clientId: 'ClientId',
  communityKey: 'CommunityKey',
  kind: 'PostKind',
  rootId: 'RootId',
  parentId: 'ParentId',
  body: 'Body',
  language: 'Language'
} as const;

export const STATS_FIELDS = {
  postId: 'PostId',
  communityKey: 'CommunityKey',
  kind: 'PostKind',
  rootId: 'RootId',
  score: 'Score',
  answerCount: 'AnswerCount',
  isAnswered: 'IsAnswered',
  acceptedAnswerId: 'AcceptedAnswerId',
  /** The accepted answer's Author, copied by the job (the expertise evidence's person). */
  acceptedAuthorUpn: 'AcceptedAuthorUpn',
  /** Who accepted it (the asker or a manager, from the request's Author). */
  acceptedByUpn: 'AcceptedByUpn',
  acceptedAt: 'AcceptedAt',
  pinned: 'IsPinned',
  closed: 'IsClosed',
  lastActivity: 'LastActivity',
  /** Mentions of the post already notified (UPNs, ';'-joined). */
  mentioned: 'MentionedUpns',
  /** Copied by the job at acceptance, redacted (core/relay/redaction.ts): the question's text and the accepted answer's. */
  questionText: 'QuestionText',
  acceptedText: 'AcceptedText',
  language: 'Language'
} as const;

export const MEMBER_FIELDS = {
  key: 'MemberKey',
  communityKey: 'CommunityKey',
  upn: 'MemberUpn',
  role: 'MemberRole'
} as const;

export const REQUEST_FIELDS = {
  key: 'RequestKey',
  kind: 'RequestKind',
  communityKey: 'CommunityKey',
  targetUpn: 'TargetUpn',
  postId: 'PostId',
  payload: 'PayloadJson',
  state: 'RequestState',
  reason: 'Reason'
} as const;

export const VOTE_FIELDS = { key: 'VoteKey', postId: 'PostId', communityKey: 'CommunityKey' } as const;
export const FOLLOW_FIELDS = { key: 'FollowKey', postId: 'PostId', communityKey: 'CommunityKey' } as const;

const JOB_ONLY_READ_ALL = {
  breakInheritance: true,
  grants: [{ role: 'tenantAdmins', level: 'Full Control' }, { role: 'everyone', level: 'Read' }]
} as const;

const MEMBERS_WRITE_OWN = {
  breakInheritance: true,
  grants: [{ role: 'tenantAdmins', level: 'Full Control' }, { role: 'everyone', level: 'Contribute' }]
} as const;

export const COMMUNITIES_LIST = {
  title: COMMUNITIES_LIST_TITLE,
  description: 'Social intranet suite: the community spaces (public and private). Written by the suite\'s job from the managers\' requests.',
  versioning: true,
  majorVersionLimit: 100,
  readSecurity: 1,
  writeSecurity: 1,
  fields: [
    { internalName: COMMUNITY_FIELDS.key, title: 'Community key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 48 },
    { internalName: COMMUNITY_FIELDS.description, title: 'Description', type: 'Note' },
    { internalName: COMMUNITY_FIELDS.visibility, title: 'Visibility', type: 'Choice', choices: ['public', 'private'], indexed: true, required: true },
    { internalName: COMMUNITY_FIELDS.official, title: 'Official', type: 'Boolean', indexed: true },
    { internalName: COMMUNITY_FIELDS.memberCount, title: 'Members', type: 'Number' },
    { internalName: COMMUNITY_FIELDS.lastActivity, title: 'Last activity', type: 'DateTime', indexed: true },
    { internalName: COMMUNITY_FIELDS.managersJson, title: 'Managers (JSON)', type: 'Note' },
    { internalName: COMMUNITY_FIELDS.groupId, title: 'Members group', type: 'Number' }
  ],
  permissions: JOB_ONLY_READ_ALL
} as const satisfies ListSchema;

export const COMMUNITY_POSTS_LIST = {
  title: COMMUNITY_POSTS_LIST_TITLE,
  description: 'Social intranet suite: questions, discussions, answers and comments of the community spaces. People edit their own posts (versions keep the history); a private community\'s posts are in its folder, readable by its members only.',
  versioning: true,
  majorVersionLimit: 100,
  readSecurity: 1,
  writeSecurity: 2,
  fields: [
    { internalName: POST_FIELDS.clientId, title: 'Client id', type: 'Text', required: true, unique: true, indexed: true, maxLength: 64 },
    { internalName: POST_FIELDS.communityKey, title: 'Community', type: 'Text', required: true, indexed: true, maxLength: 48 },
    { internalName: POST_FIELDS.kind, title: 'Kind', type: 'Choice', choices: ['question', 'discussion', 'answer', 'comment'], required: true, indexed: true },
    { internalName: POST_FIELDS.rootId, title: 'Thread', type: 'Number', indexed: true },
    { internalName: POST_FIELDS.parentId, title: 'Reply to', type: 'Number', indexed: true },
    { internalName: POST_FIELDS.body, title: 'Body', type: 'Note' },
    { internalName: POST_FIELDS.language, title: 'Language', type: 'Text', maxLength: 16 }
  ],
  permissions: MEMBERS_WRITE_OWN
} as const satisfies ListSchema;

export const COMMUNITY_STATS_LIST = {
  title: COMMUNITY_STATS_LIST_TITLE,
  description: 'Social intranet suite: score, answers, accepted answer, pinned and closed of each thread and answer. Written by the suite\'s job only.',
  versioning: false,
  readSecurity: 1,
  writeSecurity: 1,
  fields: [
    { internalName: STATS_FIELDS.postId, title: 'Post', type: 'Number', required: true, unique: true, indexed: true },
    { internalName: STATS_FIELDS.communityKey, title: 'Community', type: 'Text', required: true, indexed: true, maxLength: 48 },
    { internalName: STATS_FIELDS.kind, title: 'Kind', type: 'Choice', choices: ['question', 'discussion', 'answer', 'comment'], indexed: true },
    { internalName: STATS_FIELDS.rootId, title: 'Thread', type: 'Number', indexed: true },
    { internalName: STATS_FIELDS.score, title: 'Score', type: 'Number', indexed: true },
    { internalName: STATS_FIELDS.answerCount, title: 'Answers', type: 'Number', indexed: true },
    { internalName: STATS_FIELDS.isAnswered, title: 'Answered', type: 'Boolean', indexed: true },
    { internalName: STATS_FIELDS.acceptedAnswerId, title: 'Accepted answer', type: 'Number' },
    { internalName: STATS_FIELDS.acceptedAuthorUpn, title: 'Accepted answer by', type: 'Text', indexed: true, maxLength: 255 },
    { internalName: STATS_FIELDS.acceptedByUpn, title: 'Accepted by', type: 'Text', maxLength: 255 },
    { internalName: STATS_FIELDS.acceptedAt, title: 'Accepted on', type: 'DateTime', indexed: true },
    { internalName: STATS_FIELDS.pinned, title: 'Pinned', type: 'Boolean' },
    { internalName: STATS_FIELDS.closed, title: 'Closed', type: 'Boolean' },
    { internalName: STATS_FIELDS.lastActivity, title: 'Last activity', type: 'DateTime', indexed: true },
    { internalName: STATS_FIELDS.mentioned, title: 'Mentions notified', type: 'Note' },
    { internalName: STATS_FIELDS.questionText, title: 'Question (text)', type: 'Note' },
    { internalName: STATS_FIELDS.acceptedText, title: 'Accepted answer (text)', type: 'Note' },
    { internalName: STATS_FIELDS.language, title: 'Language', type: 'Text', maxLength: 16 }
  ],
  permissions: JOB_ONLY_READ_ALL
} as const satisfies ListSchema;

export const COMMUNITY_MEMBERS_LIST = {
  title: COMMUNITY_MEMBERS_LIST_TITLE,
  description: 'Social intranet suite: who belongs to which community, and who manages it. Written by the suite\'s job only.',
  versioning: false,
  readSecurity: 1,
  writeSecurity: 1,
  fields: [
    { internalName: MEMBER_FIELDS.key, title: 'Member key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 255 },
    { internalName: MEMBER_FIELDS.communityKey, title: 'Community', type: 'Text', required: true, indexed: true, maxLength: 48 },
    { internalName: MEMBER_FIELDS.upn, title: 'Member', type: 'Text', required: true, indexed: true, maxLength: 255 },
    { internalName: MEMBER_FIELDS.role, title: 'Role', type: 'Choice', choices: ['member', 'manager', 'pending'], required: true, indexed: true }
  ],
  permissions: JOB_ONLY_READ_ALL
} as const satisfies ListSchema;

export const COMMUNITY_REQUESTS_LIST = {
  title: COMMUNITY_REQUESTS_LIST_TITLE,
  description: 'Social intranet suite: what members ask the suite\'s job to do (join, approve, accept an answer...). People see only their own requests.',
  versioning: false,
  readSecurity: 2,
  writeSecurity: 2,
  excludedFromSearch: true,
  fields: [
    { internalName: REQUEST_FIELDS.key, title: 'Request key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 64 },
    {
      internalName: REQUEST_FIELDS.kind, title: 'Kind', type: 'Choice', required: true,
      choices: ['join', 'leave', 'approve', 'decline', 'addMember', 'removeMember', 'addManager', 'removeManager', 'accept', 'pin', 'unpin', 'close', 'reopen', 'create', 'update', 'recount']
    },
    { internalName: REQUEST_FIELDS.communityKey, title: 'Community', type: 'Text', required: true, indexed: true, maxLength: 48 },
    { internalName: REQUEST_FIELDS.targetUpn, title: 'Person', type: 'Text', maxLength: 255 },
    { internalName: REQUEST_FIELDS.postId, title: 'Post', type: 'Number' },
    { internalName: REQUEST_FIELDS.payload, title: 'Details (JSON)', type: 'Note' },
    { internalName: REQUEST_FIELDS.state, title: 'State', type: 'Choice', choices: ['pending', 'done', 'waiting', 'refused'], required: true, indexed: true },
    { internalName: REQUEST_FIELDS.reason, title: 'Reason', type: 'Text', maxLength: 255 }
  ],
  permissions: MEMBERS_WRITE_OWN
} as const satisfies ListSchema;

const personPostList = (title: string, keyName: string, what: string): ListSchema => ({
  title,
  description: `Social intranet suite: ${what}, one item per person and post (a unique key, so SharePoint refuses a second one). People see and remove only their own.`,
  versioning: false,
  readSecurity: 2,
  writeSecurity: 2,
  excludedFromSearch: true,
  fields: [
    { internalName: keyName, title: 'Key', type: 'Text', required: true, unique: true, indexed: true, maxLength: 255 },
    { internalName: 'PostId', title: 'Post', type: 'Number', required: true, indexed: true },
    { internalName: 'CommunityKey', title: 'Community', type: 'Text', required: true, indexed: true, maxLength: 48 }
  ],
  permissions: MEMBERS_WRITE_OWN
});

export const COMMUNITY_VOTES_LIST = personPostList(COMMUNITY_VOTES_LIST_TITLE, VOTE_FIELDS.key, 'votes on community posts');
export const COMMUNITY_FOLLOWS_LIST = personPostList(COMMUNITY_FOLLOWS_LIST_TITLE, FOLLOW_FIELDS.key, 'questions people follow');

export type CommunityItem = ListItemOf<typeof COMMUNITIES_LIST>;
export type CommunityPostItem = ListItemOf<typeof COMMUNITY_POSTS_LIST>;
export type CommunityStatsItem = ListItemOf<typeof COMMUNITY_STATS_LIST>;
export type CommunityMemberItem = ListItemOf<typeof COMMUNITY_MEMBERS_LIST>;
export type CommunityRequestItem = ListItemOf<typeof COMMUNITY_REQUESTS_LIST>;

/** The community spaces' lists, in provisioning order. */
export const COMMUNITY_LISTS: readonly ListSchema[] = [
  COMMUNITIES_LIST, COMMUNITY_POSTS_LIST, COMMUNITY_STATS_LIST, COMMUNITY_MEMBERS_LIST, COMMUNITY_REQUESTS_LIST, COMMUNITY_VOTES_LIST, COMMUNITY_FOLLOWS_LIST
];

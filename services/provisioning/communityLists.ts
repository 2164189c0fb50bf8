/**
 * The lists of the community spaces, declared once for SUITE_LISTS (./suiteLists.ts). Who may read
 * and write what, and why each column is indexed: docs/relay-data.md ("Answered community questions").
 *
 * Today only the relay reads "Community questions" (services/relay/answers.ts: a relay being typed
 * is matched against answered questions, so an existing answer shows at once). The community
 * spaces, when they are built, write to it: questions, their accepted answer and moderation.
 *
 * Every query the suite makes on these lists filters first on an indexed column (SharePoint's
 * 5,000-item list view threshold).
 */
import type { ListItemOf, ListSchema } from './schema';

export const COMMUNITY_QUESTIONS_LIST_TITLE = 'Community questions';

export const COMMUNITY_QUESTION_FIELDS = {
  /** The question's title is the item's Title. */
  title: 'Title',
  body: 'Body',
  /** The community (space) the question was asked in. */
  communityKey: 'CommunityKey',
  /** true once an answer is accepted: the relay's deflection query's first clause. */
  isAnswered: 'IsAnswered',
  acceptedAnswer: 'AcceptedAnswer',
  acceptedAnswerByUpn: 'AcceptedAnswerByUpn',
  /** When the answer was accepted: the most recently answered questions are read first. */
  answeredAt: 'AnsweredAt',
  /** 'en', 'fr'... the language the question was asked in. */
  language: 'Language'
} as const;

/**
 * "Community questions": everyone reads (read security 1) and asks (Contribute); people edit only
 * their own questions (write security 2); community managers moderate and accept answers (Design,
 * which holds "Override List Behaviors", so they edit every item).
 */
export const COMMUNITY_QUESTIONS_LIST = {
  title: COMMUNITY_QUESTIONS_LIST_TITLE,
  description: 'Social intranet suite: questions asked in the community spaces and their accepted answer. Everyone reads and asks; people edit their own questions; community managers moderate and accept answers.',
  versioning: true,
  majorVersionLimit: 100,
  readSecurity: 1,
  writeSecurity: 2,
  fields: [
    { internalName: COMMUNITY_QUESTION_FIELDS.body, title: 'Body', type: 'Note' },
    { internalName: COMMUNITY_QUESTION_FIELDS.communityKey, title: 'Community', type: 'Text', indexed: true, maxLength: 128 },
    { internalName: COMMUNITY_QUESTION_FIELDS.isAnswered, title: 'Answered', type: 'Boolean', indexed: true },
    { internalName: COMMUNITY_QUESTION_FIELDS.acceptedAnswer, title: 'Accepted answer', type: 'Note' },
    { internalName: COMMUNITY_QUESTION_FIELDS.acceptedAnswerByUpn, title: 'Answered by (UPN)', type: 'Text', indexed: true, maxLength: 255 },
    { internalName: COMMUNITY_QUESTION_FIELDS.answeredAt, title: 'Answered on', type: 'DateTime', indexed: true },
    { internalName: COMMUNITY_QUESTION_FIELDS.language, title: 'Language', type: 'Text', maxLength: 16 }
  ],
  permissions: {
    breakInheritance: true,
    grants: [
      { role: 'tenantAdmins', level: 'Full Control' },
      { role: 'communityManagers', level: 'Design' },
      { role: 'everyone', level: 'Contribute' }
    ]
  }
} as const satisfies ListSchema;

export type CommunityQuestionItem = ListItemOf<typeof COMMUNITY_QUESTIONS_LIST>;

/** The community spaces' lists, in provisioning order. */
export const COMMUNITY_LISTS: readonly ListSchema[] = [COMMUNITY_QUESTIONS_LIST];

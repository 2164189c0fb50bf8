/**
 * Every list of the suite, in provisioning order (a lookup's target list comes before the lookup).
 * Kept apart from ./schema.ts so that only provisioning (and tests) load every declaration.
 */
import { ListSchema, SUITE_SETTINGS_LIST } from './schema';
import { EXPERTISE_LISTS } from './expertiseLists';
import { RELAY_LISTS } from './relayLists';
import { COMMUNITY_LISTS } from './communityLists';
import { JOB_LISTS } from './jobLists';

export const SUITE_LISTS: readonly ListSchema[] = [SUITE_SETTINGS_LIST, ...EXPERTISE_LISTS, ...RELAY_LISTS, ...COMMUNITY_LISTS, ...JOB_LISTS];

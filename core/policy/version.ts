/**
 * The shape version of the policy document, on its own so that the read path (defaults, the
 * cheap reader) does not pull in the zod schema to learn one number.
 */

/** The shape version this code reads and writes. Older documents are upgraded on read (validate.ts). */
export const POLICY_SCHEMA_VERSION = 1;

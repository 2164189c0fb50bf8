/**
 * SharePoint REST emulation of the local tenant (entry points used by server.ts).
 */
import type { Handler } from '../types';
import { errorResponse, Codes } from './errors';
export { initSharePointSchema } from './schema';
export { sharePointError } from './errors';

export const handleSharePoint: Handler = () =>
  errorResponse('minimalmetadata', 501, Codes.notSupported, 'The SharePoint emulation is being written.');

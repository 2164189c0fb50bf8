/**
 * SharePoint's REST error shape and the errors the emulation raises.
 *
 * SharePoint answers errors as `{"odata.error":{"code":"<hresult>, <exception type>","message":{"lang":"en-US","value":"..."}}}`
 * for JSON light (`Accept: application/json`, `;odata=minimalmetadata`, `;odata=nometadata`) and as
 * `{"error":{...same...}}` for `Accept: application/json;odata=verbose`.
 * ("Use OData query operations in SharePoint REST requests" and "Complete basic operations using
 * SharePoint REST endpoints", https://learn.microsoft.com/en-us/sharepoint/dev/sp-add-ins/complete-basic-operations-using-sharepoint-rest-endpoints)
 */
import type { TenantResponse } from '../types';

export type ODataFormat = 'verbose' | 'minimalmetadata' | 'nometadata';

export class SpError extends Error {
  constructor(public status: number, public code: string, message: string) {
    super(message);
  }
}

export const Codes = {
  argument: '-1, System.ArgumentException',
  argumentOutOfRange: '-2146233086, System.ArgumentOutOfRangeException',
  itemNotFound: '-2147024809, System.ArgumentException',
  accessDenied: '-2147024891, System.UnauthorizedAccessException',
  spException: '-2146232832, Microsoft.SharePoint.SPException',
  invalidOperation: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
  invalidClientQuery: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
  notSupported: '-1, System.NotSupportedException',
  etagMismatch: '-2130575305, Microsoft.SharePoint.SPException',
  throttled: '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
  duplicateValues: '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
  fieldValidation: '-2130575155, Microsoft.SharePoint.SPFieldValidationException',
  digest: '-2130575251, Microsoft.SharePoint.SPException'
};

export const Messages = {
  accessDenied: 'Access denied. You do not have permission to perform this action or access this resource.',
  itemNotFound: 'Item does not exist. It may have been deleted by another user.',
  /** SharePoint Online's text for SPQueryThrottledException (as reported in pnp/pnpframework pull request 717). */
  throttled: 'The attempted operation is prohibited because it exceeds the list view threshold.',
  duplicateValues: 'The list item could not be added or updated because duplicate values were found in one or more fields in the list.',
  digest: 'The security validation for this page is invalid and might be corrupted. Please use your web browser\'s Back button to try your operation again.'
};

export function errorBody(format: ODataFormat, code: string, message: string): unknown {
  const inner = { code, message: { lang: 'en-US', value: message } };
  return format === 'verbose' ? { error: inner } : { 'odata.error': inner };
}

export function contentTypeFor(format: ODataFormat): string {
  return format === 'verbose'
    ? 'application/json;odata=verbose;charset=utf-8'
    : `application/json;odata=${format};streaming=true;charset=utf-8`;
}

export function errorResponse(format: ODataFormat, status: number, code: string, message: string): TenantResponse {
  return {
    status,
    headers: { 'Content-Type': contentTypeFor(format), 'X-SharePointHealthScore': '0' },
    body: errorBody(format, code, message)
  };
}

/** The exported helper server.ts uses when it has no request format at hand: JSON light's shape. */
export function sharePointError(status: number, code: string, message: string): TenantResponse {
  return errorResponse('minimalmetadata', status, code, message);
}

export const accessDenied = (): SpError => new SpError(403, Codes.accessDenied, Messages.accessDenied);
export const badRequest = (message: string, code: string = Codes.invalidClientQuery): SpError => new SpError(400, code, message);
export const notSupported = (what: string): SpError =>
  new SpError(501, Codes.notSupported, `The local tenant does not emulate ${what}.`);

/**
 * The ETag of an item as PnPjs returns it: `odata.etag` with minimal metadata (`odata=nometadata`
 * still sends it when asked for, `odata=minimalmetadata` by default), `__metadata.etag` in verbose
 * mode. One reader for every service (an update sent with it answers 412 when the item changed).
 */
export interface EtagCarrier {
  'odata.etag'?: string;
  __metadata?: { etag?: string };
}

/** The item's ETag, or '' when it was read without one. */
export function etagOf(item: EtagCarrier | null | undefined): string {
  if (!item) return '';
  return item['odata.etag'] || (item.__metadata && item.__metadata.etag) || '';
}

/** The ETag's value without the weak marker and quotes ('"3"', 'W/"3"' and '3' are the same version). */
export const etagValue = (etag: string): string => etag.replace(/^W\//, '').replace(/"/g, '');

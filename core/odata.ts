/**
 * OData literals. SharePoint REST and Microsoft Graph read a string literal in single quotes with
 * each quote inside doubled ("O''Brien"); PnPjs and the Graph client do not escape values put in
 * a $filter, so every value goes through here.
 */
export function odataString(value: string): string {
  return `'${String(value).replace(/'/g, "''")}'`;
}

/**
 * Fills `{0}`, `{1}`, ... placeholders of a localized string. A placeholder with no matching
 * argument is left as is, so a missing value shows up instead of silently disappearing.
 */
export function format(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole: string, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

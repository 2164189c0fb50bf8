import { teamsThemeName, toFluentTheme } from '../../ui/theme';

describe('toFluentTheme', () => {
  it('keeps Fluent defaults when SharePoint gives no theme', () => {
    const t = toFluentTheme({ kind: 'sharepoint' });
    expect(t.palette.themePrimary).toBe('#0078d4');
    expect(t.semanticColors.bodyBackground).toBe('#ffffff');
  });
  it('uses the site palette and inverts for a dark section', () => {
    const t = toFluentTheme({ kind: 'sharepoint', palette: { themePrimary: '#038387', white: '#1b1a19', neutralPrimary: '#ffffff' }, isInverted: true });
    expect(t.palette.themePrimary).toBe('#038387');
    expect(t.isInverted).toBe(true);
    expect(t.semanticColors.bodyBackground).toBe('#1b1a19');
  });
  it.each([
    ['default', '#ffffff', '#252423'],
    ['dark', '#1f1f1f', '#ffffff'],
    ['contrast', '#000000', '#ffffff']
  ] as const)('Teams %s theme: background %s, text %s', (name, background, text) => {
    const t = toFluentTheme({ kind: 'teams', name });
    expect(t.semanticColors.bodyBackground).toBe(background);
    expect(t.semanticColors.bodyText).toBe(text);
  });
  it('maps unknown Teams theme names to default', () => {
    expect(teamsThemeName('contrast')).toBe('contrast');
    expect(teamsThemeName('glitter')).toBe('default');
    expect(teamsThemeName(undefined)).toBe('default');
  });
});

/**
 * How a web part or extension shell learns its host's theme: the SharePoint theme (SPFx
 * ThemeProvider, possibly an inverted section) or, inside Teams, Teams' default, dark or contrast
 * theme, followed as the user changes it. Shared by every shell so they stay a few lines.
 */
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import type { WebPartContext } from '@microsoft/sp-webpart-base';
import { HostTheme, teamsThemeName } from './hostTheme';

export function sharePointHostTheme(theme: IReadonlyTheme | undefined): HostTheme {
  return theme
    ? { kind: 'sharepoint', palette: theme.palette, semanticColors: theme.semanticColors, isInverted: theme.isInverted }
    : { kind: 'sharepoint' };
}

/**
 * The Teams theme when the component runs in Teams (and `onChange` on every later change), or
 * null outside Teams.
 */
export async function teamsHostTheme(context: WebPartContext, onChange: (theme: HostTheme) => void): Promise<HostTheme | null> {
  const teams = context.sdks.microsoftTeams;
  if (!teams) return null;
  const teamsContext = await teams.teamsJs.app.getContext();
  teams.teamsJs.app.registerOnThemeChangeHandler((name: string) => onChange({ kind: 'teams', name: teamsThemeName(name) }));
  return { kind: 'teams', name: teamsThemeName(teamsContext.app.theme) };
}

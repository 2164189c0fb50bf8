/**
 * What a host tells the views about its theme, without Fluent UI's runtime: the SPFx shells' entry
 * bundles hold these few lines, and ui/theme.ts (loaded with the views) turns them into a theme.
 */
import type { IPalette, ISemanticColors } from '@fluentui/react/lib/Theme';

export type TeamsThemeName = 'default' | 'dark' | 'contrast';

/** What a host tells the views about its theme. */
export type HostTheme =
  | { kind: 'teams'; name: TeamsThemeName }
  | { kind: 'sharepoint'; palette?: Partial<IPalette>; semanticColors?: Partial<ISemanticColors>; isInverted?: boolean };

/** Maps the theme name Teams reports (app.theme) to one the suite knows; unknown names fall back to default. */
export function teamsThemeName(name: string | null | undefined): TeamsThemeName {
  return name === 'dark' || name === 'contrast' ? name : 'default';
}

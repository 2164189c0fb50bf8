/**
 * Themes: the suite follows its host. In SharePoint the SPFx ThemeProvider gives the site's
 * theme (palette and semantic colours, possibly inverted for a dark section); in Teams the host
 * says 'default', 'dark' or 'contrast'. Views only read the Fluent theme from context.
 */
import { createTheme } from '@fluentui/react/lib/Theme';
import type { IPalette, Theme } from '@fluentui/react/lib/Theme';
import type { HostTheme } from './hostTheme';

export { teamsThemeName } from './hostTheme';
export type { HostTheme, TeamsThemeName } from './hostTheme';

/** Teams' default light theme: brand #6264A7 on white (Teams design system colours). */
const teamsDefault: Partial<IPalette> = {
  themePrimary: '#6264a7', themeLighterAlt: '#f7f7fb', themeLighter: '#e1e1f1', themeLight: '#c8c9e4',
  themeTertiary: '#989ac9', themeSecondary: '#7173b0', themeDarkAlt: '#585a95', themeDark: '#4a4c7e',
  themeDarker: '#37385d', neutralLighterAlt: '#faf9f8', neutralLighter: '#f3f2f1', neutralLight: '#edebe9',
  neutralQuaternaryAlt: '#e1dfdd', neutralQuaternary: '#d0d0d0', neutralTertiaryAlt: '#c8c6c4',
  neutralTertiary: '#a19f9d', neutralSecondary: '#605e5c', neutralPrimaryAlt: '#3b3a39',
  neutralPrimary: '#252423', neutralDark: '#201f1e', black: '#000000', white: '#ffffff'
};

/** Teams' dark theme: a lighter brand tint on #1f1f1f so text keeps a 4.5:1 contrast. */
const teamsDark: Partial<IPalette> = {
  themePrimary: '#a6a7dc', themeLighterAlt: '#07070a', themeLighter: '#1b1b24', themeLight: '#313245',
  themeTertiary: '#626489', themeSecondary: '#9193c9', themeDarkAlt: '#afb0e0', themeDark: '#bcbde6',
  themeDarker: '#d0d1ee', neutralLighterAlt: '#292929', neutralLighter: '#323232', neutralLight: '#3f3f3f',
  neutralQuaternaryAlt: '#474747', neutralQuaternary: '#4e4e4e', neutralTertiaryAlt: '#6c6c6c',
  neutralTertiary: '#c8c8c8', neutralSecondary: '#d0d0d0', neutralPrimaryAlt: '#dadada',
  neutralPrimary: '#ffffff', neutralDark: '#f4f4f4', black: '#f8f8f8', white: '#1f1f1f'
};

/** Teams' high-contrast theme: white text on black, yellow accents (as Windows high contrast). */
const teamsContrast: Partial<IPalette> = {
  themePrimary: '#ffff01', themeLighterAlt: '#000000', themeLighter: '#000000', themeLight: '#3a3a00',
  themeTertiary: '#ffff01', themeSecondary: '#ffff01', themeDarkAlt: '#ffff01', themeDark: '#ffff01',
  themeDarker: '#ffff01', neutralLighterAlt: '#000000', neutralLighter: '#0c0c0c', neutralLight: '#1a1a1a',
  neutralQuaternaryAlt: '#ffffff', neutralQuaternary: '#ffffff', neutralTertiaryAlt: '#ffffff',
  neutralTertiary: '#ffffff', neutralSecondary: '#ffffff', neutralPrimaryAlt: '#ffffff',
  neutralPrimary: '#ffffff', neutralDark: '#ffffff', black: '#ffffff', white: '#000000'
};

export function toFluentTheme(host: HostTheme): Theme {
  if (host.kind === 'teams') {
    const palette = host.name === 'dark' ? teamsDark : host.name === 'contrast' ? teamsContrast : teamsDefault;
    const theme = createTheme({ palette, isInverted: host.name !== 'default' });
    if (host.name === 'contrast') {
      // Links and focus must stand out from text in high contrast, as Teams does (cyan links).
      theme.semanticColors.link = '#1aebff';
      theme.semanticColors.linkHovered = '#1aebff';
      theme.semanticColors.focusBorder = '#ffff01';
      theme.semanticColors.primaryButtonText = '#000000';
      theme.semanticColors.inputBorder = '#ffffff';
      theme.semanticColors.bodyDivider = '#ffffff';
    }
    return theme;
  }
  // createTheme merges over its defaults: an explicit `undefined` would erase them, so only
  // what the host really gave is passed.
  const partial: Parameters<typeof createTheme>[0] = { isInverted: !!host.isInverted };
  if (host.palette) partial.palette = host.palette;
  if (host.semanticColors) partial.semanticColors = host.semanticColors;
  return createTheme(partial);
}

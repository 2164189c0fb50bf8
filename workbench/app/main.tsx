/**
 * Entry of the local workbench in the browser: builds the suite's services from the page's
 * origin (the local tenant answers there) and mounts the same views the SPFx shells mount.
 */
import './fabric-config';
import * as React from 'react';
import * as ReactDom from 'react-dom';
import { initializeIcons } from '@fluentui/react/lib/Icons';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import { ThemeProvider } from '@fluentui/react/lib/Theme';
import { createContextFromBaseUrl } from '../../services/connect';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { HostTheme, TeamsThemeName, teamsThemeName, toFluentTheme } from '../../ui/theme';
import suiteEn from '../../ui/loc/en-us.js';
import suiteFr from '../../ui/loc/fr-fr.js';
import workbenchEn from './loc/en-us.js';
import workbenchFr from './loc/fr-fr.js';
import { currentLocale, readCookie, writeCookie } from './local';
import { WorkbenchBar } from './WorkbenchBar';
import { HomePage } from './HomePage';
import { TeamsHost } from './TeamsHost';
import { OutboxPage } from './OutboxPage';
import { PageHint } from './PageHint';

initializeIcons('/_workbench/fonts/');

const locale = currentLocale();
const french = locale === 'fr-FR';
const suiteStrings = (french ? suiteFr : suiteEn) as ISuiteStrings;
const strings = (french ? workbenchFr : workbenchEn) as IWorkbenchStrings;
const page = (document.body.dataset.page || 'home') as 'home' | 'admin' | 'relay' | 'dashboard' | 'communities' | 'teams' | 'outbox';
const teamsTheme: TeamsThemeName = teamsThemeName(readCookie('local-teams-theme'));
const hostTheme: HostTheme = page === 'teams' ? { kind: 'teams', name: teamsTheme } : { kind: 'sharepoint' };
const origin = window.location.origin;
// The signed-in user as the page carries them (SharePoint: the page context), so no request is needed to greet them.
const pageUser = document.body.dataset.userUpn ? { upn: document.body.dataset.userUpn.toLowerCase(), displayName: document.body.dataset.userName || '' } : undefined;
const context = { ...createContextFromBaseUrl({ siteUrl: `${origin}/sites/intranet`, graphBaseUrl: `${origin}/graph`, locale }), user: pageUser };

document.documentElement.lang = locale;
const fluentTheme = toFluentTheme(hostTheme);
document.body.style.background = fluentTheme.semanticColors.bodyBackground;
document.body.style.color = fluentTheme.semanticColors.bodyText;
document.body.style.margin = '0';
document.body.style.fontFamily = fluentTheme.fonts.medium.fontFamily || 'sans-serif';

const themeSwitch = page === 'teams'
  ? (
    <Dropdown
      label={strings.TeamsTheme}
      options={[
        { key: 'default', text: strings.TeamsThemeDefault },
        { key: 'dark', text: strings.TeamsThemeDark },
        { key: 'contrast', text: strings.TeamsThemeContrast }
      ]}
      selectedKey={teamsTheme}
      styles={{ root: { minWidth: 160 } }}
      onChange={(_e, option) => {
        if (!option) return;
        writeCookie('local-teams-theme', String(option.key));
        window.location.reload();
      }}
      data-testid="teams-theme-switch"
    />
  )
  : null;

const body = page === 'teams'
  ? <TeamsHost strings={strings} locale={locale} themeName={teamsTheme} />
  : page === 'outbox'
    ? <OutboxPage strings={strings} locale={locale} />
    : <HomePage strings={strings} locale={locale} page={page === 'admin' || page === 'relay' || page === 'dashboard' || page === 'communities' ? page : 'home'} />;

ReactDom.render(
  <ThemeProvider theme={fluentTheme}>
    <SuiteRoot context={context} strings={suiteStrings} theme={hostTheme}>
      <WorkbenchBar strings={strings} locale={locale} page={page}>{themeSwitch}</WorkbenchBar>
      {(page === 'admin' || page === 'relay' || page === 'dashboard') && <PageHint strings={strings} locale={locale} page={page} />}
      {body}
    </SuiteRoot>
  </ThemeProvider>,
  document.getElementById('root')
);

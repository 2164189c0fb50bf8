import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import * as suiteStrings from 'SuiteStrings';
import * as settingsStrings from 'SuiteSettingsStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SettingsService } from '../../services/settings';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { SettingsView } from '../../ui/settings/SettingsView';
import type { HostTheme } from '../../ui/theme';
import { sharePointHostTheme } from '../../ui/spfxHost';

/** Thin shell: the tenant policy editor for administrators (SharePoint enforces who may save). */
export default class SuiteSettingsWebPart extends BaseClientSideWebPart<Record<string, never>> {
  private suite: SuiteContext | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.suite = await createContextFromSpfx(this.context);
  }

  protected onThemeChanged(theme: IReadonlyTheme | undefined): void {
    if (!theme) return;
    this.hostTheme = sharePointHostTheme(theme);
    if (this.suite) this.render();
  }

  public render(): void {
    if (!this.suite) return;
    ReactDom.render(
      React.createElement(SuiteRoot, { context: this.suite, strings: suiteStrings, theme: this.hostTheme },
        React.createElement(SettingsView, { api: new SettingsService(this.suite), strings: settingsStrings })),
      this.domElement
    );
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }
}

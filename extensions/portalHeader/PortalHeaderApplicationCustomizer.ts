import * as React from 'react';
import * as ReactDom from 'react-dom';
import { BaseApplicationCustomizer, PlaceholderContent, PlaceholderName } from '@microsoft/sp-application-base';
import { ThemeProvider } from '@microsoft/sp-component-base';
import type { ThemeChangedEventArgs } from '@microsoft/sp-component-base';
import * as suiteStrings from 'SuiteStrings';
import { createContextFromSpfx } from '../../services/spfx';
import type { SuiteContext } from '../../services/context';
import { SuiteRoot } from '../../ui/SuiteRoot';
import { PortalHeader } from '../../ui/header/PortalHeader';
import { FeatureSwitch } from '../../ui/useFeatureState';
import type { HostTheme } from '../../ui/theme';
import { sharePointHostTheme } from '../../ui/spfxHost';

export interface IPortalHeaderApplicationCustomizerProperties {
  /** Reserved for tenant-wide settings passed through ClientSideInstance.xml. */
  [key: string]: unknown;
}

/**
 * Tenant-wide application customizer: renders the shared portal header in the Top placeholder
 * of every modern page. A thin shell; the header itself is ui/header/PortalHeader.
 */
export default class PortalHeaderApplicationCustomizer extends BaseApplicationCustomizer<IPortalHeaderApplicationCustomizerProperties> {
  private top: PlaceholderContent | undefined;
  private suite: SuiteContext | undefined;
  private hostTheme: HostTheme = { kind: 'sharepoint' };

  public async onInit(): Promise<void> {
    this.suite = await createContextFromSpfx(this.context);
    const themeProvider = this.context.serviceScope.consume(ThemeProvider.serviceKey);
    const theme = themeProvider.tryGetTheme();
    this.hostTheme = sharePointHostTheme(theme);
    themeProvider.themeChangedEvent.add(this, (args: ThemeChangedEventArgs) => {
      if (!args.theme) return;
      this.hostTheme = sharePointHostTheme(args.theme);
      this.renderTop();
    });
    // Placeholders come and go as the user navigates between pages without a reload.
    this.context.placeholderProvider.changedEvent.add(this, this.renderTop);
    this.renderTop();
  }

  private renderTop(): void {
    if (!this.suite) return;
    if (!this.top) {
      this.top = this.context.placeholderProvider.tryCreateContent(PlaceholderName.Top, {
        onDispose: () => this.unmountTop()
      });
      if (!this.top) return;
    }
    ReactDom.render(
      React.createElement(SuiteRoot, { context: this.suite, strings: suiteStrings, theme: this.hostTheme },
        React.createElement(FeatureSwitch, { feature: 'portalHeader' }, React.createElement(PortalHeader))),
      this.top.domElement
    );
  }

  private unmountTop(): void {
    if (this.top) ReactDom.unmountComponentAtNode(this.top.domElement);
    this.top = undefined;
  }

  protected onDispose(): void {
    this.unmountTop();
  }
}

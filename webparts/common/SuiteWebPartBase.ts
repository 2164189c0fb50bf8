/**
 * The one base of the suite's web parts (after PnP Modern Search's BaseWebPart): it builds the
 * suite context once in onInit, follows the SharePoint theme (onThemeChanged) or the Teams theme,
 * renders and disposes. The view and the shared runtime are loaded with import(), in chunks shared
 * by every component of the package, so a web part's entry bundle holds only its SPFx lifecycle
 * and property pane.
 */
import type * as React from 'react';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import type { SuiteContext } from '../../services/context';
import type { HostTheme } from '../../ui/hostTheme';
import { sharePointHostTheme, teamsHostTheme } from '../../ui/spfxHost';

type ShellRoot = typeof import('../../ui/shellRoot');

export function loadShellRoot(): Promise<ShellRoot> {
  return import(/* webpackChunkName: 'suite-shell' */ '../../ui/shellRoot');
}

export abstract class SuiteWebPartBase<TProps extends object, TView> extends BaseClientSideWebPart<TProps> {
  protected suite: SuiteContext | undefined;
  protected view: TView | undefined;
  protected hostTheme: HostTheme = { kind: 'sharepoint' };
  private root: ShellRoot | undefined;

  /** The view's module: `import(/* webpackChunkName: '<name>-view' *\/ './view')`. */
  protected abstract loadView(): Promise<TView>;

  /** What to render inside the suite root (called on every render). */
  protected abstract renderView(view: TView, suite: SuiteContext): React.ReactElement;

  /** Once, when the context and the view are there: build what must live as long as the web part. */
  protected onViewReady(view: TView, suite: SuiteContext): void {
    // nothing by default
  }

  protected async onInit(): Promise<void> {
    await super.onInit();
    // The runtime (then the context), the view and the Teams theme are asked for at the same time.
    const rootP = loadShellRoot();
    const [root, suite, view, teamsTheme] = await Promise.all([
      rootP,
      rootP.then(r => r.createShellContext(this.context)),
      this.loadView(),
      teamsHostTheme(this.context, theme => {
        this.hostTheme = theme;
        this.render();
      })
    ]);
    if (teamsTheme) this.hostTheme = teamsTheme;
    this.onViewReady(view, suite);
    this.root = root;
    this.view = view;
    this.suite = suite;
  }

  protected onThemeChanged(theme: IReadonlyTheme | undefined): void {
    if (!theme || this.hostTheme.kind === 'teams') return;
    this.hostTheme = sharePointHostTheme(theme);
    if (this.suite) this.render();
  }

  public render(): void {
    if (!this.root || !this.suite || this.view === undefined) return;
    this.root.renderInSuite(this.domElement, this.suite, this.hostTheme, this.renderView(this.view, this.suite));
  }

  protected onDispose(): void {
    if (this.root) this.root.unmountSuite(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return { pages: [] };
  }
}

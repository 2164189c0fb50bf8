import type * as React from 'react';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import * as strings from 'CommunitiesWebPartStrings';
import { SuiteWebPartBase } from '../common/SuiteWebPartBase';
import type { SuiteContext } from '../../services/context';

type View = typeof import('./view');

/** Thin shell (SharePoint page, full page, Teams personal app): the community services for the signed-in user and the shared view. */
export default class CommunitiesWebPart extends SuiteWebPartBase<Record<string, never>, View> {
  private api: ReturnType<View['createCommunitiesApi']> | undefined;

  protected loadView(): Promise<View> {
    return import(/* webpackChunkName: 'communities-view' */ './view');
  }

  protected onViewReady(view: View, suite: SuiteContext): void {
    this.api = view.createCommunitiesApi(suite, suite.user ? suite.user.upn : '');
  }

  protected renderView(view: View): React.ReactElement {
    return view.communitiesElement(this.api as NonNullable<typeof this.api>);
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return { pages: [{ header: { description: strings.PropertyPaneDescription }, groups: [] }] };
  }
}

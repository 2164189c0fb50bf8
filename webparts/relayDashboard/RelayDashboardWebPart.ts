import type * as React from 'react';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import { PropertyPaneLabel } from '@microsoft/sp-property-pane';
import * as strings from 'RelayDashboardWebPartStrings';
import { SuiteWebPartBase } from '../common/SuiteWebPartBase';
import type { SuiteContext } from '../../services/context';

type View = typeof import('./view');

/** Thin shell (SharePoint page, Teams channel tab): the dashboard's services for the signed-in user and the shared view. */
export default class RelayDashboardWebPart extends SuiteWebPartBase<Record<string, never>, View> {
  private api: ReturnType<View['createDashboardApi']> | undefined;

  protected loadView(): Promise<View> {
    return import(/* webpackChunkName: 'relay-dashboard-view' */ './view');
  }

  protected onViewReady(view: View, suite: SuiteContext): void {
    this.api = view.createDashboardApi(suite, suite.user ? suite.user.upn : '');
  }

  protected renderView(view: View): React.ReactElement {
    return view.dashboardElement(this.api as NonNullable<typeof this.api>);
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return {
      pages: [{
        header: { description: strings.PropertyPaneDescription },
        groups: [{ groupName: strings.SettingsGroupName, groupFields: [PropertyPaneLabel('about', { text: strings.AboutText })] }]
      }]
    };
  }
}

import type * as React from 'react';
import type { IPropertyPaneConfiguration } from '@microsoft/sp-property-pane';
import * as strings from 'FeedbackRelayWebPartStrings';
import { SuiteWebPartBase } from '../common/SuiteWebPartBase';
import type { SuiteContext } from '../../services/context';

export type IFeedbackRelayWebPartProps = Record<string, never>;

/** The tab the page asks for: `?view=my` opens "My relays" (the header's "See my relays" link). */
export function initialTabOf(search: string): 'my' | 'relay' {
  return new URLSearchParams(search).get('view') === 'my' ? 'my' : 'relay';
}

type View = typeof import('./view');

/** Thin shell (SharePoint page, Teams tab and personal app): the relay API for the signed-in user and the shared capture view. */
export default class FeedbackRelayWebPart extends SuiteWebPartBase<IFeedbackRelayWebPartProps, View> {
  private api: ReturnType<View['createRelayApi']> | undefined;

  protected loadView(): Promise<View> {
    return import(/* webpackChunkName: 'feedback-relay-view' */ './view');
  }

  protected onViewReady(view: View, suite: SuiteContext): void {
    this.api = view.createRelayApi(suite, suite.user ? suite.user.upn : '');
  }

  protected renderView(view: View): React.ReactElement {
    return view.relayElement(this.api as NonNullable<typeof this.api>, initialTabOf(window.location.search));
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return { pages: [{ header: { description: strings.PropertyPaneDescription }, groups: [] }] };
  }
}

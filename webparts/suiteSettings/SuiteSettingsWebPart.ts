import type * as React from 'react';
import { SuiteWebPartBase } from '../common/SuiteWebPartBase';
import type { SuiteContext } from '../../services/context';
import type { SettingsAdminApi } from '../../services/settingsApi';

type View = typeof import('./view');

/** Thin shell: the tenant policy editor for administrators (SharePoint enforces who may save). */
export default class SuiteSettingsWebPart extends SuiteWebPartBase<Record<string, never>, View> {
  /**
   * Built once, not in render: a theme change re-renders the same editor over the same service,
   * so the policy and history are not read again and the draft is not "restored" over itself.
   */
  private api: SettingsAdminApi | undefined;

  protected loadView(): Promise<View> {
    return import(/* webpackChunkName: 'suite-settings-view' */ './view');
  }

  protected onViewReady(view: View, suite: SuiteContext): void {
    this.api = view.createSettingsApi(suite);
  }

  protected renderView(view: View): React.ReactElement {
    return view.settingsElement(this.api as SettingsAdminApi);
  }
}

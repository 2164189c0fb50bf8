/** The Customer insights dashboard's view, loaded on demand by its shell. */
import * as React from 'react';
import * as dashboardStrings from 'RelayDashboardStrings';
import { FeatureGate } from '../../ui/FeatureGate';
import { DashboardView } from '../../ui/relay/dashboard/DashboardView';
import { createDashboardApi, DashboardApi } from '../../ui/relay/dashboardApi';

export { createDashboardApi };

export function dashboardElement(api: DashboardApi): React.ReactElement {
  return React.createElement(FeatureGate, { feature: 'feedbackRelay' }, React.createElement(DashboardView, { api, strings: dashboardStrings }));
}

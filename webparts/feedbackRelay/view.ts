/** The Relay customer feedback web part's view, loaded on demand by its shell. */
import * as React from 'react';
import * as captureStrings from 'RelayCaptureStrings';
import { FeatureGate } from '../../ui/FeatureGate';
import { RelayCaptureView, RelayTab } from '../../ui/relay/capture/RelayCaptureView';
import { createRelayApi, RelayViewApi } from '../../ui/relay/relayApi';

export { createRelayApi };

export function relayElement(api: RelayViewApi, initialTab: RelayTab): React.ReactElement {
  return React.createElement(FeatureGate, { feature: 'feedbackRelay' },
    React.createElement(RelayCaptureView, { api, strings: captureStrings, initialTab }));
}

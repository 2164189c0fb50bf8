/**
 * The capture form in a side panel, opened by the portal header's "Relay customer feedback"
 * button. Loaded on demand (the header imports this module dynamically), so the header's entry
 * bundle carries neither the form nor the relay service.
 */
import * as React from 'react';
import { Panel, PanelType } from '@fluentui/react/lib/Panel';
import { useSuiteContext } from '../../SuiteRoot';
import { createRelayApi, RelayViewApi } from '../relayApi';
import { RelayForm } from './RelayForm';

export interface RelayCapturePanelProps {
  isOpen: boolean;
  onDismiss: () => void;
  strings: IRelayCaptureStrings;
  closeLabel: string;
  /** UPN of the signed-in user. */
  me: string;
  /** Where "See my relays" leads after a relay is sent. */
  myRelaysHref?: string;
  /** The API (tests pass a fake); built from the suite's context otherwise. */
  api?: RelayViewApi;
}

const RelayCapturePanel: React.FC<RelayCapturePanelProps> = ({ isOpen, onDismiss, strings, closeLabel, me, myRelaysHref, api }) => {
  const ctx = useSuiteContext();
  const relayApi = React.useMemo(() => api || createRelayApi(ctx, me), [api, ctx, me]);
  return (
    <Panel
      isOpen={isOpen}
      onDismiss={onDismiss}
      type={PanelType.medium}
      isLightDismiss
      closeButtonAriaLabel={closeLabel}
      headerText={strings.Title}
      data-testid="relay-panel"
    >
      <RelayForm api={relayApi} strings={strings} myRelaysHref={myRelaysHref} hideTitle />
    </Panel>
  );
};

export default RelayCapturePanel;

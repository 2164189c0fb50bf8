/** The portal header's view, loaded on demand by the application customizer (a chunk of its own). */
import * as React from 'react';
import * as headerStrings from 'PortalHeaderStrings';
import * as captureStrings from 'RelayCaptureStrings';
import type { SuiteContext } from '../../services/context';
import type { BannerApi } from '../../services/relay/api';
import { PortalHeader } from '../../ui/header/PortalHeader';
import { createBannerApi } from '../../ui/header/bannerApi';
import { FeatureSwitch } from '../../ui/useFeatureState';

export { createBannerApi };

export function headerElement(suite: SuiteContext, pages: { searchPageUrl: string; relayPageUrl: string }, bannerApi: BannerApi): React.ReactElement {
  return React.createElement(FeatureSwitch, { feature: 'portalHeader' },
    React.createElement(PortalHeader, {
      strings: headerStrings,
      captureStrings,
      me: suite.user ? suite.user.upn : '',
      searchPageUrl: pages.searchPageUrl,
      relayPageUrl: pages.relayPageUrl,
      bannerApi
    }));
}

/** The Communities web part's view, loaded on demand by its shell. */
import * as React from 'react';
import * as communitiesStrings from 'CommunitiesStrings';
import { FeatureGate } from '../../ui/FeatureGate';
import { CommunitiesView } from '../../ui/communities/CommunitiesView';
import { createCommunitiesApi, CommunitiesApi } from '../../ui/communities/communitiesApi';

export { createCommunitiesApi };

export function communitiesElement(api: CommunitiesApi): React.ReactElement {
  return React.createElement(FeatureGate, { feature: 'communities' }, React.createElement(CommunitiesView, { api, strings: communitiesStrings }));
}

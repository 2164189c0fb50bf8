/** The Find an expert web part's view and search providers, loaded on demand by its shell. */
import * as React from 'react';
import * as searchStrings from 'ExpertSearchStrings';
import type { SuiteContext } from '../../services/context';
import { FeatureGate } from '../../ui/FeatureGate';
import { ExpertSearchView } from '../../ui/expertise/search/ExpertSearchView';
import { createExpertSearch, ExpertSearchProvider, initialQueryOf } from '../../ui/expertise/search/provider';

export { createExpertSearch };

export function expertSearchElement(props: { provider: ExpertSearchProvider; onOpenPerson: (upn: string) => void; showsProfileInPage: boolean }): React.ReactElement {
  // The portal header's search box sends people here with ?q=<text>: the view starts with that query.
  const initialQuery = initialQueryOf(window.location.search);
  return React.createElement(FeatureGate, { feature: 'expertiseSearch' },
    React.createElement(ExpertSearchView, { ...props, strings: searchStrings, initialQuery }));
}

export type { ExpertSearchProvider, SuiteContext };

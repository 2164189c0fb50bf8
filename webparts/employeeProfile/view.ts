/** The Employee profile web part's view, loaded on demand by its shell (a chunk of its own). */
import * as React from 'react';
import { FeatureGate } from '../../ui/FeatureGate';
import { ProfileView } from '../../ui/profile/ProfileView';

export function profileElement(person: string | null): React.ReactElement {
  return React.createElement(FeatureGate, { feature: 'profiles' }, React.createElement(ProfileView, { person }));
}

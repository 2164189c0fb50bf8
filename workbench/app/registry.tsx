/**
 * The suite's components as the workbench hosts them: each web part's manifest (for its title and
 * supported hosts) and the shared view its SPFx shell renders. Adding a web part = one entry here.
 */
import * as React from 'react';
import { ProfileView } from '../../ui/profile/ProfileView';
import { FeatureGate } from '../../ui/FeatureGate';
import employeeProfileManifest from '../../webparts/employeeProfile/EmployeeProfileWebPart.manifest.json';

export type SupportedHost = 'SharePointWebPart' | 'TeamsTab' | 'TeamsPersonalApp' | 'SharePointFullPage' | 'TeamsMeetingApp';

interface Localized { default: string; [locale: string]: string }

export interface ManifestLike {
  id: string;
  alias: string;
  supportedHosts?: string[];
  preconfiguredEntries: Array<{ title: Localized; description: Localized }>;
}

export interface WorkbenchWebPart {
  manifest: ManifestLike;
  /** Renders the web part's view; `params` are the page's query parameters (SPFx web parts read them too). */
  render: (params: URLSearchParams) => React.ReactElement;
}

export const webParts: WorkbenchWebPart[] = [
  {
    manifest: employeeProfileManifest as ManifestLike,
    render: params => <FeatureGate feature="profiles"><ProfileView person={params.get('person')} /></FeatureGate>
  }
];

export function localized(value: Localized, locale: string): string {
  return value[locale] || value[locale.split('-')[0]] || value.default;
}

export function supports(part: WorkbenchWebPart, host: SupportedHost): boolean {
  return (part.manifest.supportedHosts || ['SharePointWebPart']).indexOf(host) >= 0;
}

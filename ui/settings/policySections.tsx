/**
 * One declaration per area of the settings form (one tab each): the policy parts it edits, their
 * sub-schemas and defaults (core/policy), its label and its editor (./sections.tsx). The tabs, the
 * tab a setting is on and the tests all read this list, so a new area is declared here once; a new
 * setting of an area goes in that area's editor (and in docs/policy.md and its test).
 */
import type * as React from 'react';
import type { z } from 'zod';
import { POLICY_PART_SCHEMAS } from '../../core/policy';
import type { Policy } from '../../core/policy';
import { FeaturesSection, FeedbackSection, GeneralSection, ModerationSection, RolesSection, SkillsSection, SpikesSection } from './sections';

type PartKey = Exclude<keyof Policy, 'schemaVersion'>;

export interface PolicySection {
  area: string;
  /** The top-level parts of the policy the area edits. */
  parts: readonly PartKey[];
  label(s: ISuiteSettingsStrings): string;
  Editor: React.FC;
}

function section<A extends string>(area: A, parts: readonly PartKey[], label: (s: ISuiteSettingsStrings) => string, Editor: React.FC): PolicySection & { area: A } {
  return { area, parts, label, Editor };
}

/** The areas, in tab order. 'general' holds every part no other area declares. */
export const POLICY_SECTIONS = [
  section('features', ['features'], s => s.AreaFeatures, FeaturesSection),
  section('roles', ['roles'], s => s.AreaRoles, RolesSection),
  section('feedback', ['feedback'], s => s.AreaFeedback, FeedbackSection),
  section('moderation', ['moderation'], s => s.AreaModeration, ModerationSection),
  section('spikes', ['spikes'], s => s.AreaSpikes, SpikesSection),
  section('skills', ['skills'], s => s.AreaSkills, SkillsSection),
  section('general', ['defaultLocale'], s => s.AreaGeneral, GeneralSection)
] as const;

export type AreaKey = typeof POLICY_SECTIONS[number]['area'];

export const AREAS: readonly AreaKey[] = POLICY_SECTIONS.map(x => x.area);

/** The sub-schema of a part, as core/policy declares it. */
export function partSchema(part: PartKey): z.ZodTypeAny {
  return POLICY_PART_SCHEMAS[part];
}

/** The defaults of an area's parts, taken from a default policy. */
export function sectionDefaults(sectionOf: PolicySection, defaults: Policy): Partial<Policy> {
  const out: Partial<Record<PartKey, unknown>> = {};
  for (const part of sectionOf.parts) out[part] = defaults[part];
  return out as Partial<Policy>;
}

export function sectionOf(area: AreaKey): PolicySection {
  return POLICY_SECTIONS.find(x => x.area === area) || POLICY_SECTIONS[POLICY_SECTIONS.length - 1];
}

/** The tab of the form that holds a setting. */
export function areaOf(path: string): AreaKey {
  const head = path.split('.')[0];
  const found = POLICY_SECTIONS.find(x => (x.parts as readonly string[]).includes(head));
  return found ? found.area : 'general';
}

export function areaName(area: AreaKey, s: ISuiteSettingsStrings): string {
  return sectionOf(area).label(s);
}

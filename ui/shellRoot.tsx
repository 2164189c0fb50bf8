/**
 * What every SPFx shell loads on demand, in one chunk shared by all of them: the suite context
 * built from the SPFx context (once per page: hub lookup and Graph client), and the render of a
 * view inside SuiteRoot (theme, strings, services). The shells' entry bundles keep only their
 * lifecycle; this chunk is downloaded once per page however many components the page holds.
 */
import * as React from 'react';
import * as ReactDom from 'react-dom';
import type { BaseComponentContext } from '@microsoft/sp-component-base';
import * as suiteStrings from 'SuiteStrings';
import { createContextFromSpfx } from '../services/spfx';
import type { SuiteContext } from '../services/context';
import { SuiteRoot } from './SuiteRoot';
import type { HostTheme } from './hostTheme';

export function createShellContext(context: BaseComponentContext): Promise<SuiteContext> {
  return createContextFromSpfx(context);
}

/** Renders `view` into `element` with the suite's theme, strings and services. */
export function renderInSuite(element: HTMLElement, suite: SuiteContext, theme: HostTheme, view: React.ReactElement): void {
  ReactDom.render(<SuiteRoot context={suite} strings={suiteStrings} theme={theme}>{view}</SuiteRoot>, element);
}

/** Unmounts what renderInSuite rendered (the web part or the placeholder is disposed). */
export function unmountSuite(element: HTMLElement): void {
  ReactDom.unmountComponentAtNode(element);
}

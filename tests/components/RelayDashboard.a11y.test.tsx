import { screen, fireEvent, within } from '@testing-library/react';
import axe from 'axe-core';
import { fakeApi, renderDashboard } from './RelayDashboard.fixtures';

const AXE_TIMEOUT = 120000;

/** Serious and critical axe-core findings (WCAG 2.1 A/AA and best practices; no layout in jsdom, so no contrast). */
async function seriousViolations(root: Element): Promise<string[]> {
  const result = await axe.run(root, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } }
  });
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}

describe('RelayDashboard accessibility', () => {
  // axe measures icon ligatures on a canvas, which jsdom does not implement.
  beforeAll(() => { HTMLCanvasElement.prototype.getContext = jest.fn(() => null) as unknown as typeof HTMLCanvasElement.prototype.getContext; });

  it('has no serious or critical axe violation: list, spikes, charts and their tables (French)', async () => {
    const { container } = renderDashboard(fakeApi({ communications: true }), 'fr-FR');
    await screen.findByTestId('insight-list');
    for (const id of ['chart-weekly', 'chart-times']) {
      fireEvent.click(within(screen.getByTestId(id)).getByRole('switch'));
    }
    fireEvent.click(within(screen.getAllByTestId('spike')[0]).getByRole('button', { name: 'Publier en bannière d\'entreprise' }));
    expect(await seriousViolations(container)).toEqual([]);
  }, AXE_TIMEOUT);

  it('has no serious or critical axe violation in the insight panel', async () => {
    renderDashboard(fakeApi());
    await screen.findByTestId('insight-list');
    fireEvent.click(screen.getByRole('button', { name: 'Open: Late parcels' }));
    const panel = await screen.findByRole('dialog');
    await within(panel).findByTestId('panel-timeline');
    expect(await seriousViolations(document.body)).toEqual([]);
  }, AXE_TIMEOUT);
});

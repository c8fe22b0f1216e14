/**
 * The runs list (issue 17) in Chromium against the stand-in host: a filter by lab, failed runs
 * marked as failed, rename in place, and delete after a confirmation that names the run (the
 * host gets exactly that run's delete-run; the other runs stay).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { describeRun, type StartSpec } from '../../protocol/labs.js';
import type { RunState, RunSummary } from '../../protocol/messages.js';
import { tinyEnergyConfig } from '../../protocol/energy/config.js';
import { sparsePresets } from '../../protocol/sparse/config.js';
import { vaePresets } from '../../protocol/vae/config.js';
import { screenshot, useLabPage } from './browser.js';
import { serveFake } from './fake-host.js';

const summary = (runId: string, spec: StartSpec, state: RunState, createdAt: string): RunSummary => ({
  runId,
  ...spec,
  label: describeRun(spec),
  createdAt,
  state,
  lastStep: 40,
  lastTestLoss: null,
});

const vaeRun = summary(
  '2026-12-01T10-00-00-vae-d2-aaaa',
  { lab: 'vae', config: vaePresets.tiny },
  'done',
  '2026-12-01T10:00:00Z',
);
const sparseRun = summary(
  '2026-12-01T11-00-00-sparse-bbbb',
  { lab: 'sparse', config: sparsePresets.tiny },
  'failed',
  '2026-12-01T11:00:00Z',
);
const energyRun = summary(
  '2026-12-01T12-00-00-energy-cccc',
  { lab: 'energy', config: tinyEnergyConfig },
  'done',
  '2026-12-01T12:00:00Z',
);

let page: Page;
const lab = useLabPage(
  'ebm-fake-runs-',
  (runsDir) => serveFake({ runsDir, storedRuns: [vaeRun, sparseRun, energyRun] }),
  (opened) => ({ page } = opened),
  { light: false },
);

const items = (): Locator => page.getByTestId('run-item');
const item = (runId: string): Locator => page.locator(`[data-testid="run-item"][data-run-id="${runId}"]`);
const ids = (): Promise<(string | null)[]> =>
  items().evaluateAll((els) => els.map((el) => el.getAttribute('data-run-id')));
const sent = (type: string) => lab.server.commands.filter((c) => c.type === type);

describe('the runs list', () => {
  it('lists every lab, newest first, and marks the failed run as failed', async () => {
    await expect.poll(ids).toEqual([energyRun.runId, sparseRun.runId, vaeRun.runId]);
    expect(await item(sparseRun.runId).getByTestId('run-state').getAttribute('data-state')).toBe('failed');
    expect(await item(sparseRun.runId).getByTestId('run-state').textContent()).toBe('failed');
  });

  it('filters by lab', async () => {
    const filter = page.getByTestId('runs-filter');
    const titles = await filter.locator('option').allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining(['All labs', 'Sparse coding · LISTA', 'Energy landscapes']),
    );
    await filter.selectOption({ label: 'Sparse coding · LISTA' });
    await expect.poll(ids).toEqual([sparseRun.runId]);
    await filter.selectOption({ label: 'Convolutional sparse coding' });
    await expect.poll(ids).toEqual([]);
    await expect
      .poll(() => page.getByTestId('runs-list').textContent())
      .toContain('No runs of this lab yet.');
    await filter.selectOption('all');
    await expect.poll(ids).toEqual([energyRun.runId, sparseRun.runId, vaeRun.runId]);
  });

  it('renames a run in place: Escape keeps the old name, a blank name cannot be saved', async () => {
    const row = item(energyRun.runId);
    await row.getByTestId('run-rename').click();
    await row.getByTestId('run-name-input').fill('the spiral I showed');
    await row.getByTestId('run-name-input').press('Escape');
    expect(await row.getByTestId('run-name').textContent()).toBe(energyRun.label);
    expect(sent('rename-run')).toEqual([]);

    await row.getByTestId('run-rename').click();
    await row.getByTestId('run-name-input').fill('   ');
    expect(await row.getByTestId('run-name-save').isDisabled()).toBe(true);
    await row.getByTestId('run-name-input').fill('  the spiral I showed ');
    await row.getByTestId('run-name-input').press('Enter');
    await expect.poll(() => row.getByTestId('run-name').textContent()).toBe('the spiral I showed');
    expect(sent('rename-run')).toMatchObject([
      { type: 'rename-run', runId: energyRun.runId, name: 'the spiral I showed' },
    ]);
    // The lab's own label stays beside the name.
    expect(await row.textContent()).toContain(energyRun.label);
  });

  it('deletes a run only after a confirmation that names it, and only that run', async () => {
    const row = item(vaeRun.runId);
    await row.getByTestId('run-delete').click();
    const confirm = row.getByTestId('delete-confirm');
    expect(await confirm.textContent()).toContain(vaeRun.label);
    expect(await confirm.textContent()).toContain(vaeRun.runId);
    await screenshot(page, 'runs-list-delete-confirm.png');
    await row.getByTestId('delete-no').click();
    expect(await row.getByTestId('run-name').textContent()).toBe(vaeRun.label);
    expect(sent('delete-run')).toEqual([]);

    await row.getByTestId('run-delete').click();
    await row.getByTestId('delete-yes').click();
    await expect.poll(ids).toEqual([energyRun.runId, sparseRun.runId]);
    expect(sent('delete-run')).toMatchObject([{ type: 'delete-run', runId: vaeRun.runId }]);
  });

  it('offers no delete while a run trains', async () => {
    await page.getByTestId('field-epochs').fill('200');
    await page.getByTestId('start').click();
    await expect.poll(() => items().count()).toBe(3);
    const live = items().first();
    await expect.poll(() => live.getByTestId('run-state').textContent()).toBe('running');
    expect(await live.getByTestId('run-delete').isDisabled()).toBe(true);
    await page.getByTestId('stop').click();
    await expect.poll(() => live.getByTestId('run-delete').isDisabled()).toBe(false);
  });
});

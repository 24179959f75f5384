import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { useDatasetManifest } from '../hooks/useDatasetManifest.js';
import { createFakeMlApi } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { DatasetsPage } from './DatasetsPage.js';

afterEach(cleanup);

function Page() {
  return <DatasetsPage manifest={useDatasetManifest()} />;
}

function renderPage(api = createFakeMlApi()) {
  return render(
    <MlApiProvider api={api} studio={createFakeStudio()}>
      <Page />
    </MlApiProvider>,
  );
}

it('settles after a selection while the rows area has no size yet (no render loop)', async () => {
  renderPage();
  await screen.findByRole('region', { name: 'Dataset rows' });
  // Re-selecting the selected card re-renders the preview with the same rows.
  await act(async () => fireEvent.click(screen.getByRole('button', { name: /^A/ })));
  await act(async () => fireEvent.click(screen.getByRole('button', { name: /^B/ })));
  expect(screen.getByRole('button', { name: /^B/ }).getAttribute('aria-pressed')).toBe('true');
});

describe('DatasetsPage with a sized viewport', () => {
  // jsdom has no layout: give elements a size so the virtualiser has a viewport to fill.
  const sizes = { clientHeight: 420, clientWidth: 800, offsetHeight: 28, offsetWidth: 800 };
  const originals = Object.keys(sizes).map(
    (k) => [k, Object.getOwnPropertyDescriptor(HTMLElement.prototype, k)] as const,
  );
  beforeAll(() => {
    for (const [k, v] of Object.entries(sizes))
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, value: v });
  });
  afterAll(() => {
    for (const [k, d] of originals) if (d) Object.defineProperty(HTMLElement.prototype, k, d);
  });

  it('shows the manifest as cards and previews the selected dataset’s rows, re-rendering calmly', async () => {
    const api = createFakeMlApi();
    api.rows = async (datasetId) => ({
      datasetId,
      columns: ['x1', 'x2', 'target'],
      rows: [[datasetId === 'a' ? 1.5 : 2.5, 2, 'yes']],
      total: 1,
      offset: 0,
    });
    renderPage(api);
    const preview = await screen.findByRole('region', { name: 'Dataset rows' });
    expect(within(preview).getByRole('columnheader', { name: 'target (target)' })).toBeTruthy();
    expect(await within(preview).findByRole('cell', { name: '1.5' })).toBeTruthy();
    // Selecting re-renders the page; the virtualised table must settle (it once looped forever here).
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^B/ })));
    expect(screen.getByRole('button', { name: /^B/ }).getAttribute('aria-pressed')).toBe('true');
    const next = await screen.findByRole('cell', { name: '2.5' });
    expect(next).toBeTruthy();
    expect(screen.getByRole('button', { name: /^A/ }).getAttribute('aria-pressed')).toBe('false');
  });
});

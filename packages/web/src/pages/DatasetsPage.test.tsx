import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { StoredRun } from '@trainyard/core';
import { afterEach, describe, expect, it } from 'vitest';
import { MlApiProvider } from '../api/StudioServices.js';
import { useDatasetManifest } from '../hooks/useDatasetManifest.js';
import { createFakeMlApi, dataset } from '../testing/fakeMlApi.js';
import { createFakeStudio } from '../testing/fakeStudio.js';
import { giveLayoutSizes } from '../testing/sizedLayout.js';
import { DatasetsPage } from './DatasetsPage.js';

afterEach(cleanup);

function Page() {
  return <DatasetsPage manifest={useDatasetManifest()} />;
}

function renderPage(api = createFakeMlApi(), studio = createFakeStudio()) {
  return render(
    <MlApiProvider api={api} studio={studio}>
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
  giveLayoutSizes({ clientHeight: 420, clientWidth: 800, offsetHeight: 28, offsetWidth: 800 });

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

describe('DatasetsPage upload and management', () => {
  const pickFile = async (file: File) => {
    const input = screen.getByLabelText('CSV file') as HTMLInputElement;
    await act(async () => fireEvent.change(input, { target: { files: [file] } }));
  };
  const png = () =>
    new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], 'cat.png');

  it('refuses a PNG as "not a text CSV" when picked, and clears that error when a CSV is picked next', async () => {
    renderPage();
    await screen.findByRole('region', { name: 'Dataset rows' });
    await pickFile(png());
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /cat\.png: The file is not a text CSV: it looks like a PNG/,
    );
    expect((screen.getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(true);
    await pickFile(new File(['a,b,label\n1,2,x\n'], 'good.csv'));
    await waitFor(() =>
      expect((screen.getByRole('button', { name: 'Upload' }) as HTMLButtonElement).disabled).toBe(false),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says an empty file is empty instead of only disabling Upload', async () => {
    renderPage();
    await screen.findByRole('region', { name: 'Dataset rows' });
    await pickFile(new File([], 'empty.csv'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/empty\.csv: The CSV file is empty/);
  });

  it('offers a dataset uploaded before (same bytes) instead of uploading it again', async () => {
    const bytes = new TextEncoder().encode('a,b,label\n1,2,x\n');
    const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    const api = createFakeMlApi();
    api.manifest = [
      ...api.manifest,
      { ...dataset('mine'), name: 'My data', builtIn: false, contentHash: hash },
    ];
    renderPage(api);
    await screen.findByRole('region', { name: 'Dataset rows' });
    await pickFile(new File([bytes], 'again.csv'));
    const use = await screen.findByRole('button', { name: 'Use My data' });
    expect(screen.getByRole('button', { name: 'Upload anyway' })).toBeTruthy();
    await act(async () => fireEvent.click(use));
    expect(screen.getByRole('button', { name: /^My data/ }).getAttribute('aria-pressed')).toBe('true');
  });

  it('renames an uploaded dataset and, before deleting it, says how many runs used it (then forces)', async () => {
    const api = createFakeMlApi();
    api.manifest = [...api.manifest, { ...dataset('mine'), name: 'My data', builtIn: false }];
    const studio = createFakeStudio({ runs: [{ id: 'r1', datasetId: 'mine' } as StoredRun] });
    const renamed: string[] = [];
    const deleted: Array<[string, boolean | undefined]> = [];
    studio.renameDataset = async (id, name) => {
      renamed.push(name);
      return { ...dataset(id), name };
    };
    studio.deleteDataset = async (id, opts) => {
      deleted.push([id, opts?.force]);
    };
    studio.listRuns = async (filter) => (filter?.datasetId === 'mine' ? [{ id: 'r1' } as StoredRun] : []);
    renderPage(api, studio);
    await screen.findByRole('region', { name: 'Dataset rows' });
    // Built-ins have no rename or delete; every card offers training on it.
    expect(screen.getAllByRole('button', { name: 'Train on this dataset' })).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Delete…' })).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^My data/ })));
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Sales' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Rename' })));
    expect(renamed).toEqual(['Sales']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete…' })));
    expect(screen.getByRole('group').textContent).toMatch(
      /1 run was trained on My data; they and their models stay/,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete dataset' })));
    expect(deleted).toEqual([['mine', true]]);
  });
});

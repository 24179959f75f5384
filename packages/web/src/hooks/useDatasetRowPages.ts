import type { DatasetRows } from '@trainyard/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';

type Row = DatasetRows['rows'][number];

/** Rows per request; the server caps `limit` at 1000. */
export const ROW_PAGE_SIZE = 500;
/** Pages kept in memory while scrolling a large dataset (oldest dropped first). */
const MAX_PAGES = 40;

export interface DatasetRowPages {
  /** The row at an absolute index, or undefined while its page is loading. */
  rowAt(index: number): Row | undefined;
  /** Asks for the pages covering [start, end] (inclusive); already loaded or pending pages are skipped. */
  requestRange(start: number, end: number): void;
  error: string | null;
  /** Bumps whenever a page lands, so memoised views of the rows know to refresh. */
  version: number;
}

/**
 * Server pagination for the rows preview: the first page comes from the cached `useDatasetRows`
 * answer, the rest is fetched page by page as the virtualised table scrolls.
 *
 * @example const pages = useDatasetRowPages(rows); pages.requestRange(0, 40);
 */
export function useDatasetRowPages(first: DatasetRows | undefined): DatasetRowPages {
  const { api } = useStudioServices();
  const pages = useRef(new Map<number, Row[]>());
  const pending = useRef(new Set<number>());
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const datasetId = first?.datasetId;

  useEffect(() => {
    pages.current = new Map();
    pending.current = new Set();
    setError(null);
    // The cached first page covers rows [offset, offset + length); index it by absolute row number.
    if (first) {
      first.rows.forEach((row, i) => {
        const index = first.offset + i;
        const page = Math.floor(index / ROW_PAGE_SIZE);
        const rows = pages.current.get(page) ?? [];
        rows[index % ROW_PAGE_SIZE] = row;
        pages.current.set(page, rows);
      });
    }
    setVersion((v) => v + 1);
  }, [first]);

  const rowAt = useCallback(
    (index: number) => pages.current.get(Math.floor(index / ROW_PAGE_SIZE))?.[index % ROW_PAGE_SIZE],
    [],
  );

  const requestRange = useCallback(
    (start: number, end: number) => {
      if (!datasetId || !first || error) return;
      const last = Math.min(end, first.total - 1);
      for (let page = Math.floor(start / ROW_PAGE_SIZE); page * ROW_PAGE_SIZE <= last; page++) {
        const loaded = pages.current.get(page);
        const full =
          loaded &&
          loaded.filter(Boolean).length >= Math.min(ROW_PAGE_SIZE, first.total - page * ROW_PAGE_SIZE);
        if (full || pending.current.has(page)) continue;
        pending.current.add(page);
        const map = pages.current;
        api.getDatasetRows(datasetId, { offset: page * ROW_PAGE_SIZE, limit: ROW_PAGE_SIZE }).then(
          (res) => {
            pending.current.delete(page);
            if (map !== pages.current) return; // the dataset changed meanwhile
            map.set(page, res.rows);
            if (map.size > MAX_PAGES) map.delete(map.keys().next().value as number);
            setVersion((v) => v + 1);
          },
          (err: unknown) => {
            pending.current.delete(page);
            setError(err instanceof Error ? err.message : 'Could not load rows');
          },
        );
      }
    },
    [api, datasetId, first, error],
  );

  return useMemo(() => ({ rowAt, requestRange, error, version }), [rowAt, requestRange, error, version]);
}

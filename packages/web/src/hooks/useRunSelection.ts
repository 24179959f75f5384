import { useCallback, useState } from 'react';
import { MAX_COMPARED } from '../components/RunTable.js';

export interface RunSelection {
  /** Ids ticked for comparison, in the order ticked (at most MAX_COMPARED). */
  compared: string[];
  toggleCompared(id: string): void;
  /** Ids inside the parallel-coordinates brush; null when nothing is brushed. */
  brushed: ReadonlySet<string> | null;
  setBrushed(ids: ReadonlySet<string> | null): void;
}

/**
 * What the analysis views and the run table share: the runs ticked for comparison and the runs
 * brushed on the parallel coordinates.
 *
 * @example const s = useRunSelection(); <RunTable compared={s.compared} onCompare={s.toggleCompared} shown={s.brushed} … />
 */
export function useRunSelection(): RunSelection {
  const [compared, setCompared] = useState<string[]>([]);
  const [brushed, setBrushed] = useState<ReadonlySet<string> | null>(null);
  const toggleCompared = useCallback(
    (id: string) =>
      setCompared((ids) =>
        ids.includes(id) ? ids.filter((x) => x !== id) : ids.length < MAX_COMPARED ? [...ids, id] : ids,
      ),
    [],
  );
  return { compared, toggleCompared, brushed, setBrushed };
}

import { type ComponentType, lazy, Suspense } from 'react';
import { StatusMessage } from '../components/StatusMessage.js';

/**
 * A page loaded on first visit (its own chunk of the build), shown as a loading message until then:
 * the first page does not download the charts and tables of the pages it does not show.
 *
 * @example const RunsPage = lazyPage(() => import('../pages/RunsPage.js').then((m) => m.RunsPage));
 */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
  loading = 'Loading the page…',
): ComponentType<P> {
  const Page = lazy(async () => ({ default: await load() }));
  // biome-ignore lint/correctness/noComponentHookFactories: called once per page at module scope, like React.lazy itself.
  return function LazyPage(props: P) {
    return (
      <Suspense fallback={<StatusMessage kind="loading">{loading}</StatusMessage>}>
        <Page {...props} />
      </Suspense>
    );
  };
}

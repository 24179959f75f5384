import type { ReactNode } from 'react';

/** The one look for empty, loading and error states, so every page says what is going on. */
export function StatusMessage(props: { kind: 'empty' | 'loading' | 'error'; children: ReactNode }) {
  const { kind, children } = props;
  if (kind === 'error') {
    return (
      <p className="status status-error" role="alert">
        {children}
      </p>
    );
  }
  return (
    <p className={`status status-${kind}`} role="status" aria-busy={kind === 'loading'}>
      {children}
    </p>
  );
}

import { useEffect, useRef, useState } from 'react';

type Step = 'idle' | 'confirming' | 'deleting';

/**
 * Delete for one run, asked once more inline (like the Models page). Focus follows the buttons so the
 * keyboard never loses its place: Delete → Confirm delete, and back to Delete on Keep or a failure.
 */
export function RunDeleteButton(props: {
  /** Names the run in the accessible labels, e.g. "run 3". */
  runLabel: string;
  /** Set when the run cannot be deleted now (it is still training). */
  disabledReason?: string | undefined;
  /** Deletes the run; resolves true when it is gone, false when it failed (the page says why). */
  onConfirm: () => Promise<boolean>;
}) {
  const { runLabel, disabledReason, onConfirm } = props;
  const [step, setStep] = useState<Step>('idle');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (step === 'confirming') confirmRef.current?.focus();
    if (step === 'idle' && returnFocus.current) {
      returnFocus.current = false;
      deleteRef.current?.focus();
    }
  }, [step]);

  const back = () => {
    returnFocus.current = true;
    setStep('idle');
  };

  if (step === 'idle') {
    return (
      <button
        ref={deleteRef}
        type="button"
        onClick={() => setStep('confirming')}
        disabled={disabledReason !== undefined}
        title={disabledReason}
        aria-label={`Delete ${runLabel}`}
      >
        Delete
      </button>
    );
  }
  return (
    <div className="actions">
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        disabled={step === 'deleting'}
        aria-label={`Confirm delete ${runLabel}`}
        onClick={async () => {
          setStep('deleting');
          // On success the row (and this button) usually goes away; on failure the page shows why.
          if (await onConfirm()) setStep('idle');
          else back();
        }}
      >
        {step === 'deleting' ? 'Deleting…' : 'Confirm delete'}
      </button>
      <button type="button" onClick={back} disabled={step === 'deleting'} aria-label={`Keep ${runLabel}`}>
        Keep
      </button>
    </div>
  );
}

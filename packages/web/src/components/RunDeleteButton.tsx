import { useEffect, useRef, useState } from 'react';

type Step = 'idle' | 'confirming' | 'deleting';

/**
 * Delete for one run, asked once more inline (like the Models page). Focus follows the buttons so the
 * keyboard never loses its place: Delete → Confirm delete, and back to Delete on Keep or a failure.
 * A run with a saved model asks whether the model goes too ("and its model", off by default: nothing
 * is lost unasked); a kept model names its run on the Models page.
 */
export function RunDeleteButton(props: {
  /** Names the run in the accessible labels, e.g. "run 3". */
  runLabel: string;
  /** Set when the run cannot be deleted now (it is still training). */
  disabledReason?: string | undefined;
  /** The run has a saved model: ask whether it goes too. */
  hasModel?: boolean;
  /** Deletes the run (and its model); resolves true when it is gone, false when it failed (the page says why). */
  onConfirm: (deleteModel: boolean) => Promise<boolean>;
}) {
  const { runLabel, disabledReason, hasModel = false, onConfirm } = props;
  const [step, setStep] = useState<Step>('idle');
  const [withModel, setWithModel] = useState(false);
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
          if (await onConfirm(hasModel && withModel)) setStep('idle');
          else back();
        }}
      >
        {step === 'deleting' ? 'Deleting…' : 'Confirm delete'}
      </button>
      {hasModel && (
        <label className="inline-check">
          <input
            type="checkbox"
            checked={withModel}
            disabled={step === 'deleting'}
            onChange={(e) => setWithModel(e.target.checked)}
          />
          and its model
        </label>
      )}
      <button type="button" onClick={back} disabled={step === 'deleting'} aria-label={`Keep ${runLabel}`}>
        Keep
      </button>
    </div>
  );
}

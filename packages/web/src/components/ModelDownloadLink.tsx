import { errorMessage } from '@trainyard/core';
import { type MouseEvent, useState } from 'react';
import { useStudioServices } from '../api/StudioServices.js';
import { saveBlob } from '../util/downloadText.js';

/**
 * A plain link to `/api/models/:id/download` (the browser's own download). When the server needs
 * a token, a link cannot send the header, so the archive is fetched with it and saved instead.
 */
export function ModelDownloadLink(props: {
  modelId: string;
  label?: string;
  /** The saved file's name (core's modelArchiveName); the server's Content-Disposition says the same. */
  fileName?: string;
  /** Names the model in the accessible label when several links share a page. */
  ariaLabel?: string;
}) {
  const { studio } = useStudioServices();
  const [error, setError] = useState<string | null>(null);
  const { modelId, label = 'Download', fileName = `${modelId}.zip`, ariaLabel } = props;

  async function withToken(e: MouseEvent<HTMLAnchorElement>) {
    if (!studio.token) return;
    e.preventDefault();
    setError(null);
    try {
      saveBlob(fileName, new Blob([await studio.downloadModel(modelId)]));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <>
      <a
        className="button"
        href={studio.modelDownloadUrl(modelId)}
        download={fileName}
        onClick={withToken}
        aria-label={ariaLabel}
      >
        {label}
      </a>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

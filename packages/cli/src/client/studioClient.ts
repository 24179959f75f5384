import type { HttpStudioClient } from '@trainyard/core';

/**
 * Everything a command needs from a studio: the embedded one (store under --home, in this
 * process) or a running server (--server URL). Both are core's HTTP studio client underneath;
 * failures reject with core's `MlApiError`.
 */
export interface StudioClient extends Omit<HttpStudioClient, 'baseUrl' | 'deleteRun' | 'modelDownloadUrl'> {
  /** 'embedded' runs in this process (its sweeps stop with it); 'remote' is a server. */
  readonly kind: 'embedded' | 'remote';
  /** Where the studio lives, for messages: a directory or a URL. */
  readonly location: string;
  close(): Promise<void>;
}

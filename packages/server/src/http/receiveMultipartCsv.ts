import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';
import { saveUpload, tooLarge } from './saveUpload.js';

export interface MultipartCsv {
  /** The form's text fields (name, target, task), as sent. */
  fields: Record<string, string>;
  /** The uploaded file's own name, used as the dataset name when the form gives none. */
  filename: string;
}

/**
 * Streams the one file part of a multipart/form-data upload (`curl -F file=@data.csv -F target=y`)
 * into `file`, never buffering it whole, and collects the text fields around it. Over `limit` bytes
 * answers 413, like the raw text/csv upload.
 */
export async function receiveMultipartCsv(
  request: FastifyRequest,
  file: string,
  limit: number,
): Promise<MultipartCsv> {
  const fields: Record<string, string> = {};
  let filename: string | undefined;
  try {
    const parts = request.parts({ limits: { fileSize: limit, files: 1, fields: 20, fieldSize: 10_000 } });
    for await (const part of parts) {
      if (part.type === 'file') {
        filename = part.filename;
        await saveUpload(part.file, file, { limit });
        if (part.file.truncated) throw tooLarge(limit);
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw new HttpError('PAYLOAD_TOO_LARGE', 'Send one CSV file per upload', { field: 'file' });
    }
    if (status === 413) throw tooLarge(limit);
    throw new HttpError('VALIDATION', `The multipart upload could not be read: ${(err as Error).message}`, {
      field: 'body',
    });
  }
  if (filename === undefined) {
    throw new HttpError('VALIDATION', 'Attach the CSV as a file field of the form (e.g. -F file=@data.csv)', {
      field: 'file',
    });
  }
  return { fields, filename };
}

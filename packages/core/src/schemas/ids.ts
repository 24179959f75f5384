import { z } from 'zod';
import { showValue } from './showValue.js';

/** Letters, digits, `_` and `-` only: an id can never name a path on the server's disk. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

const idSchema = (label: string) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${label} is required`
          : `${label} must be a text id: ${showValue(issue.input)}`,
    })
    .regex(ID_PATTERN, {
      error: (issue) => `${label} must be 1-100 letters, digits, _ or -: ${showValue(issue.input)}`,
    });

/** @example DatasetIdSchema.parse('iris') // 'iris' */
export const DatasetIdSchema = idSchema('Dataset id');
/** @example ModelIdSchema.safeParse('../x').success // false */
export const ModelIdSchema = idSchema('Model id');
/** Ids of stored runs and sweeps. */
export const RecordIdSchema = idSchema('Id');

import pc from 'picocolors';
import type { CliIo } from './cliIo.js';

export type Colors = ReturnType<typeof pc.createColors>;

/** Colours only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorsFor(io: Pick<CliIo, 'env' | 'isTTY'>): Colors {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return pc.createColors(io.isTTY && !noColor);
}

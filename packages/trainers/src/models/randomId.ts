/** Opaque random ids: lowercase RFC 4648 base32 (a-z, 2-7), safe in paths and URLs. */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * @example randomBase32(16) // 'k3q7zvd2m5xa4nbe' (80 random bits)
 */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

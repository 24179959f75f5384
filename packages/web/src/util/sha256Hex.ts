/**
 * SHA-256 of some bytes in hex, as the server stores it in DatasetOption.contentHash; undefined
 * where the page has no Web Crypto (an http:// address other than localhost).
 */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = new Uint8Array(await subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

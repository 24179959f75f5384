/**
 * The bytes of a Blob (a picked File or a slice of it) through FileReader, which every browser and
 * jsdom have (jsdom's Blob has no arrayBuffer()).
 */
export function readBlobBytes(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file'));
    reader.readAsArrayBuffer(blob);
  });
}

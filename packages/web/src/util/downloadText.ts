/** Saves text as a file through a temporary object URL (the browser's download prompt). */
export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  saveBlob(filename, new Blob([text], { type }));
}

/** Saves a blob as a file through a temporary object URL. */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The number a text field holds, or undefined when it is empty or not a finite number (the Runs
 * page's score fields and their URL parameters).
 *
 * @example optionalNumber('0.9') // 0.9
 * @example optionalNumber('abc') // undefined
 */
export function optionalNumber(text: string): number | undefined {
  return text.trim() === '' || !Number.isFinite(Number(text)) ? undefined : Number(text);
}

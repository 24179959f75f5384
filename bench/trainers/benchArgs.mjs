// What the benchmark scripts share: the median they report and their `--kebab-case value` flags.

/** Median of a list of numbers (the mean of the middle two for an even count). */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * `--rows 5000 --cpu false --python /usr/bin/python3` → `{ rows: 5000, cpu: false, python: '…' }`,
 * each value typed like the default of the same name (boolean, string, else number).
 */
export function parseBenchArgs(argv, defaults = {}) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    const raw = argv[i + 1];
    const kind = typeof defaults[key];
    options[key] = kind === 'boolean' ? raw !== 'false' : kind === 'string' ? raw : Number(raw);
  }
  return options;
}

// Each analysis view of a 10,000-run sweep in Chromium, from tab click to drawn (goal: 300 ms).
// The timing lives with the e2e harness that starts the studio and the browser
// (test/e2e/webAnalysis.test.ts); this runs that one test and prints its figures.
import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

const res = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'e2e', 'test/e2e/webAnalysis.test.ts', '-t', '10,000-run sweep'],
  { encoding: 'utf8' },
);
const text = stripVTControlCharacters(`${res.stdout}\n${res.stderr}`);
const line = text.split('\n').find((l) => l.startsWith('10,000-run sweep'));
console.log(line ?? `no timing printed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
if (res.status !== 0 || !line) process.exitCode = 1;

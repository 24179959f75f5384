#!/usr/bin/env node
// Runs every test suite (Vitest projects: unit, web, e2e) and prints the one closing line CI reads:
// `N passed, N failed`, summed over all suites. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-output';
mkdirSync(out, { recursive: true });
const suites = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['unit', 'web', 'e2e'];

let passed = 0;
let failed = 0;
let crashed = false;
for (const suite of suites) {
  const report = `${out}/vitest-${suite}.json`;
  rmSync(report, { force: true });
  const args = [
    'vitest',
    'run',
    '--project',
    suite,
    '--passWithNoTests',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
  console.log(`\n== suite: ${suite}`);
  const res = spawnSync('npx', args, { stdio: 'inherit' });
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    // A suite file that fails to load has no failed test but still fails the run.
    if (res.status !== 0 && json.numFailedTests === 0) {
      crashed = true;
      failed += 1;
    }
  } catch {
    console.error(`suite ${suite} produced no report (exit ${res.status})`);
    crashed = true;
    failed += 1;
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || crashed ? 1 : 0);

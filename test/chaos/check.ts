import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check, formatSummary } from './checker.js';
import { readHistory } from './history.js';

/**
 * Check a recorded chaos history again (after changing the checker, or to look at an old run):
 *   node dist/chaos/check.js DIR      (DIR holds history.jsonl; report.json is rewritten)
 * Exit code 1 when the history has a violation.
 */
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node dist/chaos/check.js DIR   (a chaos run\'s output directory, holding history.jsonl)');
  process.exit(2);
}
const events = await readHistory(join(dir, 'history.jsonl'));
const report = check(events);
await writeFile(join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
console.log(formatSummary(report));
process.exit(report.ok ? 0 : 1);

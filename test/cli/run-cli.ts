import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { RUNNEL_BIN } from '../harness/cluster.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the built `runnel` command with `args`, feeding `input` to its stdin (then EOF), and
 * collect its output. A run that outlives `timeoutMs` is killed and fails the test.
 */
export function runCli(args: string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNEL_BIN, ...args], { env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`runnel ${args.join(' ')} did not exit within ${timeoutMs} ms\nstdout: ${stdout.slice(-2000)}\nstderr: ${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** Lines of text without the final newline's empty tail. */
export function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** The one line a failed command must print: named, prefixed, no stack trace. */
export function expectOneLineError(r: CliResult, pattern: RegExp): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr).not.toContain('    at ');
  const errLines = lines(r.stderr);
  expect(errLines).toHaveLength(1);
  expect(errLines[0]).toMatch(/^runnel: /);
  expect(errLines[0]).toMatch(pattern);
}

/** `runnel` with `--bootstrap` of a cluster, and `ok`, which fails the test on a non-zero exit. */
export function cliAgainst(bootstrap: () => string, timeoutMs = 30_000): { runnel: (args: string[]) => Promise<CliResult>; ok: (args: string[]) => Promise<CliResult> } {
  const runnel = (args: string[]): Promise<CliResult> => runCli([...args, '--bootstrap', bootstrap()], { timeoutMs });
  const ok = async (args: string[]): Promise<CliResult> => {
    const r = await runnel(args);
    if (r.code !== 0) throw new Error(`runnel ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r;
  };
  return { runnel, ok };
}

/** A table as rows of cells (split on runs of spaces); the header row first. */
export function table(text: string): string[][] {
  return lines(text).map((l) => l.trim().split(/\s+/));
}

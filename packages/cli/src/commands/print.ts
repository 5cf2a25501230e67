/** A line on stdout. */
export function print(text: string): void {
  process.stdout.write(text + '\n');
}

/** A value as indented JSON on stdout (--output json). */
export function json(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** A remark for the person at the terminal, on stderr so stdout stays a clean table. */
export function note(text: string): void {
  process.stderr.write(text + '\n');
}

/** What a command talks to: injectable so tests can drive `run()` in-process too. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  stdin: AsyncIterable<Buffer | string>;
  env: Record<string, string | undefined>;
  /** Working directory for relative paths. */
  cwd: string;
}

/** Reads the whole of stdin as text (for `--token-stdin`). */
export async function readStdin(io: CliIo): Promise<string> {
  let text = '';
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return text;
}

import { createRequire } from 'node:module';
import { readOptions, USAGE } from './options';
import { startStandIn } from './startStandIn';
import { describeConnection } from './printConnection';
import { StandInCliError } from './StandInCliError';

export interface StandInCliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Resolves when the stand-in should stop (the bin: the first SIGINT or SIGTERM). */
  stopped: Promise<unknown>;
}

/** How long stopping may take before the command gives up waiting (open widget pages keep polling). */
const CLOSE_LIMIT_MS = 5_000;

/** The package's own version, from its package.json (a self-reference works from src/ and from dist/). */
function packageVersion(): string {
  return (createRequire(import.meta.url)('@wootkit/testing/package.json') as { version: string }).version;
}

/** Runs `wootkit-standin`; resolves to the exit code once the stand-in has stopped (or could not start). */
export async function run(argv: string[], io: StandInCliIo): Promise<number> {
  try {
    const options = readOptions(argv);
    if (options.command === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    if (options.command === 'version') {
      io.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    const { fake, connection } = await startStandIn(options);
    io.stdout.write(options.json ? `${JSON.stringify(connection)}\n` : describeConnection(connection, packageVersion()));
    await io.stopped;
    const closed = await Promise.race([
      fake.close().then(() => true),
      new Promise<false>((resolve) => setTimeout(resolve, CLOSE_LIMIT_MS, false).unref()),
    ]);
    if (!closed) {
      io.stderr.write(`wootkit-standin: did not stop within ${CLOSE_LIMIT_MS} ms; exiting anyway.\n`);
      return 1;
    }
    if (!options.json) io.stdout.write('Chatwoot stand-in stopped.\n');
    return 0;
  } catch (error) {
    if (error instanceof StandInCliError) {
      io.stderr.write(`wootkit-standin: ${error.message}\n`);
      return error.exitCode;
    }
    // Unknown failures are reduced to their name and message; nothing here holds a secret, but no stack either.
    io.stderr.write(`wootkit-standin: unexpected ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    return 1;
  }
}

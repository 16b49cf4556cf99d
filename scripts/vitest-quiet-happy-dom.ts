import nodeConsole from 'node:console';

/**
 * happy-dom reports, on the Node console and outside vitest's per-test capture, two things that are not problems in
 * these unit tests: resource loading that the config disables on purpose (`… loading is disabled`), and fetches it
 * aborts itself when a test removes or re-points an iframe (its task manager is destroyed). Hundreds of stack traces in a passing run hide the lines that matter,
 * so exactly these two are dropped; everything else still prints.
 */
const HARMLESS = [
  (message: string) => message.includes('NotSupportedError') && /loading is disabled/.test(message),
  (message: string) => message.includes('AbortError') && message.includes('happy-dom/lib/') && message.includes('AsyncTaskManager.destroy'),
];

const original = nodeConsole.error.bind(nodeConsole);
nodeConsole.error = (...args: unknown[]) => {
  const text = args.map((arg) => (arg instanceof Error ? `${arg.name} ${arg.message}\n${arg.stack ?? ''}` : String(arg))).join(' ');
  if (HARMLESS.some((isHarmless) => isHarmless(text))) return;
  original(...args);
};

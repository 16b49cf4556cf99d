/** What the progress display shows. */
export interface ProgressCounts {
  done: number;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/**
 * Progress of a long run: a bar redrawn in place on a terminal, or — when the output is a file, a pipe or CI — a
 * plain line each time another `everyPercent` % is done, so logs stay readable.
 */
export function createProgress(
  out: { write(text: string): unknown },
  options: { interactive: boolean; everyPercent: number },
) {
  let nextPercent = options.everyPercent;
  let lastDraw = 0;
  return {
    update(counts: ProgressCounts, final = false): void {
      const percent = counts.total === 0 ? 100 : Math.floor((counts.done / counts.total) * 100);
      const detail = `${counts.done}/${counts.total}  created ${counts.created}  updated ${counts.updated}  unchanged ${counts.unchanged}  failed ${counts.failed}`;
      if (options.interactive) {
        const now = Date.now();
        if (!final && now - lastDraw < 80) return; // at most ~12 redraws a second
        lastDraw = now;
        const width = 30;
        const filled = Math.round((percent / 100) * width);
        out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}%  ${detail}${final ? '\n' : ''}`);
        return;
      }
      while (percent >= nextPercent && nextPercent <= 100) {
        out.write(`progress ${nextPercent}%  ${detail}\n`);
        nextPercent += options.everyPercent;
      }
    },
  };
}

/** A two-column table with right-aligned counts. */
export function table(rows: Array<[string, number]>): string {
  const width = Math.max(...rows.map(([label]) => label.length), 6);
  const numbers = Math.max(...rows.map(([, value]) => String(value).length), 5);
  const line = (label: string, value: string) => `${label.padEnd(width)}  ${value.padStart(numbers)}\n`;
  return line('result', 'count') + line('-'.repeat(width), '-'.repeat(numbers)) + rows.map(([label, value]) => line(label, String(value))).join('');
}

/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (pipes and CI logs stay clean).
 */
export interface Progress {
  tick(label?: string): void;
  done(): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let n = 0;
  let last = 0;
  const tty = !!stream.isTTY && total > 1;
  const draw = (label = ''): void => {
    const width = 24;
    const filled = Math.round((n / total) * width);
    const secs = (Date.now() - started) / 1000;
    const rate = n / Math.max(secs, 0.001);
    const eta = rate > 0 ? Math.round((total - n) / rate) : 0;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${n}/${total} ${rate.toFixed(1)}/s ETA ${eta}s ${label}`.slice(0, (stream.columns || 100) - 1);
    stream.write(`\r${line}\x1b[K`);
  };
  return {
    tick(label) {
      n++;
      if (tty && (Date.now() - last > 80 || n === total)) {
        last = Date.now();
        draw(label);
      }
    },
    done() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}

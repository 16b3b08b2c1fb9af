import cliProgress from 'cli-progress';

export interface ProgressBar {
  update(done: number, total: number, rate: number): void;
  stop(): void;
}

/**
 * A bar on stderr with the rate and ETA (cli-progress); where stderr is not a terminal, a plain line every few
 * seconds instead, so logs of a long job still show that it moves.
 */
export function progressBar(unit: string): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, rate) {
      const payload = { rate: Math.round(rate) };
      if (!started) {
        bar.start(Math.max(total, done), done, payload);
        started = true;
      } else {
        bar.setTotal(Math.max(total, done));
        bar.update(done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

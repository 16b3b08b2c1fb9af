import { commandOutcomeOf, type CommandObserver, type ObservedCommand } from '@claimtrail/claims';
import { whenSettled } from '@claimtrail/platform';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Claim commands by type and outcome (accepted, a refusal code, error), and how long each took. */
export class CommandMetrics implements CommandObserver {
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly duration: Histogram<'command'>;

  constructor(registry: Registry) {
    this.commands = new Counter({
      name: 'claimtrail_commands_total',
      help: 'Claim commands executed, by command and outcome (accepted, the refusal code, or error)',
      labelNames: ['command', 'outcome'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'claimtrail_command_duration_seconds',
      help: 'Claim commands from load to append (conflict retries included), by command',
      labelNames: ['command'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  observe<T>(command: ObservedCommand, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    return whenSettled(run, (failure) => {
      this.commands.inc({
        command: command.type,
        outcome: failure ? commandOutcomeOf(failure.error) : 'accepted',
      });
      this.duration.observe({ command: command.type }, (performance.now() - started) / 1000);
    });
  }
}

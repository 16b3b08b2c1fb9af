import { registerAs } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export interface ConfigProblem {
  key: string;
  message: string;
}

/** Start-up refused: every bad key with the rule it breaks, never the value (it may be a secret). */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.key} ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Record<string, string | undefined>;

/**
 * One library's settings: a class-validator schema over the environment keys it reads (values arrive as strings;
 * implicit conversion turns them into the declared types) and a function from the validated keys to its settings.
 */
export interface ConfigSection<Settings, Schema extends object = object> {
  readonly namespace: string;
  readonly schema: new () => Schema;
  build(env: Schema): Settings;
}

export function defineConfig<Schema extends object, Settings>(
  namespace: string,
  schema: new () => Schema,
  build: (env: Schema) => Settings,
): ConfigSection<Settings, Schema> {
  return { namespace, schema, build };
}

type SettingsOf<Sections> = { [K in keyof Sections]: Sections[K] extends ConfigSection<infer S> ? S : never };

function problemsOf(errors: ValidationError[]): ConfigProblem[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => ({
      key: error.property,
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    })),
  );
}

/**
 * Validates every section against the environment at once, so that start-up lists every bad key, then builds each
 * section's settings. Blank values count as unset.
 */
export function loadConfig<Sections extends Record<string, ConfigSection<unknown>>>(
  env: Env,
  sections: Sections,
): SettingsOf<Sections> {
  const given = Object.fromEntries(
    Object.entries(env).flatMap(([key, value]) => (value?.trim() ? [[key, value.trim()]] : [])),
  );
  const problems: ConfigProblem[] = [];
  const built: Record<string, unknown> = {};
  for (const [name, section] of Object.entries(sections)) {
    const validated = plainToInstance(section.schema, given, { enableImplicitConversion: true });
    const errors = validateSync(validated, { validationError: { target: false, value: false } });
    problems.push(...problemsOf(errors));
    if (errors.length === 0) built[name] = section.build(validated);
  }
  const unique = [...new Map(problems.map((p) => [`${p.key} ${p.message}`, p])).values()];
  if (unique.length > 0) throw new ConfigError(unique);
  return built as SettingsOf<Sections>;
}

/** The loaded settings as @nestjs/config namespaces, so that any provider can inject its section. */
export function configNamespaces(settings: Record<string, unknown>) {
  return Object.entries(settings).map(([namespace, value]) =>
    registerAs(namespace, () => value as Record<string, unknown>),
  );
}

/** Reads and checks every setting once; the only place that looks at process.env. */
import type { Config, SettingName } from './schema.js';
import { settings } from './schema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses `env` against the settings schema; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(settings) as Array<[SettingName, (typeof settings)[SettingName]]>) {
    // An empty variable (common in compose files and .env templates) means "not set".
    const given = env[name];
    const raw = given === undefined || given === '' ? setting.default : given;
    const parsed = setting.schema.safeParse(raw);
    if (parsed.success) config[name] = parsed.data;
    else
      problems.push(
        `${name}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')} (${setting.doc})`,
      );
  }
  if (config.NODE_ENV === 'production' && !config.TOKEN_SECRET) {
    problems.push('TOKEN_SECRET is required when NODE_ENV=production (at least 32 characters)');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return config as Config;
}

/**
 * The logging surface the client uses: a pino logger fits it as is. The client does not depend
 * on pino itself, so applications choose (and configure) their own.
 */
export interface ClientLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const noop = (): void => undefined;

export const SILENT_LOGGER: ClientLogger = { debug: noop, info: noop, warn: noop, error: noop };

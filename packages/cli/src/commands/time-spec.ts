import { RunnelError } from '@runnel/client';

const DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;
const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?)?$/;

/**
 * --to-datetime: Kafka's 'YYYY-MM-DDTHH:mm:SS.sss' with an optional zone ('Z', '+01:00' or
 * '+0100'); without a zone the time is local, as kafka-consumer-groups.sh reads it.
 */
export function parseDatetime(flag: string, value: string): number {
  const m = DATETIME.exec(value.trim());
  const zone = m?.[2]?.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2') ?? '';
  const ms = m ? Date.parse(m[1]! + zone) : NaN;
  if (!Number.isFinite(ms)) {
    throw new RunnelError('INVALID_CONFIG', `${flag} takes a date-time like 2024-05-01T12:00:00.000 (optionally with Z or +01:00), got '${value}'`);
  }
  return ms;
}

/** --by-duration: an ISO-8601 duration PnDTnHnMnS (e.g. PT15M, P1DT2H), in milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const v = value.trim();
  const m = DURATION.exec(v);
  if (!m || v === 'P' || v.endsWith('T')) {
    throw new RunnelError('INVALID_CONFIG', `${flag} takes an ISO-8601 duration PnDTnHnMnS (e.g. PT15M or P1DT2H), got '${value}'`);
  }
  const [, d, h, min, s] = m;
  return Math.round(((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * 60_000 + Number(s ?? 0) * 1000);
}

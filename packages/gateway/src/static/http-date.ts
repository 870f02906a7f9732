/** Parses HTTP-date header values (RFC 9110 §5.6.7) into epoch milliseconds. Pure; it never formats dates. */

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

// RFC 9110 §5.6.7: IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
const IMF_FIXDATE = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Obsolete RFC 850 form, e.g. "Sunday, 06-Nov-94 08:49:37 GMT".
const RFC_850_DATE = /^[A-Z][a-z]{5,8}, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Obsolete asctime form, e.g. "Sun Nov  6 08:49:37 1994" (no zone: it means GMT).
const ASCTIME_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function toEpochMs(year: number, monthName: string, day: number, hour: number, minute: number, second: number): number | undefined {
  const month = MONTHS[monthName];
  if (month === undefined || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const epochMs = Date.UTC(year, month, day, hour, minute, second);
  // Reject impossible days ("31 Feb"), which Date.UTC would silently roll over.
  return new Date(epochMs).getUTCDate() === day ? epochMs : undefined;
}

/**
 * Parses an HTTP-date in any of the three forms a recipient MUST accept (RFC 9110 §5.6.7) and returns
 * epoch milliseconds, or undefined when the value is not a valid HTTP-date (the caller then ignores the
 * header, as RFC 9110 §13.1.3 and §13.1.4 require). `Date.parse` is not used: it reads asctime as local time.
 */
export function parseHttpDate(value: string): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match !== null) {
    return toEpochMs(Number(match[3]), match[2] as string, Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6]));
  }
  match = RFC_850_DATE.exec(value);
  if (match !== null) {
    // RFC 9110 §5.6.7: a two-digit year more than 50 years in the future means the past century.
    const twoDigitYear = Number(match[3]);
    const currentYear = new Date().getUTCFullYear();
    let year = Math.floor(currentYear / 100) * 100 + twoDigitYear;
    if (year > currentYear + 50) year -= 100;
    return toEpochMs(year, match[2] as string, Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6]));
  }
  match = ASCTIME_DATE.exec(value);
  if (match !== null) {
    return toEpochMs(Number(match[6]), match[1] as string, Number((match[2] as string).trim()), Number(match[3]), Number(match[4]), Number(match[5]));
  }
  return undefined;
}

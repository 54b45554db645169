/** Dates before this year are refused: the domain starts in the 20th century, and older ones are typos. */
export const MIN_YEAR = 1900;

/**
 * The ISO date (YYYY-MM-DD) of a calendar day, or why it is not one. Never rolls over: month 13 or
 * 31 February is refused, not moved to the next year or month; years before MIN_YEAR are refused.
 */
export function calendarDate(year: number, month: number, day: number): { date: string } | { error: string } {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > 9999)
    return { error: `the year must be between ${MIN_YEAR} and 9999` };
  if (!Number.isInteger(month) || month < 1 || month > 12) return { error: 'the month must be 1 to 12' };
  const last = new Date(Date.UTC(2000, month, 0)).getUTCDate(); // days of that month in a leap year
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : last;
  if (!Number.isInteger(day) || day < 1 || day > days)
    return { error: `the day must be 1 to ${days} in that month` };
  return {
    date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  };
}

/** `text` as a calendar date when it is one written YYYY-MM-DD, else why not. */
export function parseIsoDate(text: string): { date: string } | { error: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return { error: 'a date is written YYYY-MM-DD' };
  return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** ISO date (YYYY-MM-DD) `days` after `start`. */
export function addDays(start: string, days: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** ISO date (YYYY-MM-DD) `years` after `start`. */
export function addYears(start: string, years: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

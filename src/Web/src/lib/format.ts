// Numbers and dates in words a coach or analyst reads at a glance.

const formats = new Map<number, Intl.NumberFormat>();

/** A number rounded to `digits` decimals; "—" when undefined (a measure with no value), never 0. */
export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  let format = formats.get(digits);
  if (!format) formats.set(digits, (format = new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits })));
  return format.format(value);
}

/** A share as a percentage. */
export const pct = (value: number | null | undefined, digits = 0) => (value === null || value === undefined ? "—" : `${num(value * 100, digits)}%`);

/** A date (yyyy-mm-dd) as e.g. "3 Dec 2026". */
export function date(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Days as "today", "1 day", "12 days". */
export const days = (n: number | null | undefined) => (n === null || n === undefined ? "never" : n === 0 ? "today" : n === 1 ? "1 day" : `${n} days`);

/** A wire name (snake_case) in words: "in_person" → "in person". */
export const words = (name: string) => name.replaceAll("_", " ");

/** A count with its noun: "1 citizen", "3 citizens" (plural: the noun's plural when it is not noun + "s"). */
export const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

/**
 * Figures as the pages show them. Decimals arrive as strings ("217360000.00") and stay strings:
 * grouping their digits needs no arithmetic, so no float ever rounds an amount.
 */
import type { Locale } from './generated/graphql';

/** "217360000.00" → "217,360,000.00"; "-1234" → "-1,234". Anything not a plain decimal is shown as it is. */
export function groupDigits(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (!match) return value;
  const [, sign, whole, fraction = ''] = match;
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`;
}

/** An amount of money: "CNY 217,360,000.00" in English, "217,360,000.00 元" in Chinese for CNY. */
export function formatMoney(money: { amount: string; currency: string }, locale: Locale): string {
  const amount = groupDigits(money.amount);
  if (locale === 'ZH' && money.currency === 'CNY') return `${amount} 元`;
  return `${money.currency} ${amount}`;
}

/** A floor area: "123.45 m²". */
export function formatArea(squareMetres: string): string {
  return `${groupDigits(squareMetres)} m²`;
}

/** A count: 1234 → "1,234". */
export function formatCount(count: number): string {
  return groupDigits(String(count));
}

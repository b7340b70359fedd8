// Money as the API sends it (integer minor units and a currency), written the way the buyer's locale writes it.
export interface Money {
  currency: string;
  minorUnits: number;
}

export function formatMoney(money: Money, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.minorUnits / 10 ** digits);
}

export function formatMinor(minorUnits: number, currency: string, locale?: string): string {
  return formatMoney({ currency, minorUnits }, locale);
}

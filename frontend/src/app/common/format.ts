const price = new Intl.NumberFormat('en-IN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const whole = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

export function formatPrice(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '–' : price.format(value);
}

export function formatQty(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : whole.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) {
    return '–';
  }
  return `${value > 0 ? '+' : ''}${value.toFixed(2)}%`;
}

export function formatTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') {
    return '–';
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? String(value)
    : date.toLocaleTimeString('en-IN', { hour12: false });
}

export function signClass(value: number | null | undefined): string {
  if (!value) {
    return 'text-slate-300';
  }
  return value > 0 ? 'text-emerald-400' : 'text-rose-400';
}

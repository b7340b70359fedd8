// The server's clock, as the catalog reports it (serverTime, or the Date header of a 304): countdowns run on it,
// not on the buyer's phone's clock, which may be minutes off.
export class ServerClock {
  private offsetMs = 0;

  constructor(private readonly localNow: () => number = () => Date.now()) {}

  /** The server said it was {@code serverTime} when its answer arrived. */
  sync(serverTime: string | null | undefined): void {
    const at = serverTime ? Date.parse(serverTime) : NaN;
    if (!Number.isNaN(at)) {
      this.offsetMs = at - this.localNow();
    }
  }

  now(): number {
    return this.localNow() + this.offsetMs;
  }

  /** Milliseconds until {@code iso} on the server's clock (negative once past). */
  until(iso: string): number {
    return Date.parse(iso) - this.now();
  }
}

/** "2 d 4 h", "3 h 05 min", "4:09": the time left, as a countdown shows it. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) {
    return `${days} d ${hours} h`;
  }
  if (hours > 0) {
    return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  }
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

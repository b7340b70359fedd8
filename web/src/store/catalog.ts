// The drop, kept fresh the way the catalog asks: the next read no sooner than its max-age, with the last ETag in
// If-None-Match, so that during a storm most reads are a 304 with no body (served by the edge).
import type { components } from '../api/schema';
import type { Problem } from '../problems';
import type { ServerClock } from '../clock';

export type Drop = components['schemas']['Drop'];

export type CatalogRead =
  | { kind: 'drop'; drop: Drop; changed: boolean }
  | { kind: 'problem'; problem: Problem }
  | { kind: 'offline' };

/** Seconds of max-age in a Cache-Control header; {@code fallback} when it has none. */
export function maxAge(cacheControl: string | null, fallback: number): number {
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(cacheControl ?? '');
  return match ? Number(match[1]) : fallback;
}

export class CatalogWatch {
  private etag: string | null = null;
  private last: Drop | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastReadAt = -Infinity;
  private maxAgeMs = 0;
  /** Reads made and 304s among them: what the page cost the API. */
  readonly counts = { reads: 0, notModified: 0 };

  constructor(private readonly url: string, private readonly clock: ServerClock,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
    private readonly now: () => number = () => Date.now()) {}

  get drop(): Drop | null {
    return this.last;
  }

  async read(): Promise<CatalogRead & { maxAgeSeconds: number }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.etag) {
      headers['if-none-match'] = this.etag;
    }
    let response: Response;
    try {
      // The browser's cache would answer from itself within max-age: we pace ourselves instead, and ask the edge.
      response = await this.fetchImpl(this.url, { headers, cache: 'no-store' });
    } catch {
      return { kind: 'offline', maxAgeSeconds: 5 };
    }
    this.counts.reads++;
    const seconds = Math.max(1, maxAge(response.headers.get('cache-control'), 2));
    if (response.status === 304 && this.last) {
      this.counts.notModified++;
      this.clock.sync(response.headers.get('date') ? new Date(response.headers.get('date')!).toISOString() : null);
      return { kind: 'drop', drop: this.last, changed: false, maxAgeSeconds: seconds };
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || body === null) {
      return { kind: 'problem', problem: body ?? { type: 'about:blank', title: 'Unavailable', status: response.status, detail: 'No answer.' },
        maxAgeSeconds: Math.max(seconds, 5) };
    }
    this.etag = response.headers.get('etag');
    this.last = body as Drop;
    this.clock.sync(this.last.serverTime);
    return { kind: 'drop', drop: this.last, changed: true, maxAgeSeconds: seconds };
  }

  /** Reads now, then again every max-age (at least), calling {@code onRead} each time, until {@link stop}. */
  start(onRead: (read: CatalogRead) => void): void {
    const tick = async () => {
      this.lastReadAt = this.now();
      const result = await this.read();
      this.maxAgeMs = result.maxAgeSeconds * 1000;
      onRead(result);
      this.timer = setTimeout(tick, this.maxAgeMs);
    };
    this.stop();
    void tick();
  }

  /**
   * Reads again as soon as the pace allows (after the buyer's own action changed the stock): now if the last read is
   * at least max-age old, else when it will be; never two reads closer than max-age.
   */
  refresh(onRead: (read: CatalogRead) => void): void {
    this.stop();
    const wait = Math.max(0, this.lastReadAt + this.maxAgeMs - this.now());
    this.timer = setTimeout(() => this.start(onRead), wait);
  }

  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}

// Each test plays its own drop: a manifest published through the merchant API (as a merchant's CI would), its
// dates set from the runtime's own clock, so that tests never share stock.
import { inject } from 'vitest';

export interface DropShape {
  dropId: string;
  /** Minutes from the server's now until the public opening (negative: already open). */
  opensInMinutes?: number;
  holdMinutes?: number;
  perBuyerLimit?: number;
  units?: number;
  shipping?: boolean;
  slots?: { capacity: number }[];
  insiders?: {
    opensBeforeMinutes: number; perBuyerLimit: number;
    /** Later layers of early access; a layer with its own reservedShare (percent) buys from its own tranche. */
    layers?: { layer: 'past-buyers' | 'audience'; opensBeforeMinutes: number; reservedShare?: number }[];
  };
  preorder?: boolean;
  /** The waves' shares in percent, each 30 minutes after the last (default: everything at the opening). */
  waves?: number[];
}

export const base = () => inject('baseUrl');
export const merchantKey = () => inject('merchantKey');

export async function serverNow(): Promise<Date> {
  const response = await fetch(`${base()}/drops`);
  const body = await response.json() as { serverTime: string };
  return new Date(body.serverTime);
}

function local(date: Date): string {
  return date.toISOString().slice(0, 19);
}

export function manifest(shape: DropShape, now: Date): string {
  const minute = 60_000;
  const opens = new Date(now.getTime() + (shape.opensInMinutes ?? -1) * minute);
  const closes = new Date(opens.getTime() + 24 * 60 * minute);
  const hub = shape.slots ? [
    'hubs:',
    '  - hubId: kreuzberg',
    '    name: Kreuzberg micro-hub',
    '    address: Oranienstraße 1, 10999 Berlin',
    '    slots:',
    ...shape.slots.map((slot, i) => `      - {start: ${local(new Date(opens.getTime() + (i + 2) * 60 * minute))}, `
      + `end: ${local(new Date(opens.getTime() + (i + 3) * 60 * minute))}, capacity: ${slot.capacity}}`),
  ] : [];
  return [
    `dropId: ${shape.dropId}`,
    `name: "Test drop ${shape.dropId}"`,
    'currency: EUR',
    'timeZone: UTC',
    `opens: ${local(opens)}`,
    `closes: ${local(closes)}`,
    `perBuyerLimit: ${shape.perBuyerLimit ?? 2}`,
    `holdMinutes: ${shape.holdMinutes ?? 30}`,
    `shipping: ${shape.shipping ?? true}`,
    'products:',
    '  - productId: glow-cap',
    '    name: Glow Cap',
    '    variants:',
    '      - sku: CAP-1',
    '        name: One size',
    '        price: 2500',
    `        units: ${shape.units ?? 10}`,
    ...(shape.slots ? ['        hubs: {kreuzberg: ' + (shape.units ?? 10) + '}'] : []),
    'waves:',
    ...(shape.waves ?? [100]).map((share, i) => `  - {after: PT${i * 30}M, share: ${share}}`),
    ...hub,
    ...(shape.insiders ? ['insiders:', `  opensBefore: PT${shape.insiders.opensBeforeMinutes}M`, '  reservedShare: 50',
      `  perBuyerLimit: ${shape.insiders.perBuyerLimit}`,
      ...(shape.insiders.layers?.length ? ['  layers:', ...shape.insiders.layers.map((l) => `    - {layer: ${l.layer}, `
        + `opensBefore: PT${l.opensBeforeMinutes}M${l.reservedShare === undefined ? '' : `, reservedShare: ${l.reservedShare}`}}`)]
        : [])] : []),
    ...(shape.preorder ? ['preorder:', '  enabled: true', '  depositShare: 20', '  cap: 5',
      `  confirmBy: ${local(new Date(closes.getTime() + 60 * minute))}`] : []),
    '',
  ].join('\n');
}

export async function merchant(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base()}${path}`, { ...init, headers: { authorization: `Bearer ${merchantKey()}`, ...init.headers } });
}

/** Publishes the drop; fails the test if the merchant API refuses it. */
export async function publish(shape: DropShape): Promise<void> {
  const response = await merchant('/merchant/drops', { method: 'POST', headers: { 'content-type': 'application/yaml' },
    body: manifest(shape, await serverNow()) });
  if (response.status !== 201) {
    throw new Error(`publishing ${shape.dropId} answered ${response.status}: ${await response.text()}`);
  }
}

// The shop's view on the dashboard, as sentences and labelled figures: pure functions of GET /shop/kpis's answer (the
// core computed every figure; nothing here decides one), unit-tested in test/shop.test.ts.
import type { components } from '../api/schema';
import { percent } from './merchant';

export type ShopKpis = components['schemas']['ShopKpis'];
type Percentiles = components['schemas']['DurationPercentiles'];
type Survey = components['schemas']['SurveyFigures'];

export interface Figure { id: string; label: string; value: string; detail: string }
export interface CohortRow { month: string; buyers: string; repeat: string; rate: string }
export interface DropRow { dropId: string; notified: string; demand: string; sellThrough7d: string; sellThrough30d: string;
  survey: string }

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Whole seconds as a person reads a wait: "45 min", "2 h 5 min", "1 d 3 h". */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined) {
    return '–';
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  }
  return hours % 24 === 0 ? `${Math.floor(hours / 24)} d` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "2026-03" as "March 2026" (the cohort's month, UTC). */
export function monthName(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

export function cohortRows(k: ShopKpis): CohortRow[] {
  return k.cohorts.map((c) => ({
    month: monthName(c.month),
    buyers: String(c.buyers),
    repeat: c.closed ? String(c.repeatBuyers) : `${c.repeatBuyers} so far`,
    rate: c.closed ? percent(c.repeatRate) : 'open: its 90 days have not all run',
  }));
}

export const NO_COHORTS = 'No purchases yet: a cohort appears with the first paid order.';
export const NO_DROPS = 'No drops in the shop\'s history yet.';
export const NO_SURVEY = 'No survey answers yet.';

export function dropRows(k: ShopKpis): DropRow[] {
  return k.drops.map((d) => ({
    dropId: d.dropId,
    notified: d.demand.notifiedBuyers === 0 ? 'Nobody told yet' : `${plural(d.demand.notifiedBuyers, 'buyer')} told`,
    demand: d.demand.notifiedBuyers === 0
      ? `${plural(d.demand.demandBuyers, 'buyer')} (nobody told to compare with)`
      : `${d.demand.demandBuyers} of ${d.demand.notifiedBuyers} told (${percent(d.demand.rate)}): `
        + `${d.demand.preorderBuyers} pre-ordered, ${d.demand.earlyAccessBuyers} came early`,
    sellThrough7d: sold(d.sellThrough.unitsPaid7d, d.sellThrough.totalUnits, d.sellThrough.rate7d),
    sellThrough30d: sold(d.sellThrough.unitsPaid30d, d.sellThrough.totalUnits, d.sellThrough.rate30d),
    survey: d.survey.answers === 0 ? 'No answers yet'
      : `${plural(d.survey.answers, 'answer')}, mean ${(d.survey.mean ?? 0).toFixed(1)}, NPS ${nps(d.survey)}`,
  }));
}

function sold(units: number, total: number, rate: number | undefined): string {
  return total === 0 ? 'no units offered' : `${units} of ${total} units (${percent(rate)})`;
}

/** The net promoter score, whole, signed: "+33", "0", "-50". */
function nps(s: Survey): string {
  const score = Math.round(s.nps ?? 0);
  return `${score > 0 ? '+' : ''}${score}`;
}

/** "3 answers: mean score 8.3 of 10, NPS +33 (2 promoters, 1 detractor)", or the empty sentence. */
export function surveySentence(s: Survey): string {
  if (s.answers === 0) {
    return NO_SURVEY;
  }
  return `${plural(s.answers, 'answer')}: mean score ${(s.mean ?? 0).toFixed(1)} of 10, NPS ${nps(s)} `
    + `(${plural(s.promoters, 'promoter')}, ${plural(s.detractors, 'detractor')})`;
}

function p50p90(p: Percentiles, none: string): [string, string] {
  return p.samples === 0 ? ['–', none]
    : [duration(p.p50Seconds), `p90 ${duration(p.p90Seconds)}, over ${plural(p.samples, 'order')}`];
}

/** The fulfilment tiles: time to fulfil (p50 as the figure, p90 beside it), and pickup against shipped. */
export function fulfilmentFigures(k: ShopKpis): Figure[] {
  const f = k.fulfilment;
  const orders = f.pickupOrders + f.shipOrders;
  const tile = (id: string, label: string, [value, detail]: [string, string]): Figure => ({ id, label, value, detail });
  return [
    tile('shop-handed-over', 'Paid → handed over (p50)', p50p90(f.paidToHandedOver, 'nothing collected or shipped yet')),
    tile('shop-paid-ready', 'Paid → ready for pickup (p50)', p50p90(f.paidToReady, 'no pickup made ready yet')),
    tile('shop-ready-collected', 'Ready → collected (p50)', p50p90(f.readyToCollected, 'nothing collected yet')),
    tile('shop-paid-shipped', 'Paid → shipped (p50)', p50p90(f.paidToShipped, 'nothing shipped yet')),
    { id: 'shop-pickup-share', label: 'Pickups vs shipments', value: orders === 0 ? '–' : `${f.pickupOrders} vs ${f.shipOrders}`,
      detail: orders === 0 ? 'no paid orders yet' : `${percent(f.pickupShare)} of paid orders picked up` },
    { id: 'shop-survey', label: 'Survey score', value: k.survey.answers === 0 ? '–' : `${(k.survey.mean ?? 0).toFixed(1)} / 10`,
      detail: k.survey.answers === 0 ? NO_SURVEY : `${plural(k.survey.answers, 'answer')}, NPS ${nps(k.survey)}` },
  ];
}

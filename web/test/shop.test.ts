// The dashboard's shop view as sentences: the figures of docs/openapi.yaml's example of GET /shop/kpis (the seeded
// history ShopKpisIntegrationTest computes), and an empty shop, each written for a person.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cohortRows, dropRows, duration, fulfilmentFigures, monthName, NO_SURVEY, surveySentence,
  type ShopKpis } from '../src/dashboard/shop';

const documented = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8'))
  .paths['/shop/kpis'].get.responses['200'].content['application/json'].examples.twoDrops.value as ShopKpis;

const empty: ShopKpis = { asOf: '2026-10-01T00:00:00Z', cohorts: [], drops: [],
  fulfilment: { pickupOrders: 0, shipOrders: 0, paidToReady: { samples: 0 }, readyToCollected: { samples: 0 },
    paidToShipped: { samples: 0 }, paidToHandedOver: { samples: 0 } },
  survey: { answers: 0, promoters: 0, detractors: 0 } };

describe('the shop view', () => {
  it('reads durations as a person says them', () => {
    expect(duration(undefined)).toBe('–');
    expect(duration(2_700)).toBe('45 min');
    expect(duration(7_200)).toBe('2 h');
    expect(duration(7_500)).toBe('2 h 5 min');
    expect(duration(86_400)).toBe('1 d');
    expect(duration(172_800 + 3 * 3_600)).toBe('2 d 3 h');
    expect(monthName('2026-03')).toBe('March 2026');
  });

  it('writes each cohort, a closed one with its rate and an open one as still running', () => {
    expect(cohortRows(documented)).toEqual([
      { month: 'March 2026', buyers: '4', repeat: '2', rate: '50.0%' },
      { month: 'September 2026', buyers: '1', repeat: '0 so far', rate: 'open: its 90 days have not all run' },
    ]);
  });

  it('writes each drop: who was told, qualified demand, sell-through at 7 and 30 days, its survey', () => {
    expect(dropRows(documented)).toEqual([
      { dropId: 'spring-kicks', notified: '4 buyers told',
        demand: '2 of 4 told (50.0%): 1 pre-ordered, 2 came early',
        sellThrough7d: '3 of 10 units (30.0%)', sellThrough30d: '4 of 10 units (40.0%)',
        survey: '2 answers, mean 8.0, NPS 0' },
      { dropId: 'summer-tees', notified: '2 buyers told',
        demand: '0 of 2 told (0.0%): 0 pre-ordered, 0 came early',
        sellThrough7d: '1 of 4 units (25.0%)', sellThrough30d: '3 of 4 units (75.0%)',
        survey: '1 answer, mean 9.0, NPS +100' },
    ]);
  });

  it('labels time to fulfil (p50, with p90), pickup against shipped and the survey score', () => {
    expect(fulfilmentFigures(documented).map(({ label, value, detail }) => `${label}: ${value} (${detail})`)).toEqual([
      'Paid → handed over (p50): 1 d (p90 2 d, over 4 orders)',
      'Paid → ready for pickup (p50): 2 h (p90 3 h, over 2 orders)',
      'Ready → collected (p50): 1 d (p90 1 d, over 1 order)',
      'Paid → shipped (p50): 1 d (p90 2 d, over 3 orders)',
      'Pickups vs shipments: 2 vs 5 (28.6% of paid orders picked up)',
      'Survey score: 8.3 / 10 (3 answers, NPS +33)',
    ]);
    expect(surveySentence(documented.survey)).toBe('3 answers: mean score 8.3 of 10, NPS +33 (2 promoters, 1 detractor)');
  });

  it('says what is missing in an empty shop, never a bare number', () => {
    expect(cohortRows(empty)).toEqual([]);
    expect(dropRows(empty)).toEqual([]);
    expect(surveySentence(empty.survey)).toBe(NO_SURVEY);
    expect(fulfilmentFigures(empty).map(({ value, detail }) => `${value} (${detail})`)).toEqual([
      '– (nothing collected or shipped yet)', '– (no pickup made ready yet)', '– (nothing collected yet)',
      '– (nothing shipped yet)', '– (no paid orders yet)', '– (No survey answers yet.)',
    ]);
    const untold = { ...documented.drops[1], demand: { preorderBuyers: 0, earlyAccessBuyers: 0, demandBuyers: 0,
      notifiedBuyers: 0 }, sellThrough: { totalUnits: 0, unitsPaid7d: 0, unitsPaid30d: 0 },
      survey: { answers: 0, promoters: 0, detractors: 0 } };
    expect(dropRows({ ...empty, drops: [untold] })).toEqual([{ dropId: 'summer-tees', notified: 'Nobody told yet',
      demand: '0 buyers (nobody told to compare with)', sellThrough7d: 'no units offered',
      sellThrough30d: 'no units offered', survey: 'No answers yet' }]);
  });
});

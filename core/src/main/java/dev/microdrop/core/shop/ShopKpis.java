package dev.microdrop.core.shop;

import dev.microdrop.core.merchant.DropKpis.Percentiles;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * A shop's numbers across its drops, as of {@code asOf}. Rates are fractions (0..1), null when nothing qualifies;
 * NPS is a percentage (-100..100).
 *
 * @param cohorts     the 90-day repeat purchase, one cohort per month (UTC) of a buyer's first purchase, oldest first
 * @param drops       per drop, in the order the history lists them
 * @param fulfilment  how the shop's paid orders are handed over
 * @param survey      every drop's answers together (one per buyer and drop)
 */
public record ShopKpis(Instant asOf, List<Cohort> cohorts, List<DropFigures> drops, Fulfilment fulfilment,
                       Survey survey) {

    /**
     * @param buyers       buyers whose first purchase in the shop was paid in this month
     * @param repeatBuyers of those, buyers with another purchase paid within 90 days of their first (so far, while
     *                     the cohort is open)
     * @param closed       every 90-day window of the cohort has run out at {@code asOf}: the month has ended and 90
     *                     days more have passed
     * @param repeatRate   repeatBuyers ÷ buyers once closed; null while open
     */
    public record Cohort(YearMonth month, int buyers, int repeatBuyers, boolean closed, Double repeatRate) {
    }

    /** One drop's demand, sell-through and survey. */
    public record DropFigures(String dropId, Demand demand, SellThrough sellThrough, Survey survey) {
    }

    /**
     * @param preorderBuyers    distinct buyers with a pre-order whose deposit was paid
     * @param earlyAccessBuyers distinct buyers who entered the early-access window
     * @param demandBuyers      distinct buyers in either (a buyer who did both counts once)
     * @param notifiedBuyers    distinct buyers notified about the drop
     * @param rate              demandBuyers ÷ notifiedBuyers; null when nobody was notified. It can exceed 1: anyone
     *                          may pre-order
     */
    public record Demand(int preorderBuyers, int earlyAccessBuyers, int demandBuyers, int notifiedBuyers,
                         Double rate) {
    }

    /**
     * @param unitsPaid7d  units of checkouts paid before 7 days after the first sale and still paid (refunded ones
     *                     are left out), early-access sales included; pre-orders never
     * @param unitsPaid30d the same within 30 days
     * @param rate7d       unitsPaid7d ÷ totalUnits; null when the drop offers no units
     */
    public record SellThrough(int totalUnits, int unitsPaid7d, int unitsPaid30d, Double rate7d, Double rate30d) {
    }

    /**
     * Over the orders paid now (refunded ones left out).
     *
     * @param pickupShare       pickupOrders ÷ (pickupOrders + shipOrders); null when there is no paid order
     * @param paidToHandedOver  seconds from payment to collected (a pickup) or shipped (a shipment)
     */
    public record Fulfilment(int pickupOrders, int shipOrders, Double pickupShare, Double shipShare,
                             Percentiles paidToReady, Percentiles readyToCollected, Percentiles paidToShipped,
                             Percentiles paidToHandedOver) {
    }

    /**
     * @param answers    answers counted: a buyer's first answer for a drop (by {@code at}); later ones are ignored
     * @param promoters  answers of 9 or 10
     * @param detractors answers of 0 to 6
     * @param mean       the mean score; null without answers
     * @param nps        (promoters - detractors) × 100 ÷ answers; null without answers
     */
    public record Survey(int answers, int promoters, int detractors, Double mean, Double nps) {
    }
}

package dev.microdrop.infrastructure.dynamodb;

/**
 * Every condition expression microdrop writes with, each next to the invariant it protects. These strings are
 * the design: docs/data-model.md lists them, ConditionsTest pins their text, and the integration tests prove
 * each against DynamoDB Local for the case it allows and the case it refuses.
 */
public final class Conditions {

    /**
     * The stock item is not paused ({@code :false} is the boolean false). Part of every hold's condition, so a pause
     * is enforced by the write itself, not by a cached read: once the pause's write returns, no hold can commit.
     */
    public static final String NOT_PAUSED = "(attribute_not_exists(paused) OR paused = :false)";

    /** The SKU is not in an insiders' flash-restock window at {@code :now} (none yet, or it has ended). */
    public static final String NOT_IN_FLASH_WINDOW = "(attribute_not_exists(flashUntil) OR flashUntil <= :now)";

    /**
     * Hold {@code :qty} units of a SKU: {@code available} never goes below zero (no oversell), only while the
     * drop is open ({@code :now} in epoch millis), not paused, and not in an insiders' flash window. Paired with
     * {@link #HOLD_STOCK_UPDATE}, which moves the same {@code :qty} from available to held, so
     * {@code available + held + sold == released} still holds.
     */
    public static final String STOCK_AVAILABLE_AND_DROP_OPEN =
            "available >= :qty AND opensAt <= :now AND closesAt > :now AND " + NOT_PAUSED + " AND " + NOT_IN_FLASH_WINDOW;

    public static final String HOLD_STOCK_UPDATE = "SET available = available - :qty, held = held + :qty";

    /**
     * An insider's hold before the drop opens: from the insiders' reserved tranche only, and only once early
     * access has begun. The tranche shrinks with the hold; {@code available + held + sold == released} still holds.
     */
    public static final String INSIDER_STOCK_AVAILABLE =
            "available >= :qty AND insiderReserved >= :qty AND insiderOpensAt <= :now AND closesAt > :now AND "
                    + NOT_PAUSED;

    /**
     * An insider's hold in a SKU's flash-restock window: from the restocked tranche only ({@code insiderReserved},
     * set by the restock), only until {@code flashUntil}, only while the drop is open and not paused. Paired with
     * {@link #INSIDER_HOLD_UPDATE}: the tranche shrinks with the hold, the counters still balance.
     */
    public static final String FLASH_STOCK_AVAILABLE = "available >= :qty AND insiderReserved >= :qty AND "
            + "flashUntil > :now AND opensAt <= :now AND closesAt > :now AND " + NOT_PAUSED;

    /**
     * A hold of an access layer with a tranche of its own, before the drop opens: from that layer's tranche only
     * ({@code layerReserved.#layer}, set by the first wave), once early access has begun (the core admits each
     * layer from its own moment). Paired with {@link #LAYER_HOLD_UPDATE}: the layer's tranche shrinks with the hold,
     * no other does, and {@code available + held + sold == released} still holds.
     */
    public static final String LAYER_STOCK_AVAILABLE = "available >= :qty AND layerReserved.#layer >= :qty AND "
            + "insiderOpensAt <= :now AND closesAt > :now AND " + NOT_PAUSED;

    public static final String LAYER_HOLD_UPDATE =
            "SET available = available - :qty, held = held + :qty, layerReserved.#layer = layerReserved.#layer - :qty";

    public static final String INSIDER_HOLD_UPDATE =
            "SET available = available - :qty, held = held + :qty, insiderReserved = insiderReserved - :qty";

    /**
     * The per-buyer limit across the whole drop: the buyer's running total before this order is at most
     * {@code :headroom} ({@code = limit - units of this order}). A buyer without an item has bought nothing yet.
     * Checked in the same transaction as the stock, so parallel orders from one buyer cannot pass it together.
     */
    public static final String BUYER_WITHIN_LIMIT = "attribute_not_exists(units) OR units <= :headroom";

    public static final String BUYER_ADD_UNITS = "ADD units :units SET dropId = :dropId";

    /** An idempotency key is used once: a retry finds the earlier record instead of holding again. */
    public static final String IDEMPOTENCY_KEY_UNUSED = "attribute_not_exists(pk)";

    /** An order id is never reused: a new order never overwrites another. */
    public static final String ORDER_ID_UNUSED = "attribute_not_exists(pk)";

    /** Seeding a drop never overwrites what exists: publishing twice cannot reset sold or held counts. */
    public static final String ITEM_ABSENT = "attribute_not_exists(pk)";

    /**
     * A provider's event (webhook) is applied once: its record is written in the same transaction as the change
     * it makes, so a redelivery finds it and changes nothing.
     */
    public static final String PROVIDER_EVENT_UNAPPLIED = "attribute_not_exists(pk)";

    /** A ledger entry is immutable and written once per movement: {@code <orderId>#<MOVE>} cannot happen twice. */
    public static final String LEDGER_ENTRY_NEW = "attribute_not_exists(pk)";

    /**
     * A mail is claimed before it is sent: when no record of it exists, or its record is still {@code sending} from
     * a claim at or before {@code :staleBefore} (epoch millis; a delivery that crashed after claiming). A {@code sent}
     * record, or a fresh claim, refuses: see {@code DynamoDbSentMail}.
     */
    public static final String MAIL_UNCLAIMED_OR_STALE =
            "attribute_not_exists(pk) OR (#state = :sending AND claimedAtMs <= :staleBefore)";

    /** A claim is withdrawn (its send failed) only by the delivery that made it, and only before it was sent. */
    public static final String MAIL_CLAIMED_BY = "#state = :sending AND claimedAtMs = :claimedAt";

    /** An audience member is created once per buyer id: signing up again finds the member ({@code ALL_OLD}). */
    public static final String MEMBER_ABSENT = "attribute_not_exists(pk)";

    /**
     * A member changes state only from the state the change was decided on ({@code #state} is {@code state}): two
     * clicks of one link, or a click racing an erasure, cannot both apply. No member: refused.
     */
    public static final String MEMBER_IN_STATE = "#state = :from";

    /** An erasure replaces a member with its tombstone once: never a stranger, never a tombstone's first time. */
    public static final String MEMBER_ERASABLE = "attribute_exists(pk) AND #state <> :erased";

    /**
     * A buyer's erasure removes the e-mail (and the ship-to address) of an order once: the second finds no e-mail and
     * changes nothing, so an erasure run again counts nothing more.
     */
    public static final String BUYER_EMAIL_PRESENT = "attribute_exists(buyerEmail)";

    /**
     * A waitlist place is erased once, from the status it was read in: a claim offered meanwhile is read again rather
     * than skipped over.
     */
    public static final String WAITLIST_PLACE_ERASABLE = "attribute_exists(buyerEmail) AND #status = :seen";

    /** A pick ticket's ship-to address is erased once. */
    public static final String SHIP_TO_PRESENT = "attribute_exists(shipTo.line1)";

    /** An outbox event is written once (its id is derived from the transition that makes it). */
    public static final String OUTBOX_EVENT_NEW = "attribute_not_exists(pk)";

    /** The shop keeps a drop's event once per event id: a redelivered or re-forwarded event changes nothing. */
    public static final String SHOP_EVENT_NEW = "attribute_not_exists(pk)";

    /** A buyer told about a drop is recorded once: the first time stays. */
    public static final String SHOP_NOTICE_NEW = "attribute_not_exists(pk)";

    /** A buyer answers a drop's survey once: a second answer finds the first ({@code ALL_OLD}). */
    public static final String SURVEY_UNANSWERED = "attribute_not_exists(pk)";

    /**
     * Units move between two counters of a SKU only if the source holds them: no counter goes negative, and the
     * sum of the counters stays {@code released}. Names: {@code #from}, {@code #to}; value {@code :qty}.
     */
    public static final String MOVE_SOURCE_COVERS = "#from >= :qty";

    public static final String MOVE_UPDATE = "SET #from = #from - :qty, #to = #to + :qty";

    /** An order changes status only from the statuses its transition expects (the race guard). */
    public static final String ORDER_STATUS_PREFIX = "#status IN (";

    /** An expiry releases a hold only once its time is up. */
    public static final String HOLD_HAS_EXPIRED = "holdExpiresAtMs <= :notBefore";

    /** An order has one payment intent: attaching it again is a no-op, attaching another is refused. */
    public static final String INTENT_UNSET_OR_SAME = "attribute_not_exists(intentId) OR intentId = :intent";

    /**
     * A wave is released once: only if no wave this late was released yet, only while the drop is open, and only
     * against the {@code released} count the release was computed from (a concurrent adjustment forces a re-read).
     */
    public static final String WAVE_NOT_YET_RELEASED =
            "released = :current AND (attribute_not_exists(wavesReleased) OR wavesReleased < :wave) AND closesAt > :now";

    /** Moves {@code :delta} new units into {@code released} and {@code available} alike: the sum still balances. */
    public static final String WAVE_RELEASE_UPDATE =
            "SET released = released + :delta, available = available + :delta, wavesReleased = :wave";

    /**
     * Republishing changes a SKU only against the {@code released} count it read, and withdraws only units that
     * are still available: held and sold counts are never touched.
     */
    public static final String REPUBLISH_SKU_UNCHANGED_COUNTERS = "released = :released AND available >= :withdrawn";

    public static final String REPUBLISH_SKU_UPDATE = "SET productName = :productName, variantName = :variantName, "
            + "price = :price, totalUnits = :total, opensAt = :opensAt, closesAt = :closesAt, "
            + "released = released + :delta, available = available + :delta";

    /** A stock adjustment takes away only available units, and only from a SKU that exists. */
    public static final String ADJUST_COVERED = "attribute_exists(pk) AND available >= :taken";

    public static final String ADJUST_UPDATE =
            "SET released = released + :delta, available = available + :delta, totalUnits = totalUnits + :delta";

    /**
     * An insiders' flash restock: only on an existing SKU of an open drop, and only when no flash window of that SKU
     * is still running (one window at a time: a second would silently reset the first tranche).
     */
    public static final String FLASH_RESTOCK_ALLOWED = "attribute_exists(pk) AND opensAt <= :now AND closesAt > :now AND "
            + NOT_IN_FLASH_WINDOW;

    /**
     * Adds {@code :units} to released and available alike (ledgered like an adjustment, so the SKU balances), and
     * makes them the insiders' tranche until {@code :until}. What is left of an earlier tranche is replaced: after
     * its window it was public anyway.
     */
    public static final String FLASH_RESTOCK_UPDATE = "SET released = released + :units, available = available + :units, "
            + "totalUnits = totalUnits + :units, insiderReserved = :units, flashUntil = :until";

    /** A pickup order takes a seat only while the slot has one: a slot is never overbooked. */
    public static final String SLOT_HAS_SEAT = "taken < seats";

    public static final String SLOT_TAKE_SEAT = "SET taken = taken + :one";

    /** A released, expired or refunded pickup order gives its seat back; seats never go below zero. */
    public static final String SLOT_SEAT_TAKEN = "taken >= :one";

    public static final String SLOT_FREE_SEAT = "SET taken = taken - :one";

    /**
     * Pre-order capacity is inventory: a pre-order takes its units from the drop's {@code remaining} only while
     * that many are left, so never more units are pre-ordered than the cap, and {@code remaining + taken == cap}.
     */
    public static final String PREORDER_CAP_AVAILABLE = "remaining >= :qty";

    public static final String PREORDER_TAKE_UPDATE = "SET remaining = remaining - :qty, taken = taken + :qty";

    /** A pre-order leaving gives its units back once; {@code taken} never goes below zero. */
    public static final String PREORDER_UNITS_TAKEN = "taken >= :qty";

    public static final String PREORDER_GIVE_BACK_UPDATE = "SET remaining = remaining + :qty, taken = taken - :qty";

    /**
     * Pausing changes META only if the drop exists and is not paused yet: a repeated pause writes no second
     * DropPaused. The stock items are set in the same transaction ({@link #STOCK_ITEM_EXISTS}).
     */
    public static final String DROP_NOT_PAUSED = "attribute_exists(pk) AND " + NOT_PAUSED;

    /** Resuming changes META only if the drop is paused: a repeated resume writes no second DropResumed. */
    public static final String DROP_IS_PAUSED = "attribute_exists(pk) AND paused = :true";

    /** META's side of a pause or resume; {@code :paused} is the new state. */
    public static final String PAUSE_META_UPDATE = "SET paused = :paused, pauseChangedAt = :at";

    /** Pausing or resuming a stock item never creates one (a SKU listed by the query but gone is a bug, not a SKU). */
    public static final String STOCK_ITEM_EXISTS = "attribute_exists(pk)";

    public static final String PAUSE_STOCK_UPDATE = "SET paused = :paused";

    /** A buyer waits once per SKU; an entry is offered a claim once, only while still waiting. */
    public static final String WAITLIST_ENTRY_WAITING = "#status = :waiting";

    /** A buyer's running total never goes below zero when units are given back. */
    public static final String BUYER_HOLDS_UNITS = "units >= :release";

    /**
     * A SKU split by hub keeps the same counters per hub in the map {@code hubStock}, and every write that moves
     * the SKU's counters for one hub's units moves that hub's counters by the same units, in the same update: so
     * each hub balances on its own and the hubs add up to the SKU. A line drawn from a hub ({@code #hub}) is held
     * only if that hub has the units; the SKU's own condition still applies.
     */
    public static final String HUB_STOCK_AVAILABLE = "hubStock.#hub.available >= :qty";

    public static final String HUB_HOLD_UPDATE = "hubStock.#hub.available = hubStock.#hub.available - :qty, "
            + "hubStock.#hub.held = hubStock.#hub.held + :qty";

    /** A transition moves a hub's units only if that hub's source counter holds them ({@code #from}, {@code #to}). */
    public static final String HUB_MOVE_SOURCE_COVERS = "hubStock.#hub.#from >= :qty";

    public static final String HUB_MOVE_UPDATE = "hubStock.#hub.#from = hubStock.#hub.#from - :qty, "
            + "hubStock.#hub.#to = hubStock.#hub.#to + :qty";

    /** An adjustment of one hub's stock takes away only units available at that hub. */
    public static final String HUB_ADJUST_COVERED = "hubStock.#hub.available >= :taken";

    public static final String HUB_ADJUST_UPDATE = "hubStock.#hub.released = hubStock.#hub.released + :delta, "
            + "hubStock.#hub.available = hubStock.#hub.available + :delta, "
            + "hubStock.#hub.totalUnits = hubStock.#hub.totalUnits + :delta";

    /**
     * Releasing units at the {@code i}-th hub of a SKU in a write over several hubs (a wave, a republish):
     * {@code released} and {@code available} rise by the same {@code :hubDelta<i>} at hub {@code #hub<i>}. The
     * SKU's own update raises its counters by the sum of the hubs' deltas.
     */
    public static String hubRelease(int i) {
        return HUB_RELEASE_TEMPLATE.replace("<i>", Integer.toString(i));
    }

    static final String HUB_RELEASE_TEMPLATE = "hubStock.#hub<i>.released = hubStock.#hub<i>.released + :hubDelta<i>, "
            + "hubStock.#hub<i>.available = hubStock.#hub<i>.available + :hubDelta<i>";

    /**
     * A stock shard of a sharded SKU (its own item, {@code STOCK#<dropId>#<sku>#<i>}) holds the same four counters
     * as a SKU item and the same copied times, so the hold and the transitions use the SKU's own conditions on it.
     * Units released into or withdrawn from a shard (a wave, a republish, an adjustment, a move between shards)
     * raise or lower {@code released} and {@code available} alike, by {@code :delta}; only units still available
     * can leave ({@code :taken} = units leaving, 0 when units arrive), and never into a shard that does not exist.
     */
    public static final String SHARD_AVAILABLE_COVERS = "attribute_exists(pk) AND available >= :taken";

    /** The outbox relay records one shard's counters in its SKU item's summary ({@link ShardSummaries}). */
    public static final String SHARD_SUMMARY_UPDATE = "SET shardLevels.#shard = :level";

    /** Only over an entry from an older (or the same) stream record, and only in a SKU item that keeps a summary. */
    public static final String SHARD_SUMMARY_NOT_OLDER = "attribute_exists(shardLevels) AND "
            + "(attribute_not_exists(shardLevels.#shard) OR shardLevels.#shard.streamSeq <= :seq)";

    public static final String SHARD_RELEASE_UPDATE = "SET released = released + :delta, available = available + :delta";

    /** A republish also copies the drop's times onto every shard, where the hold's condition reads them. */
    public static final String SHARD_REPUBLISH_UPDATE =
            "SET released = released + :delta, available = available + :delta, opensAt = :opensAt, closesAt = :closesAt";

    /**
     * A sharded SKU's own item keeps the catalogue entry and {@code released}, the sum of its shards' (the guard a
     * wave and a republish are conditional on, with {@link #WAVE_NOT_YET_RELEASED} and
     * {@link #SHARDED_SKU_UNCHANGED}); it has no {@code available}, {@code held} or {@code sold}: those live in
     * the shards. Its {@code released} moves in the same transaction as the shards' by their sum.
     */
    public static final String SHARDED_SKU_WAVE_UPDATE = "SET released = released + :delta, wavesReleased = :wave";

    public static final String SHARDED_SKU_UNCHANGED = "released = :released";

    public static final String SHARDED_SKU_REPUBLISH_UPDATE = "SET productName = :productName, "
            + "variantName = :variantName, price = :price, totalUnits = :total, opensAt = :opensAt, "
            + "closesAt = :closesAt, released = released + :delta";

    public static final String SHARDED_SKU_ADJUST_UPDATE =
            "SET released = released + :delta, totalUnits = totalUnits + :delta";

    public static final String SKU_EXISTS = "attribute_exists(pk)";

    /** A paid pickup order not made ready yet: hub staff's "ready" sets {@code readyAt} and the pickup code once. */
    public static final String ORDER_READY_ABLE =
            "#status = :paid AND fulfilment.#type = :pickup AND attribute_not_exists(readyAt)";

    public static final String ORDER_READY_UPDATE = "SET readyAt = :at, pickupCode = :code, updatedAt = :at";

    /** A paid order made ready and not collected yet. */
    public static final String ORDER_COLLECTABLE =
            "#status = :paid AND attribute_exists(readyAt) AND attribute_not_exists(collectedAt)";

    public static final String ORDER_COLLECTED_UPDATE = "SET collectedAt = :at, updatedAt = :at";

    /** A paid shipment not shipped yet: its tracking number is recorded once. */
    public static final String ORDER_SHIPPABLE =
            "#status = :paid AND fulfilment.#type = :ship AND attribute_not_exists(shippedAt)";

    public static final String ORDER_SHIPPED_UPDATE =
            "SET shippedAt = :at, carrier = :carrier, trackingNumber = :tracking, updatedAt = :at";

    /** {@code #status IN (:s0, :s1, ...)} for {@code n} expected statuses. */
    public static String orderStatusIn(int n) {
        StringBuilder condition = new StringBuilder(ORDER_STATUS_PREFIX);
        for (int i = 0; i < n; i++) {
            condition.append(i == 0 ? "" : ", ").append(":s").append(i);
        }
        return condition.append(')').toString();
    }

    private Conditions() {
    }
}

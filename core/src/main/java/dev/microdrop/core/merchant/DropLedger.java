package dev.microdrop.core.merchant;

import dev.microdrop.core.checkout.Validated;
import dev.microdrop.core.checkout.Violation;
import dev.microdrop.core.drop.Drop;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET .../ledger}: a drop's inventory ledger, every SKU's, newest first, a page at a time. Each entry comes
 * with its SKU's {@code available} units right after it (the running sum of the SKU's entries, oldest first).
 *
 * <p>The cursor is the position of the page's last entry, with the drop it belongs to: a cursor of another drop, or
 * anything this class did not write, is refused. It carries no secret and needs none: it only says where to go on
 * in a ledger its bearer may read already (the drop is checked to be theirs before this is called). Entries are
 * written once and never changed, each at its write's time, so a page never repeats or skips one as new entries
 * arrive: they come before the first page, not inside a later one.
 */
public final class DropLedger {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MOST_PER_PAGE = 200;
    private static final String VERSION = "l1";

    /** An entry and its SKU's available units after it. */
    public record Line(LedgerEntry entry, int balance) {
    }

    /** @param next the cursor of the next page; null on the last */
    public record Page(List<Line> lines, String next) {
        public Page {
            lines = List.copyOf(lines);
        }
    }

    private final MerchantViews views;

    public DropLedger(MerchantViews views) {
        this.views = views;
    }

    /**
     * The page after {@code cursor} (the first when null) of at most {@code limit} entries (the default when null);
     * or what is wrong with the two, read before anything else.
     */
    public Validated<Page> page(Drop drop, String limit, String cursor) {
        List<Violation> violations = new ArrayList<>();
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            size = limit.matches("[1-9][0-9]{0,2}") ? Integer.parseInt(limit) : 0;
            if (size < 1 || size > MOST_PER_PAGE) {
                violations.add(new Violation("limit", "must be a whole number from 1 to " + MOST_PER_PAGE));
            }
        }
        Position after = null;
        if (cursor != null) {
            after = Position.read(cursor, drop.dropId());
            if (after == null) {
                violations.add(new Violation("cursor", "is not a cursor this drop's ledger gave: start again without it"));
            }
        }
        if (!violations.isEmpty()) {
            return new Validated.Invalid<>(violations);
        }
        return new Validated.Valid<>(page(drop.dropId(), views.ledger(drop.dropId(), drop.skus()), size, after));
    }

    private static Page page(String dropId, List<LedgerEntry> entries, int size, Position after) {
        List<LedgerEntry> oldestFirst = entries.stream().sorted(LedgerEntry.OLDEST_FIRST).toList();
        Map<String, Integer> available = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (LedgerEntry entry : oldestFirst) {
            lines.add(new Line(entry, available.merge(entry.sku(), entry.dAvailable(), Integer::sum)));
        }
        List<Line> page = new ArrayList<>();
        for (int i = lines.size() - 1; i >= 0 && page.size() <= size; i--) {
            LedgerEntry entry = lines.get(i).entry();
            if (after == null || LedgerEntry.OLDEST_FIRST.compare(entry, after.entry()) < 0) {
                page.add(lines.get(i));
            }
        }
        if (page.size() <= size) {
            return new Page(page, null);
        }
        List<Line> shown = page.subList(0, size);
        return new Page(shown, Position.write(dropId, shown.get(size - 1).entry()));
    }

    /** Where a page ended: the drop, and the last entry's place in {@link LedgerEntry#OLDEST_FIRST}. */
    private record Position(LedgerEntry entry) {

        static String write(String dropId, LedgerEntry last) {
            String text = String.join("\n", VERSION, dropId, last.at().toString(), last.sku(),
                    last.shard() == null ? "" : last.shard().toString(), last.entryId());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        /** The position {@code cursor} names in {@code dropId}'s ledger; null for anything else. */
        static Position read(String cursor, String dropId) {
            if (cursor.length() > 1_000) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                        .split("\n", -1);
                if (parts.length != 6 || !parts[0].equals(VERSION) || !parts[1].equals(dropId)
                        || parts[3].isEmpty() || parts[5].isEmpty()) {
                    return null;
                }
                Integer shard = parts[4].isEmpty() ? null : Integer.valueOf(parts[4]);
                return new Position(new LedgerEntry(parts[3], parts[5], Instant.parse(parts[2]), "?", null, null, shard,
                        0, 0, 0, 0, null));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return null;
            }
        }
    }
}

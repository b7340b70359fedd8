package dev.microdrop.catalog;

import dev.microdrop.core.catalog.DropListView;
import dev.microdrop.core.catalog.DropView;
import dev.microdrop.core.drop.DropSummary;
import dev.microdrop.function.http.Responses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Renders each state once: the JSON of a drop and its ETag are computed when the cached snapshot changes, not
 * per request. Keyed by the snapshot itself (the cache hands out the same object for a whole window).
 */
final class CachedRepresentations {

    private static final int MAX_ENTRIES = 256;

    private final Responses responses;
    private final ConcurrentHashMap<Object, Representation> rendered = new ConcurrentHashMap<>();

    CachedRepresentations(Responses responses) {
        this.responses = responses;
    }

    /**
     * The drop's JSON, with an ETag of its state: the JSON without {@code stockAsOf}, which moves with every read of
     * the table even when nothing changed, so that a storefront's next read after its max-age is a 304.
     */
    Representation of(DropView view) {
        Object key = new StateKey(view.snapshot(), view.status().name());
        Representation cached = rendered.get(key);
        if (cached != null) {
            return cached;
        }
        DropJson drop = DropJson.of(view.snapshot(), view.status());
        String json = responses.write(drop);
        return remember(key, new Representation(json, etag(responses.write(drop.withoutReadTime()))));
    }

    Representation of(DropListView view) {
        Instant now = view.serverTime();
        List<DropListJson.Entry> entries = view.drops().stream().map(d -> entry(d, now)).toList();
        return render(entries, () -> new DropListJson(entries));
    }

    private static DropListJson.Entry entry(DropSummary drop, Instant now) {
        return new DropListJson.Entry(drop.dropId(), drop.name(), drop.statusAt(now).name().toLowerCase(Locale.ROOT),
                drop.opensAt(), drop.closesAt(), "/drops/" + drop.dropId());
    }

    private Representation render(Object key, Supplier<Object> body) {
        Representation cached = rendered.get(key);
        if (cached != null) {
            return cached;
        }
        String json = responses.write(body.get());
        return remember(key, new Representation(json, etag(json)));
    }

    private Representation remember(Object key, Representation representation) {
        if (rendered.size() >= MAX_ENTRIES) {
            rendered.clear();
        }
        rendered.put(key, representation);
        return representation;
    }

    static String etag(String json) {
        return "W/\"" + digest(json) + "\"";
    }

    private static String digest(String json) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Identity of the cached snapshot plus the status derived from the clock. */
    private record StateKey(Object snapshot, String status) {
        @Override
        public boolean equals(Object o) {
            return o instanceof StateKey other && other.snapshot == snapshot && other.status.equals(status);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(snapshot) * 31 + status.hashCode();
        }
    }

    record Representation(String json, String etag) {

        /** The state plus {@code "serverTime"} as the first member, without re-rendering the state. */
        String withServerTime(Instant serverTime) {
            return "{\"serverTime\":\"" + serverTime + "\"," + json.substring(1);
        }
    }
}

package dev.microdrop.function.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every function reads, from {@code microdrop.*} properties or their environment variables
 * ({@code MICRODROP_TABLE}, {@code MICRODROP_CACHE_WINDOW}, {@code MICRODROP_BUYER_ID_KEY}).
 *
 * @param table       the single DynamoDB table
 * @param cacheWindow how long a read of a drop is served from memory (and the catalog's {@code max-age})
 * @param buyerIdKey  the key of the HMAC that turns e-mails into buyer ids; the same in every function of a
 *                    deployment, and secret. No default: a deployment must choose its own (the local runtime
 *                    sets a development key)
 * @param shardSummaries read sharded SKUs' counters from their summaries (one Query per drop, a second behind)
 *                    rather than from their shards: for a function that only displays stock, the catalog
 */
@ConfigurationProperties("microdrop")
public record MicrodropProperties(
        String table,
        @DefaultValue("PT2S") Duration cacheWindow,
        String buyerIdKey,
        @DefaultValue("false") boolean shardSummaries) {

    public MicrodropProperties {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("set MICRODROP_TABLE (property microdrop.table) to the DynamoDB table name");
        }
    }

    /** The key as bytes; only functions that derive buyer ids ask, and they fail fast without one. */
    public byte[] requireBuyerIdKey() {
        if (buyerIdKey == null || buyerIdKey.length() < 16) {
            throw new IllegalStateException(
                    "set MICRODROP_BUYER_ID_KEY (property microdrop.buyer-id-key) to a secret of at least 16 characters");
        }
        return buyerIdKey.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}

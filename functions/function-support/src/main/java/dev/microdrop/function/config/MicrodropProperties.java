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
 *                    deployment, and secret
 */
@ConfigurationProperties("microdrop")
public record MicrodropProperties(
        String table,
        @DefaultValue("PT2S") Duration cacheWindow,
        @DefaultValue("microdrop-local-development-key") String buyerIdKey) {

    public MicrodropProperties {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("set MICRODROP_TABLE (property microdrop.table) to the DynamoDB table name");
        }
    }
}

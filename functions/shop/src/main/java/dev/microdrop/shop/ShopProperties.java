package dev.microdrop.shop;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shop function's settings, from {@code microdrop.shop.*} or their environment variables
 * ({@code MICRODROP_SHOP_LINK_KEY}, {@code MICRODROP_SHOP_STOREFRONT_URL}).
 *
 * @param linkKey       the key of the audience's link tokens (confirm and unsubscribe links), at least 32 bytes; its
 *                      own, not the buyer-id key (docs/audience.md). No default: the local runtime sets a
 *                      development one
 * @param storefrontUrl the shop's storefront, whose {@code subscribe/} page a confirmation link opens, and the link
 *                      of a loyalty pass for a drop whose manifest names no storefront of its own
 * @param apiUrl        where the shop's API answers ({@code shop/unsubscribe}, the one-click link of every marketing
 *                      mail); when not set, the host the SSM parameter {@code apiDomainParameter} names, else the
 *                      storefront's origin (its edge routes {@code /shop/*} to this function)
 * @param apiDomainParameter the SSM parameter the shop's stack writes its API's host to (the function URL's, which
 *                      the function's own environment cannot name), read when the first marketing mail is sent
 * @param loyaltyDrops  the loyalty rule: buyers of this many last drops get a pass for the next one's early window
 */
@ConfigurationProperties("microdrop.shop")
public record ShopProperties(String linkKey, URI storefrontUrl, URI apiUrl, String apiDomainParameter,
                             @org.springframework.boot.context.properties.bind.DefaultValue("3") int loyaltyDrops) {

    public static final int MIN_LINK_KEY_BYTES = 32;

    public ShopProperties {
        if (linkKey == null || linkKey.getBytes(StandardCharsets.UTF_8).length < MIN_LINK_KEY_BYTES) {
            throw new IllegalStateException("set MICRODROP_SHOP_LINK_KEY (property microdrop.shop.link-key) to a secret"
                    + " of at least " + MIN_LINK_KEY_BYTES + " bytes");
        }
        if (storefrontUrl == null) {
            throw new IllegalStateException("set MICRODROP_SHOP_STOREFRONT_URL (property microdrop.shop.storefront-url)");
        }
    }

    /** The one-click unsubscribe endpoint of marketing mail: {@code <api>/shop/unsubscribe}. */
    public URI unsubscribeEndpoint() {
        return unsubscribeEndpoint(apiUrl == null ? storefrontUrl : apiUrl);
    }

    /** Whether the API's host is read from {@link #apiDomainParameter} (no {@code apiUrl} given). */
    public boolean apiDomainFromParameter() {
        return apiUrl == null && apiDomainParameter != null && !apiDomainParameter.isBlank();
    }

    /** The one-click unsubscribe endpoint on the API host {@code domain}: {@code https://<domain>/shop/unsubscribe}. */
    public static URI unsubscribeEndpointOn(String domain) {
        return unsubscribeEndpoint(URI.create("https://" + domain));
    }

    private static URI unsubscribeEndpoint(URI api) {
        String base = api.toString();
        return URI.create((base.endsWith("/") ? base : base + "/") + "shop/unsubscribe");
    }

    public byte[] linkKeyBytes() {
        return linkKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The page a confirmation link opens: {@code <storefront>/subscribe/}. */
    public URI subscribePage() {
        return page("subscribe/");
    }

    /** The page {@code GET /shop/unsubscribe} sends a browser to: {@code <storefront>/unsubscribe/}. */
    public URI unsubscribePage() {
        return page("unsubscribe/");
    }

    /** The page a privacy link opens (the export shown, the erasure confirmed): {@code <storefront>/privacy/}. */
    public URI privacyPage() {
        return page("privacy/");
    }

    private URI page(String path) {
        String base = storefrontUrl.toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }
}

package dev.microdrop.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Where marketing mail's one-click unsubscribe goes, as the shop's settings say. */
class ShopPropertiesTest {

    private static final String KEY = "a-link-key-of-at-least-32-bytes-for-tests";
    private static final URI STOREFRONT = URI.create("https://shop.neon-runners.example/");

    @Test
    void anApiUrlGiven_isTheEndpointsHost_andNoParameterIsRead() {
        ShopProperties shop = new ShopProperties(KEY, STOREFRONT, URI.create("https://api.neon-runners.example"),
                "/microdrop/shop/neon/api-domain", 3);

        assertThat(shop.apiDomainFromParameter()).isFalse();
        assertThat(shop.unsubscribeEndpoint()).isEqualTo(URI.create("https://api.neon-runners.example/shop/unsubscribe"));
    }

    @Test
    void deployed_theHostIsTheOneTheStacksParameterNames_theFunctionUrlsOwn() {
        ShopProperties shop = new ShopProperties(KEY, STOREFRONT, null, "/microdrop/shop/neon/api-domain", 3);

        assertThat(shop.apiDomainFromParameter()).isTrue();
        assertThat(ShopProperties.unsubscribeEndpointOn("abc123.lambda-url.eu-central-1.on.aws"))
                .isEqualTo(URI.create("https://abc123.lambda-url.eu-central-1.on.aws/shop/unsubscribe"));
    }

    @Test
    void neitherGiven_theStorefrontsEdgeRoutesTheShopApi() {
        ShopProperties shop = new ShopProperties(KEY, STOREFRONT, null, "", 3);

        assertThat(shop.apiDomainFromParameter()).isFalse();
        assertThat(shop.unsubscribeEndpoint())
                .isEqualTo(URI.create("https://shop.neon-runners.example/shop/unsubscribe"));
    }
}

package dev.microdrop.core.manifest;

import java.util.List;

/**
 * Where the drop's storefront runs: the only browser origins the deployed catalog and checkout accept calls from
 * (their function URLs' CORS). The local runtime does not need it; the CDK app refuses a manifest without it.
 *
 * @param origins {@code https://host[:port]}, as a browser sends in its {@code Origin} header (no path, no
 *                trailing slash); {@code http://localhost[:port]} for a storefront under development
 */
public record Storefront(List<String> origins) {

    public Storefront {
        origins = List.copyOf(origins);
    }
}

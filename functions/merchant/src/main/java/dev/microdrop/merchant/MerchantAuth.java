package dev.microdrop.merchant;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling the merchant API. On AWS the function URL is IAM-authenticated: a request that reached us
 * carries a verified IAM caller, and the stack's merchant is {@code iamMerchantId}. Locally (and for API-key
 * deployments) {@code Authorization: Bearer <key>} names a merchant; keys are compared in constant time.
 */
final class MerchantAuth {

    private final Map<String, byte[]> keyDigests = new LinkedHashMap<>();
    private final String iamMerchantId;

    /** @param keys {@code merchantId=key,merchantId=key}; keys shorter than 16 characters are refused */
    MerchantAuth(String keys, String iamMerchantId) {
        this.iamMerchantId = iamMerchantId == null || iamMerchantId.isBlank() ? null : iamMerchantId;
        if (keys != null) {
            for (String pair : keys.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] parts = pair.strip().split("=", 2);
                if (parts.length != 2 || parts[1].length() < 16) {
                    throw new IllegalStateException("MICRODROP_MERCHANT_KEYS takes merchantId=key pairs, keys of 16+ characters");
                }
                keyDigests.put(parts[0], digest(parts[1]));
            }
        }
    }

    Optional<String> merchant(APIGatewayV2HTTPEvent event, Optional<String> authorization) {
        if (iamMerchantId != null && event.getRequestContext() != null
                && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getIam() != null
                && event.getRequestContext().getAuthorizer().getIam().getUserArn() != null) {
            return Optional.of(iamMerchantId);
        }
        String header = authorization.orElse("");
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = digest(header.substring(7).strip());
        String found = null;
        // Compare against every key, always, so timing says nothing about which key or how much matched.
        for (Map.Entry<String, byte[]> key : keyDigests.entrySet()) {
            if (MessageDigest.isEqual(key.getValue(), presented)) {
                found = key.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

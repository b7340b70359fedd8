package dev.microdrop.core.drop;

/**
 * What storefronts and directories show about a drop beyond what it sells. Every part is optional (null).
 *
 * @param story         a short text about the drop, as the merchant wrote it (at most {@link #MAX_STORY} characters)
 * @param cadence       how often the shop drops, in the merchant's words ("every first Saturday"); text for people,
 *                      not a schedule a machine follows
 * @param storefrontUrl where buyers open the drop: the manifest's first storefront origin
 */
public record DropListing(String story, String cadence, String storefrontUrl) {

    public static final int MAX_STORY = 2_000;
    public static final int MAX_CADENCE = 200;

    /** A drop that tells nothing beyond what it sells. */
    public static final DropListing NONE = new DropListing(null, null, null);

    public DropListing {
        if (story != null && (story.isBlank() || story.length() > MAX_STORY)) {
            throw new IllegalArgumentException("a story is 1 to " + MAX_STORY + " characters");
        }
        if (cadence != null && (cadence.isBlank() || cadence.length() > MAX_CADENCE)) {
            throw new IllegalArgumentException("a cadence is 1 to " + MAX_CADENCE + " characters");
        }
    }
}

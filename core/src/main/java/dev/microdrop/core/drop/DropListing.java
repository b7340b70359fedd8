package dev.microdrop.core.drop;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What storefronts and directories show about a drop beyond what it sells. Every part is optional (null, or empty).
 *
 * @param story         a short text about the drop, as the merchant wrote it (at most {@link #MAX_STORY} characters)
 * @param cadence       how often the shop drops, in the merchant's words ("every first Saturday"); text for people,
 *                      not a schedule a machine follows
 * @param storefrontUrl where buyers open the drop: the manifest's first storefront origin
 * @param interests     the tags of the audience's interests the drop is for ({@link #INTEREST}, at most
 *                      {@link #MAX_INTERESTS}), sorted, each once; empty when it names none
 */
public record DropListing(String story, String cadence, String storefrontUrl, List<String> interests) {

    public static final int MAX_STORY = 2_000;
    public static final int MAX_CADENCE = 200;
    /** An interest, the drop's or a member's: a lower-case tag such as {@code running}. */
    public static final Pattern INTEREST = Pattern.compile("[a-z0-9-]{1,32}");
    /** A drop is for a few interests; one that names every tag is for no one in particular. */
    public static final int MAX_INTERESTS = 5;

    /** A drop that tells nothing beyond what it sells. */
    public static final DropListing NONE = new DropListing(null, null, null);

    public DropListing {
        if (story != null && (story.isBlank() || story.length() > MAX_STORY)) {
            throw new IllegalArgumentException("a story is 1 to " + MAX_STORY + " characters");
        }
        if (cadence != null && (cadence.isBlank() || cadence.length() > MAX_CADENCE)) {
            throw new IllegalArgumentException("a cadence is 1 to " + MAX_CADENCE + " characters");
        }
        interests = interests == null ? List.of() : List.copyOf(new TreeSet<>(interests));
        if (interests.size() > MAX_INTERESTS
                || interests.stream().anyMatch(tag -> !INTEREST.matcher(Objects.requireNonNull(tag)).matches())) {
            throw new IllegalArgumentException("a drop names at most " + MAX_INTERESTS + " interests, each 1 to 32 of"
                    + " a-z 0-9 -");
        }
    }

    /** A listing that names no interests. */
    public DropListing(String story, String cadence, String storefrontUrl) {
        this(story, cadence, storefrontUrl, List.of());
    }
}

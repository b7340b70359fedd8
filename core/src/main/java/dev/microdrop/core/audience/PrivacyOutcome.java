package dev.microdrop.core.audience;

import java.util.List;

/** What following a privacy link (an export or an erasure) did. */
public sealed interface PrivacyOutcome {

    /** The link is not ours, is for something else, or has expired: nothing was read or written. */
    record TokenRefused(LinkTokens.Refusal refusal) implements PrivacyOutcome {
    }

    /** The export: everything kept about the link's buyer. Nothing was written. */
    record Exported(BuyerExport export) implements PrivacyOutcome {
    }

    /**
     * The erasure: the audience's (a tombstone, or already erased, or never a member) and each store's, in the order
     * they ran. Following the link again erases nothing more and answers the same shape, with nothing counted.
     */
    record Erased(ErasureOutcome audience, List<BuyerErasure.Erased> stores) implements PrivacyOutcome {

        public Erased {
            stores = List.copyOf(stores);
        }
    }
}

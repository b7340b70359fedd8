/**
 * The shop's audience: marketing consent with double opt-in ({@link dev.microdrop.core.audience.Audience}), its
 * signed link tokens ({@link dev.microdrop.core.audience.LinkTokens}), the members' store (the {@link
 * dev.microdrop.core.audience.AudienceMembers} port), the notifier's {@link
 * dev.microdrop.core.notification.Consents} from it, and the erasure port other stores will implement ({@link
 * dev.microdrop.core.audience.BuyerErasure}). See docs/audience.md.
 */
package dev.microdrop.core.audience;

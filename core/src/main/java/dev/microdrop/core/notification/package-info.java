/**
 * Transactional mail, sent exactly once per (kind, recipient, subject): the {@link
 * dev.microdrop.core.notification.Notification} a domain event causes ({@link
 * dev.microdrop.core.notification.OrderMails}), the rules that may refuse it (consent for marketing, suppressed
 * addresses) and the idempotency record that keeps a redelivered event from mailing twice ({@link
 * dev.microdrop.core.notification.Notifier}). See docs/notifications.md.
 */
package dev.microdrop.core.notification;

/** The payments function: verifies and applies payment-provider webhooks. */
package dev.microdrop.payments;

/** The notifications function: mails the buyer what the drop's events mean for them, once each. */
package dev.microdrop.notifications;

/**
 * Mail adapters for the core's notification ports: {@link dev.microdrop.infrastructure.mail.MustacheMailTemplates}
 * (template files), {@link dev.microdrop.infrastructure.mail.MimeMails} (the MIME message both senders send),
 * {@link dev.microdrop.infrastructure.mail.SmtpMailSender} (locally, to GreenMail) and {@link
 * dev.microdrop.infrastructure.mail.SesMailSender} (Amazon SES v2 on AWS). Nothing here logs an address.
 */
package dev.microdrop.infrastructure.mail;

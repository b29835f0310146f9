package io.quire.platform.mail;

/** One plain-text email; {@code template} names its kind (for the log and tests), never its secrets. */
public record MailMessage(String to, String subject, String textBody, String template) {}

package io.quire.identity;

import io.quire.platform.mail.MailMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The texts of identity's emails; links point at {@code publicBaseUrl} and carry the raw token once. */
final class IdentityEmails {
    private final String baseUrl;

    IdentityEmails(String publicBaseUrl) {
        this.baseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    private String link(String path, String token) {
        return baseUrl + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    MailMessage verifyEmail(String to, String name, String token) {
        return new MailMessage(
                to,
                "Confirm your email address",
                """
        Hello %s,

        Confirm your email address for Quire by opening this link:
        %s

        Or send this token to POST /api/v1/auth/verify-email: %s

        If you didn't create an account, ignore this email.
        """.formatted(name, link("/verify-email", token), token),
                "verify-email");
    }

    MailMessage resetPassword(String to, String name, String token, int minutes) {
        return new MailMessage(
                to,
                "Reset your password",
                """
        Hello %s,

        Someone (hopefully you) asked to reset your Quire password. Open this link within %d minutes:
        %s

        Or send this token to POST /api/v1/auth/reset-password: %s

        If it wasn't you, ignore this email; your password stays as it is.
        """.formatted(name, minutes, link("/reset-password", token), token),
                "reset-password");
    }

    MailMessage changeEmail(String to, String name, String token) {
        return new MailMessage(
                to,
                "Confirm your new email address",
                """
        Hello %s,

        Confirm this address as your new Quire email by opening this link:
        %s

        Or send this token to POST /api/v1/auth/verify-email-change: %s
        """.formatted(name, link("/verify-email-change", token), token),
                "change-email");
    }
}

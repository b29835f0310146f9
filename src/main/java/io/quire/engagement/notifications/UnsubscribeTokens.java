package io.quire.engagement.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe tokens: {@code base64url(user.type).base64url(HMAC-SHA256)}, keyed from
 * {@code security.encryptionKey} (its own derived key, so the token cannot be turned into anything else). They do
 * not expire: an unsubscribe link in a years-old email must still work, and all it can do is turn email off.
 */
public final class UnsubscribeTokens {
    /** Who and what a valid token unsubscribes. */
    public record Subject(UUID userId, String type) {}

    private final SecretKeySpec key;

    public UnsubscribeTokens(String keyMaterial) {
        try {
            byte[] derived = MessageDigest.getInstance("SHA-256")
                    .digest(("quire-unsubscribe:" + keyMaterial).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(derived, "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issue(UUID userId, String type) {
        String subject = userId + "." + type;
        return b64(subject.getBytes(StandardCharsets.UTF_8)) + "." + b64(mac(subject));
    }

    /** The token's subject, or null when it is not one of ours. */
    public Subject verify(String token) {
        if (token == null || token.length() > 300) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            String subject = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(subject))) {
                return null;
            }
            int sep = subject.indexOf('.');
            return new Subject(UUID.fromString(subject.substring(0, sep)), subject.substring(sep + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    private byte[] mac(String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.quire.webhooks;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The four ways senders sign what they post, checked over the raw bytes as received. Each check takes every
 * active secret (several while one rotates) and passes when any of them matches; comparisons are constant-time.
 * Headers are looked up lower-cased.
 */
public final class Signatures {
    private Signatures() {}

    /** The outcome of a check. */
    public enum Result {
        VALID,
        MISSING,
        INVALID,
        STALE
    }

    /** Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]}, HMAC-SHA256 over {@code t + "." + body}. */
    public static Result stripe(
            Map<String, String> headers, Buffer body, List<String> secrets, long nowSeconds, long toleranceSeconds) {
        String header = headers.get("stripe-signature");
        if (header == null || header.isBlank()) {
            return Result.MISSING;
        }
        String timestamp = null;
        List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                timestamp = value;
            } else if (name.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Result.MISSING;
        }
        long t;
        try {
            t = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Result.INVALID;
        }
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body.getBytes());
        for (String secret : secrets) {
            byte[] expected = hmac(secret.getBytes(StandardCharsets.UTF_8), signed);
            for (String candidate : signatures) {
                if (equal(expected, hex(candidate))) {
                    return Math.abs(nowSeconds - t) > toleranceSeconds ? Result.STALE : Result.VALID;
                }
            }
        }
        return Result.INVALID;
    }

    /** Razorpay: {@code X-Razorpay-Signature: <hex>}, HMAC-SHA256 of the body. */
    public static Result razorpay(Map<String, String> headers, Buffer body, List<String> secrets) {
        String header = headers.get("x-razorpay-signature");
        if (header == null || header.isBlank()) {
            return Result.MISSING;
        }
        byte[] given = hex(header.trim());
        for (String secret : secrets) {
            if (equal(hmac(secret.getBytes(StandardCharsets.UTF_8), body.getBytes()), given)) {
                return Result.VALID;
            }
        }
        return Result.INVALID;
    }

    /** Xendit: {@code x-callback-token} equal to a stored token. */
    public static Result xendit(Map<String, String> headers, List<String> tokens) {
        String header = headers.get("x-callback-token");
        if (header == null || header.isBlank()) {
            return Result.MISSING;
        }
        byte[] given = header.trim().getBytes(StandardCharsets.UTF_8);
        for (String token : tokens) {
            if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given)) {
                return Result.VALID;
            }
        }
        return Result.INVALID;
    }

    /**
     * Standard Webhooks: {@code webhook-signature: v1,<base64> [v1,<base64> …]}, HMAC-SHA256 over
     * {@code id + "." + timestamp + "." + body}, keyed with the base64 part of a {@code whsec_} secret.
     */
    public static Result standard(
            Map<String, String> headers, Buffer body, List<String> secrets, long nowSeconds, long toleranceSeconds) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        String header = headers.get("webhook-signature");
        if (id == null || timestamp == null || header == null || header.isBlank()) {
            return Result.MISSING;
        }
        long t;
        try {
            t = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Result.INVALID;
        }
        byte[] signed = concat((id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), body.getBytes());
        for (String secret : secrets) {
            byte[] expected = hmac(standardKey(secret), signed);
            for (String candidate : header.trim().split(" ")) {
                if (candidate.startsWith("v1,") && equal(expected, base64(candidate.substring(3)))) {
                    return Math.abs(nowSeconds - t) > toleranceSeconds ? Result.STALE : Result.VALID;
                }
            }
        }
        return Result.INVALID;
    }

    /** {@code v1,<base64>} for one secret: what a Standard Webhooks sender puts in {@code webhook-signature}. */
    public static String standardSignature(String secret, String id, long timestamp, Buffer body) {
        byte[] signed = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body.getBytes());
        return "v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), signed));
    }

    /** The key of a {@code whsec_<base64>} secret; a secret without the prefix is taken as base64 too. */
    static byte[] standardKey(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean equal(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    private static byte[] hex(String s) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

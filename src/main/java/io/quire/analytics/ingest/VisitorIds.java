package io.quire.analytics.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Visitors without cookies: {@code SHA-256(daily salt ‖ site ‖ address ‖ User-Agent)}, cut to 128 bits and kept
 * as a UUID. The same reader on the same site hashes the same all day and differently the next; across sites
 * they never match. The address is used here and nowhere else.
 */
final class VisitorIds {
    private VisitorIds() {}

    static UUID anonymous(byte[] salt, UUID site, String ip, String userAgent) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(salt);
        sha.update(ByteBuffer.allocate(16)
                .putLong(site.getMostSignificantBits())
                .putLong(site.getLeastSignificantBits())
                .array());
        sha.update((ip == null ? "" : ip).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update((userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8));
        ByteBuffer digest = ByteBuffer.wrap(sha.digest());
        return new UUID(digest.getLong(), digest.getLong());
    }
}

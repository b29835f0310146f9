package io.quire.platform.ids;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562): time-ordered, so new rows land at the end of the primary-key index instead of at
 * random pages, and still unguessable enough (74 random bits) to expose in URLs.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        byte[] rand = new byte[10];
        RANDOM.nextBytes(rand);
        long msb = (millis << 16) | 0x7000L | ((rand[0] & 0x0FL) << 8) | (rand[1] & 0xFFL);
        long lsb = 0x8000000000000000L | ((rand[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            lsb |= (rand[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(msb, lsb);
    }
}

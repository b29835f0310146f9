package io.quire.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 appendix B vectors (SHA-1, 8 digits, the ASCII secret "12345678901234567890"). */
class TotpTest {
    static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}")
    @CsvSource({
        "59, 94287082", "1111111109, 07081804", "1111111111, 14050471",
        "1234567890, 89005924", "2000000000, 69279037", "20000000000, 65353130",
    })
    void rfc6238Vectors(long time, String expected) {
        assertEquals(expected, Totp.code(RFC_KEY, Totp.stepAt(time), 8));
    }

    @Test
    void aCodeMatchesItsStepAndTheNeighbours() {
        String secret = Totp.Base32.encode(RFC_KEY);
        long time = 1_111_111_109L;
        long step = Totp.stepAt(time);
        String code = Totp.code(RFC_KEY, step, 6);
        assertEquals(OptionalLong.of(step), Totp.matchingStep(secret, code, time));
        assertEquals(OptionalLong.of(step), Totp.matchingStep(secret, code, time + 30), "one step of clock drift");
        assertEquals(OptionalLong.of(step), Totp.matchingStep(secret, code, time - 30));
        assertTrue(Totp.matchingStep(secret, code, time + 90).isEmpty(), "three steps later it is gone");
        assertTrue(Totp.matchingStep(secret, "12345", time).isEmpty());
        assertTrue(Totp.matchingStep(secret, "abcdef", time).isEmpty());
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.Base32.encode(RFC_KEY));
        assertArrayEquals(RFC_KEY, Totp.Base32.decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"));
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertEquals(20, Totp.Base32.decode(secret).length);
    }

    @Test
    void theOtpauthUriNamesIssuerAccountAndParameters() {
        assertEquals(
                "otpauth://totp/Quire:ada%40example.com?secret=ABC&issuer=Quire&algorithm=SHA1&digits=6&period=30",
                Totp.otpauthUri("Quire", "ada@example.com", "ABC"));
    }
}

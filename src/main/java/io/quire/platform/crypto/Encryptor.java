package io.quire.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets at rest (MFA seeds, gateway credentials) with AES-256-GCM; the key is SHA-256 of
 * {@code security.encryptionKey}. Output: base64 of {@code "v1" iv(12) ciphertext+tag}.
 */
public final class Encryptor {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] VERSION = {'v', '1'};
    private final SecretKeySpec key;

    public Encryptor(String keyMaterial) {
        try {
            this.key = new SecretKeySpec(
                    MessageDigest.getInstance("SHA-256").digest(keyMaterial.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(2 + 12 + sealed.length)
                            .put(VERSION)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String encoded) {
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(encoded));
            byte[] version = new byte[2];
            byte[] iv = new byte[12];
            in.get(version).get(iv);
            byte[] sealed = new byte[in.remaining()];
            in.get(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("decryption failed (wrong security.encryptionKey?)", e);
        }
    }
}

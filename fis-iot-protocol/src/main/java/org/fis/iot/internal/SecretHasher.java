package org.fis.iot.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.KeySpec;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** PBKDF2-HMAC-SHA256 hashing of device secrets, and the cheap SHA-256 verifier. Thread-safe. */
public final class SecretHasher {
  /** Salt length in bytes. */
  public static final int SALT_BYTES = 16;

  private static final int HASH_BITS = 256;

  private SecretHasher() {}

  /** PBKDF2 of the secret. */
  public static byte[] pbkdf2(String secret, byte[] salt, int iterations) {
    KeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }

  /** SHA-256 of salt and secret: the in-memory verifier once PBKDF2 has matched. */
  public static byte[] quickDigest(String secret, byte[] salt) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
      digest.update(bytes);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Constant-time comparison. */
  public static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /** A copy, for cache keys. */
  public static byte[] copy(byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length);
  }
}

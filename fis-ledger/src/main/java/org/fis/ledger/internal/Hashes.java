package org.fis.ledger.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** SHA-256 digests for idempotency, tamper evidence and lock keys. Not API. Thread-safe. */
public final class Hashes {
  private static final HexFormat HEX = HexFormat.of();

  private Hashes() {}

  /**
   * SHA-256 of a canonical text.
   *
   * @param canonical the text
   * @return 32 bytes
   */
  public static byte[] sha256(String canonical) {
    return digest().digest(canonical.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The next link of an account's chain: SHA-256 over the previous link, the account, the link's
   * sequence number and the posting's record hash.
   *
   * @param previous the previous link's hash, or {@code null} for the first link
   * @param accountId the account
   * @param sequence the link's sequence number (1 for the first)
   * @param recordHash the posting's record hash
   * @return the link hash
   */
  public static byte[] chain(byte[] previous, String accountId, long sequence, byte[] recordHash) {
    MessageDigest digest = digest();
    if (previous != null) {
      digest.update(previous);
    }
    digest.update(accountId.getBytes(StandardCharsets.UTF_8));
    digest.update(ByteBuffer.allocate(Long.BYTES).putLong(sequence).array());
    digest.update(recordHash);
    return digest.digest();
  }

  /**
   * A 64-bit advisory lock key for an operation of a ledger.
   *
   * @param ledgerId the ledger
   * @param operationId the operation
   * @return the key
   */
  public static long lockKey(String ledgerId, String operationId) {
    byte[] bytes = sha256(ledgerId + "\u0000" + operationId);
    return ByteBuffer.wrap(bytes).getLong();
  }

  /**
   * Lower-case hex.
   *
   * @param bytes the bytes
   * @return the hex text
   */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * An instant as microseconds since the epoch, for canonical texts and SQL binding.
   *
   * @param instant the instant (already truncated to microseconds)
   * @return the microseconds
   */
  public static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  /** One digest per thread: looking up the provider costs more than hashing a short text. */
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
          });

  private static MessageDigest digest() {
    MessageDigest digest = DIGEST.get();
    digest.reset();
    return digest;
  }
}

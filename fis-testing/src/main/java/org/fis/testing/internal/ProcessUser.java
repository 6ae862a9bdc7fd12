package org.fis.testing.internal;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The operating-system user the PostgreSQL processes run as. PostgreSQL refuses to run as root, so
 * a root JVM runs them as {@code nobody} through {@code setpriv} (util-linux); any other user runs
 * them as itself.
 */
public final class ProcessUser {
  /** The unprivileged account used when the JVM runs as root. */
  static final String UNPRIVILEGED_USER = "nobody";

  private final boolean dropPrivileges;
  private final long uid;
  private final long gid;

  private ProcessUser(boolean dropPrivileges, long uid, long gid) {
    this.dropPrivileges = dropPrivileges;
    this.uid = uid;
    this.gid = gid;
  }

  /** The user for the server processes of this JVM. */
  public static ProcessUser forServer() {
    UnixSystem self = new UnixSystem();
    if (self.getUid() != 0) {
      return new ProcessUser(false, self.getUid(), self.getGid());
    }
    long uid = Long.parseLong(run("id", "-u", UNPRIVILEGED_USER));
    long gid = Long.parseLong(run("id", "-g", UNPRIVILEGED_USER));
    return new ProcessUser(true, uid, gid);
  }

  /** A short description for logs. */
  public String description() {
    return dropPrivileges ? UNPRIVILEGED_USER + " (uid " + uid + ", via setpriv)" : "uid " + uid;
  }

  /** Prefixes a command so that it runs as this user. */
  public List<String> wrap(List<String> command) {
    if (!dropPrivileges) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Gives a freshly created directory to this user, with owner-only access as PostgreSQL wants. */
  public void handOver(Path directory) {
    try {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
      if (dropPrivileges) {
        UserPrincipalLookupService lookup =
            directory.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(directory, lookup.lookupPrincipalByName(UNPRIVILEGED_USER));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot hand " + directory + " to " + description(), e);
    }
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "'" + String.join(" ", command) + "' failed: " + output.strip());
      }
      return output.strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}

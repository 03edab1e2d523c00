package io.logyard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The one check for files that hold a secret (a source's {@code *_file}, {@code privacy.hmac_key_file},
 * {@code bigquery.credentials_file}): the file must be a regular file that neither its group nor
 * other users can read. Whatever stops the check (missing, not a file, an I/O error) refuses the
 * file, saying its path and why. On a filesystem without POSIX permissions there is nothing to
 * check and the file is accepted.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /** Why {@code file} must not hold a secret, or null when only its owner can read it. */
  public static String ownerOnlyProblem(Path file) {
    try {
      BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
      if (!basic.isRegularFile()) return "cannot read " + file + ": not a regular file";
      Set<PosixFilePermission> perms;
      try {
        perms = Files.getPosixFilePermissions(file);
      } catch (UnsupportedOperationException e) {
        return null;
      }
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        return file + " is readable by group or others: make it readable by its owner only (chmod 600 " + file + ")";
      }
      return null;
    } catch (NoSuchFileException e) {
      return "cannot read " + file + ": no such file";
    } catch (IOException e) {
      return "cannot check who may read " + file + ": " + reason(e);
    }
  }

  /** The content of a file only its owner can read, stripped; refused (with path and why) otherwise, or when empty. */
  public static String readOwnerOnly(Path file) {
    String problem = ownerOnlyProblem(file);
    if (problem != null) throw new IllegalArgumentException(problem);
    String v;
    try {
      v = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + reason(e));
    }
    if (v.isEmpty()) throw new IllegalArgumentException(file + " is empty");
    return v;
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

package cn.certhall.pki.keystore;

import cn.certhall.pki.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Key files in a directory, {@code <name>.p12} each, readable by the owner only. A file is written
 * beside its place and linked into it, so a crash never leaves half a key and an existing key is
 * never replaced.
 */
public final class DirectoryKeyFiles implements KeyFiles {
  private static final String SUFFIX = ".p12";

  private final Path directory;

  public DirectoryKeyFiles(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  @Override
  public Optional<byte[]> read(String name) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(file(name)));
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    }
  }

  @Override
  public boolean exists(String name) {
    return Files.isRegularFile(file(name));
  }

  @Override
  public boolean writeNew(String name, byte[] content) throws IOException {
    OwnerOnlyFiles.createDirectories(directory);
    Path target = file(name);
    if (Files.exists(target)) {
      return false;
    }
    Path tmp = Files.createTempFile(directory, ".key", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the file system has no POSIX permissions; the directory's own access rules apply
      }
      Files.write(tmp, content);
      try {
        Files.createLink(target, tmp);
      } catch (UnsupportedOperationException noHardLinks) {
        Files.move(tmp, target);
      }
      return true;
    } catch (FileAlreadyExistsException raced) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public boolean isEmpty() throws IOException {
    if (!Files.exists(directory)) {
      return true;
    }
    try (var entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /** The names of the files here (without {@code .p12}), for copying them elsewhere. */
  public java.util.List<String> names() throws IOException {
    if (!Files.isDirectory(directory)) {
      return java.util.List.of();
    }
    try (var entries = Files.list(directory)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
          .map(n -> n.substring(0, n.length() - SUFFIX.length()))
          .sorted()
          .toList();
    }
  }

  @Override
  public String description() {
    return directory.toString();
  }

  private Path file(String name) {
    return directory.resolve(name + SUFFIX);
  }
}

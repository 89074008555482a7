package cn.certhall.app.material;

import cn.certhall.domain.material.MaterialStore;
import cn.certhall.pki.OwnerOnlyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Material files in a directory (by default {@code <data-dir>/materials}), each at {@code
 * ab/cd/<sha256>} after the first two bytes of its hash, so no directory holds more than a few
 * thousand. A file is written to a temporary name beside its place, forced to disk and then renamed
 * into place, so a reader never sees half a file; it is readable by the owner only, as the files
 * are ID cards and licences.
 */
public final class FileSystemMaterialStore implements MaterialStore {
  private final Path root;

  public FileSystemMaterialStore(Path root) {
    this.root = root;
  }

  @Override
  public String put(byte[] content) {
    String sha256 = MaterialStore.sha256(content);
    Path target = path(sha256);
    if (Files.exists(target)) {
      return sha256;
    }
    try {
      OwnerOnlyFiles.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), sha256, ".part");
      try {
        ownerOnly(temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(content);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        }
        try {
          Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException raced) {
          // the same bytes arrived twice at once: either copy is the file
          if (!Files.exists(target)) {
            throw raced;
          }
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
      return sha256;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store material file " + sha256, e);
    }
  }

  @Override
  public Optional<InputStream> open(String sha256) {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.newInputStream(path(sha256)));
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read material file " + sha256, e);
    }
  }

  /**
   * Copies every file of a directory this store wrote into {@code target}, skipping those it {@code
   * holds} already (by hash), and leaves the directory as it is.
   *
   * @return how many files were copied
   */
  public static int copyInto(Path root, MaterialStore target, Predicate<String> holds) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int copied = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file) || !name.matches("[0-9a-f]{64}") || holds.test(name)) {
          continue;
        }
        byte[] content = Files.readAllBytes(file);
        if (!MaterialStore.sha256(content).equals(name)) {
          throw new IllegalStateException("material file " + file + " does not match its name");
        }
        target.put(content);
        copied++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the material files in " + root, e);
    }
    return copied;
  }

  Path path(String sha256) {
    return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the data directory's own access rules apply
    }
  }
}

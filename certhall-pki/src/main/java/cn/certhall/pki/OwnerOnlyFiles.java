package cn.certhall.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Directories and files that only the process's own user may read: keys, secrets, CRLs, uploaded
 * materials and the database live under them. They are created with these permissions (0700 and
 * 0600) rather than made and tightened afterwards, so no other user can open them in between. Java
 * cannot set the process's umask; giving the permissions as a creation attribute is its equivalent.
 * On file systems without POSIX permissions (Windows) the directory's own access rules apply.
 */
public final class OwnerOnlyFiles {
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /** Creates {@code directory} and any missing parent, each missing one with mode 0700. */
  public static Path createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return directory;
    }
    try {
      Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(absolute);
    }
    return directory;
  }

  /**
   * Writes a new file with mode 0600 from its creation, its parent made as by {@link
   * #createDirectories}.
   *
   * @throws FileAlreadyExistsException if the file is there already
   */
  public static void writeNew(Path file, byte[] content) throws IOException {
    createDirectories(file.toAbsolutePath().getParent());
    EnumSet<StandardOpenOption> options =
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    SeekableByteChannel channel;
    try {
      FileAttribute<Set<PosixFilePermission>> ownerOnly =
          PosixFilePermissions.asFileAttribute(FILE);
      channel = Files.newByteChannel(file, options, ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      channel = Files.newByteChannel(file, options);
    }
    try (SeekableByteChannel out = channel) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
    }
  }

  /**
   * Makes an existing directory owner-only (0700), for data directories made by earlier versions
   * with the umask's mode.
   *
   * @return whether its mode had to change
   */
  public static boolean restrictDirectory(Path directory) throws IOException {
    try {
      if (Files.getPosixFilePermissions(directory).equals(DIRECTORY)) {
        return false;
      }
      Files.setPosixFilePermissions(directory, DIRECTORY);
      return true;
    } catch (UnsupportedOperationException notPosix) {
      return false;
    }
  }
}

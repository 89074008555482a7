package cn.certhall.pki.keystore;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a {@link SoftwareKeyStore} keeps its encrypted PKCS#12 files, one per key and one to check
 * the passphrase, by name: a directory ({@link DirectoryKeyFiles}) or, for several nodes, a table
 * of the shared database (in the app). The files are encrypted before they reach this; a store only
 * has to keep the bytes, never change a key's file and never half-write one.
 */
public interface KeyFiles {

  /** The file's bytes, or empty when there is none of that name. */
  Optional<byte[]> read(String name) throws IOException;

  boolean exists(String name) throws IOException;

  /**
   * Stores a new file; never replaces one.
   *
   * @return false if a file of that name was there already (nothing written)
   */
  boolean writeNew(String name, byte[] content) throws IOException;

  /** Whether the store holds no file at all (a new store may then be created in it). */
  boolean isEmpty() throws IOException;

  /** Where the files are, for messages and logs (never a secret). */
  String description();
}

package cn.certhall.app.ca;

import cn.certhall.pki.keystore.DirectoryKeyFiles;
import cn.certhall.pki.keystore.KeyFiles;

/** Opens {@link KeyStoreFactory}'s package-private steps to the persistence tests. */
public final class KeyStoreFactoryAccess {
  private KeyStoreFactoryAccess() {}

  public static int copyOlderKeys(DirectoryKeyFiles directory, KeyFiles database) {
    return KeyStoreFactory.copyOlderKeys(directory, database);
  }
}

package cn.certhall.domain.verification;

import java.util.Optional;

/**
 * Where codes are kept, at most one per {@link CodeKey}. Every change is conditional on the code
 * being the one the caller read (same salt, same wrong tries), so two requests at once can neither
 * both use a code nor both spend the same try: the loser gets false and reads again.
 */
public interface CodeStore {

  Optional<StoredCode> find(CodeKey key);

  /** Stores the key's first code. @return false if the key has a code already */
  boolean insert(StoredCode code);

  /**
   * Stores {@code next} (a new code, or the same code with one more wrong try) in place of {@code
   * current}. @return false if the key's code is no longer {@code current}
   */
  boolean replace(StoredCode current, StoredCode next);

  /**
   * Removes {@code current} (used, or never delivered). @return false if it is no longer the key's
   * code
   */
  boolean remove(StoredCode current);
}

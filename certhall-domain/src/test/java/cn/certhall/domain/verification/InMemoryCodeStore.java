package cn.certhall.domain.verification;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CodeStore contract in memory. {@link #beforeNextChange} lets a test slip another request's
 * change in between a read and the write that follows it.
 */
public final class InMemoryCodeStore implements CodeStore {
  final Map<CodeKey, StoredCode> codes = new HashMap<>();
  private Runnable beforeNextChange;
  private Runnable beforeNextFind;

  void beforeNextChange(Runnable interference) {
    this.beforeNextChange = interference;
  }

  /** Runs once, just before the next read: another request that got there first. */
  void beforeNextFind(Runnable interference) {
    this.beforeNextFind = interference;
  }

  @Override
  public synchronized Optional<StoredCode> find(CodeKey key) {
    Runnable first = beforeNextFind;
    beforeNextFind = null;
    if (first != null) {
      first.run();
    }
    return Optional.ofNullable(codes.get(key));
  }

  @Override
  public synchronized boolean insert(StoredCode code) {
    interfere();
    return codes.putIfAbsent(code.key(), code) == null;
  }

  @Override
  public synchronized boolean replace(StoredCode current, StoredCode next) {
    interfere();
    if (!current.sameAs(codes.get(current.key()))) {
      return false;
    }
    codes.put(next.key(), next);
    return true;
  }

  @Override
  public synchronized boolean remove(StoredCode current) {
    interfere();
    if (!current.sameAs(codes.get(current.key()))) {
      return false;
    }
    codes.remove(current.key());
    return true;
  }

  private void interfere() {
    Runnable interference = beforeNextChange;
    beforeNextChange = null;
    if (interference != null) {
      interference.run();
    }
  }
}

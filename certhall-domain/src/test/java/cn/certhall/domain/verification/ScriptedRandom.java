package cn.certhall.domain.verification;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/** A SecureRandom whose next codes the test chooses; salts stay random. */
final class ScriptedRandom extends SecureRandom {
  private final Deque<Integer> codes = new ArrayDeque<>();

  ScriptedRandom(int... codes) {
    for (int code : codes) {
      this.codes.add(code);
    }
  }

  @Override
  public int nextInt(int bound) {
    return codes.isEmpty() ? super.nextInt(bound) : codes.removeFirst();
  }
}

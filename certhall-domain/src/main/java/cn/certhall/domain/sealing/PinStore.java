package cn.certhall.domain.sealing;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: where each seal administrator's PIN hash and wrong tries are kept, keyed by the mobile the
 * administrator registered with. Changes must be atomic per administrator: two requests at once
 * must not both spend the same try.
 */
public interface PinStore {

  /** The PIN as stored: its hash (null before a PIN is set) and the wrong tries in a row. */
  record StoredPin(String hash, int wrongTries, Instant setAt) {}

  Optional<StoredPin> find(String mobile);

  /** Sets a new PIN hash and clears the wrong tries (after an identity check). */
  void set(String mobile, String hash, Instant now);

  /**
   * Counts one more try against the PIN before it is checked, if fewer than {@code max} are
   * counted: so however many requests race, at most {@code max} checks ever run against one PIN.
   *
   * @return the tries counted now, including this one; empty if {@code max} were counted already
   *     (locked) or there is no PIN
   */
  Optional<Integer> countTry(String mobile, int max);

  /** The PIN was right: the tries counted start again from zero. */
  void clearTries(String mobile);
}

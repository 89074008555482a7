package cn.certhall.domain.verification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * 证书授权码 and the other six-digit codes: issues them, checks what people type, and enforces lifetime,
 * wrong tries and the resend cooldown of each {@link CodeChannel} ({@link CodePolicy}).
 *
 * <p>Rules, taken here where the spec leaves them open:
 *
 * <ul>
 *   <li>A key has one code: a new code replaces the old, which no longer passes.
 *   <li>A code is accepted up to and including {@code issuedAt + lifetime}, and from one instant
 *       later answered {@link CodeCheck.Status#EXPIRED}.
 *   <li>Anything entered that is not the code counts as a wrong try, blanks and letters included
 *       (the web layer checks the format first, for a kinder message). The wrong try that uses up
 *       the last one answers {@link CodeCheck.Status#LOCKED}, as does every later entry.
 *   <li>A right code passes once: it is removed, and entering it again answers {@link
 *       CodeCheck.Status#NONE}.
 *   <li>The resend cooldown of the new code's channel counts from when the key's current code was
 *       issued, whatever became of that code.
 *   <li>A code that could not be delivered is {@linkplain #withdraw withdrawn}: nobody can have
 *       received it, so it neither stays valid nor holds back the next request.
 * </ul>
 */
public final class AuthorizationCodes {
  private static final int SALT_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  /**
   * Every lost race means another request changed the code; a handful of them in a row do not
   * happen.
   */
  private static final int MAX_RACES = 10;

  private final CodeStore store;
  private final CodeHasher hasher;
  private final Map<CodeChannel, CodePolicy> policies = new EnumMap<>(CodeChannel.class);
  private final Clock clock;
  private final SecureRandom random;
  private final CodeEvents events;

  /**
   * @param secret the key of the codes' HMAC, at least 32 bytes, kept out of the database: with it,
   *     a leaked hash gives its code away in a million tries
   */
  public AuthorizationCodes(
      CodeStore store,
      byte[] secret,
      CodePolicy sms,
      CodePolicy transferRemark,
      Clock clock,
      SecureRandom random) {
    this(store, secret, sms, transferRemark, clock, random, CodeEvents.NONE);
  }

  /**
   * @param events told of each code issued, withdrawn and entered (the evidence trail)
   */
  public AuthorizationCodes(
      CodeStore store,
      byte[] secret,
      CodePolicy sms,
      CodePolicy transferRemark,
      Clock clock,
      SecureRandom random,
      CodeEvents events) {
    this.events = Objects.requireNonNull(events, "events");
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = new CodeHasher(secret);
    this.policies.put(CodeChannel.SMS, Objects.requireNonNull(sms, "sms policy"));
    this.policies.put(
        CodeChannel.TRANSFER_REMARK,
        Objects.requireNonNull(transferRemark, "transfer remark policy"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  public CodePolicy policy(CodeChannel channel) {
    return policies.get(Objects.requireNonNull(channel, "channel"));
  }

  /**
   * Issues a new code for the key, to be delivered by {@code channel}, unless the key's last code
   * is younger than that channel's resend cooldown.
   */
  public CodeIssue issue(CodeKey key, CodeChannel channel) {
    return issue(key, channel, true);
  }

  /**
   * As {@link #issue}, for a request that must look served although nothing will be delivered (a
   * stranger's mobile or ID number): the key gets a code with its cooldown, lifetime and wrong
   * tries, but one that no entry matches, so the answers that follow are a real code's.
   */
  public CodeIssue issueUnusable(CodeKey key, CodeChannel channel) {
    return issue(key, channel, false);
  }

  private CodeIssue issue(CodeKey key, CodeChannel channel, boolean usable) {
    Objects.requireNonNull(key, "key");
    CodePolicy policy = policy(channel);
    for (int race = 0; race < MAX_RACES; race++) {
      // the clock is read after the code: a code another request issued meanwhile is never "in the
      // future"
      Optional<StoredCode> current = store.find(key);
      Instant now = now();
      long wait = current.map(code -> secondsToWait(code, policy, now)).orElse(0L);
      if (wait > 0) {
        return CodeIssue.cooldown(wait);
      }
      AuthorizationCode code = AuthorizationCode.random(random);
      byte[] saltBytes = new byte[SALT_BYTES];
      random.nextBytes(saltBytes);
      String salt = HEX.formatHex(saltBytes);
      String hashed = usable ? code.digits() : unguessable();
      StoredCode next =
          new StoredCode(
              key,
              channel,
              salt,
              hasher.hash(key, salt, hashed),
              now,
              now.plus(policy.lifetime()),
              0);
      boolean stored =
          current.isPresent() ? store.replace(current.get(), next) : store.insert(next);
      if (stored) {
        if (usable) {
          events.issued(key, channel, next.expiresAt());
        }
        return CodeIssue.issued(next, code);
      }
    }
    throw new IllegalStateException(
        "the code of " + key + " kept changing while a new one was issued");
  }

  /** Whole seconds (rounded up) before a code for {@code channel} may be issued; 0: now. */
  public long secondsUntilIssue(CodeKey key, CodeChannel channel) {
    CodePolicy policy = policy(channel);
    Optional<StoredCode> current = store.find(Objects.requireNonNull(key, "key"));
    Instant now = now();
    return current.map(code -> secondsToWait(code, policy, now)).orElse(0L);
  }

  /**
   * Takes back a code that could not be delivered (the SMS gateway or the bank said no). Does
   * nothing if the key has another code by now.
   */
  public void withdraw(CodeIssue issued) {
    if (store.remove(issued.stored())) {
      events.withdrawn(issued.stored().key());
    }
  }

  /**
   * The key's code is valid for its whole lifetime from now, with no wrong tries: a corporate
   * transfer finance made by hand ({@link ManualTransfer}) delivers it only now. The resend
   * cooldown still counts from when it was issued. @return false if the key has no code
   */
  public boolean restartLifetime(CodeKey key) {
    Objects.requireNonNull(key, "key");
    for (int race = 0; race < MAX_RACES; race++) {
      Optional<StoredCode> found = store.find(key);
      if (found.isEmpty()) {
        return false;
      }
      StoredCode code = found.get();
      StoredCode restarted =
          new StoredCode(
              key,
              code.channel(),
              code.salt(),
              code.hash(),
              code.issuedAt(),
              now().plus(policy(code.channel()).lifetime()),
              0);
      if (store.replace(code, restarted)) {
        return true;
      }
    }
    throw new IllegalStateException(
        "the code of " + key + " kept changing while its lifetime was restarted");
  }

  /** Takes back the key's code, whichever it is (a corporate transfer that failed). */
  public void withdrawCurrent(CodeKey key) {
    for (int race = 0; race < MAX_RACES; race++) {
      Optional<StoredCode> found = store.find(Objects.requireNonNull(key, "key"));
      if (found.isEmpty()) {
        return;
      }
      if (store.remove(found.get())) {
        events.withdrawn(key);
        return;
      }
    }
    throw new IllegalStateException("the code of " + key + " kept changing while it was withdrawn");
  }

  /** Checks what the person typed against the key's code; see the class comment for the rules. */
  public CodeCheck verify(CodeKey key, String entered) {
    Objects.requireNonNull(key, "key");
    CodeCheck check = check(key, entered);
    events.entered(key, check);
    return check;
  }

  private CodeCheck check(CodeKey key, String entered) {
    String typed = normalize(entered);
    for (int race = 0; race < MAX_RACES; race++) {
      Optional<StoredCode> found = store.find(key);
      if (found.isEmpty()) {
        return CodeCheck.of(CodeCheck.Status.NONE);
      }
      StoredCode code = found.get();
      int maxWrongTries = policy(code.channel()).maxWrongTries();
      if (code.wrongTries() >= maxWrongTries) {
        return CodeCheck.of(CodeCheck.Status.LOCKED);
      }
      if (now().isAfter(code.expiresAt())) {
        return CodeCheck.of(CodeCheck.Status.EXPIRED);
      }
      if (hasher.matches(code, typed)) {
        if (store.remove(code)) {
          return CodeCheck.of(CodeCheck.Status.OK);
        }
        continue;
      }
      StoredCode next = code.withWrongTry();
      if (store.replace(code, next)) {
        int triesLeft = maxWrongTries - next.wrongTries();
        return triesLeft > 0 ? CodeCheck.wrong(triesLeft) : CodeCheck.of(CodeCheck.Status.LOCKED);
      }
    }
    throw new IllegalStateException("the code of " + key + " kept changing while it was checked");
  }

  /** What an unusable code hashes: random, kept nowhere, never six digits. */
  private String unguessable() {
    byte[] bytes = new byte[SALT_BYTES];
    random.nextBytes(bytes);
    return "unusable-" + HEX.formatHex(bytes);
  }

  private static long secondsToWait(StoredCode code, CodePolicy policy, Instant now) {
    Duration wait = Duration.between(now, code.issuedAt().plus(policy.resendCooldown()));
    if (wait.isNegative() || wait.isZero()) {
      return 0;
    }
    return wait.getNano() == 0 ? wait.getSeconds() : wait.getSeconds() + 1;
  }

  /** Blanks around the code and full-width digits (a Chinese input method's) are forgiven. */
  private static String normalize(String entered) {
    if (entered == null) {
      return "";
    }
    StringBuilder digits = new StringBuilder(entered.strip());
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c >= '０' && c <= '９') {
        digits.setCharAt(i, (char) ('0' + (c - '０')));
      }
    }
    return digits.toString();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}

package cn.certhall.domain.audit;

import java.util.Objects;

/**
 * Who did something: the applicant through the portal, an operator of the console by user name, or
 * the system itself (the CA, schedulers, recovery at start-up).
 */
public record Actor(String id) {
  public static final int MAX_LENGTH = 100;

  /** The applicant (经办人) in the portal, who proved the order's ID number by SMS. */
  public static final Actor APPLICANT = new Actor("applicant");

  /** certhall itself: issuance after an approval, CRLs, recovery at start-up. */
  public static final Actor SYSTEM = new Actor("system");

  public Actor {
    Objects.requireNonNull(id, "id");
    if (id.isBlank() || id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("actor must be 1 to " + MAX_LENGTH + " characters");
    }
  }

  /** A console operator (审核员, CA administrator) by user name. */
  public static Actor operator(String username) {
    return new Actor("operator:" + username);
  }
}

package cn.certhall.domain.orderquery;

import cn.certhall.domain.verification.CodeCheck;
import java.util.Objects;

/**
 * The answer to an entered query code: the check, and the session's access after it — wider by the
 * ID number when the code was right, else as it was.
 */
public record ProofResult(CodeCheck check, OrderQueryAccess access) {

  public ProofResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(access, "access");
  }

  public boolean isProven() {
    return check.isOk();
  }
}

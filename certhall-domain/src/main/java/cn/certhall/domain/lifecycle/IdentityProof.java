package cn.certhall.domain.lifecycle;

import java.time.Instant;
import java.util.Objects;

/**
 * What a passed entry check proves, kept in the applicant's session: who may see and act on the
 * organization's certificates, until when.
 */
public record IdentityProof(String creditCode, IdentityCheck.Method method, Instant expiresAt)
    implements java.io.Serializable {

  public IdentityProof {
    Objects.requireNonNull(creditCode, "creditCode");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  public boolean holds(Instant now) {
    return now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "IdentityProof[" + method + ", until " + expiresAt + "]";
  }
}

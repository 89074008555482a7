package cn.certhall.domain.verification;

import java.time.Instant;
import java.util.Objects;

/**
 * One real-name or face check as the evidence trail keeps it: what it was for, how, by which
 * provider, what came out and the provider's request id. No personal data.
 *
 * @param outcome MATCH, MISMATCH or UNAVAILABLE (the port's result)
 * @param providerCode the provider's own result code, or TIMEOUT / UNREACHABLE; may be null
 * @param requestId the provider's request id; null when it did not answer
 */
public record VerificationRecord(
    String subject,
    VerificationPurpose purpose,
    VerificationMethod method,
    String provider,
    String outcome,
    String providerCode,
    String requestId,
    Instant at) {

  public VerificationRecord {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(at, "at");
  }

  public boolean matched() {
    return outcome.equals("MATCH");
  }
}

package cn.certhall.app.realname;

import java.util.Objects;

/**
 * What a provider answered to one check.
 *
 * @param providerCode the provider's own result or error code (0, -4, Success,
 *     FailedOperation.CompareLowSimilarity…); TIMEOUT or UNREACHABLE when it did not answer
 * @param requestId the provider's request id, when it answered
 */
public record ProviderAnswer<R extends Enum<R>>(R result, String providerCode, String requestId) {

  public ProviderAnswer {
    Objects.requireNonNull(result, "result");
  }
}

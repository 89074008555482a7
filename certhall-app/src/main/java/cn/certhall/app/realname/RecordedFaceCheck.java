package cn.certhall.app.realname;

import cn.certhall.domain.sealing.FaceCheck;
import cn.certhall.domain.verification.VerificationContext;
import cn.certhall.domain.verification.VerificationMethod;

/**
 * The domain's {@link FaceCheck} on a {@link FaceProvider} (the real one or the sandbox's): each
 * check is logged and recorded in {@code verification_record}; the photo, name and ID number are
 * neither.
 */
public final class RecordedFaceCheck implements FaceCheck {
  private final FaceProvider provider;
  private final CheckLog checks;

  public RecordedFaceCheck(FaceProvider provider, CheckLog checks) {
    this.provider = provider;
    this.checks = checks;
  }

  @Override
  public Answer check(VerificationContext context, String name, String idNumber, byte[] photo) {
    long started = System.nanoTime();
    ProviderAnswer<Result> answer = provider.check(name, idNumber, photo);
    checks.record(context, VerificationMethod.FACE, provider.name(), answer, started);
    return new Answer(answer.result(), provider.name(), answer.requestId());
  }
}

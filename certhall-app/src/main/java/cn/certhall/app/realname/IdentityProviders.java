package cn.certhall.app.realname;

import java.util.Optional;

/**
 * The real providers {@code certhall.realname.provider} and {@code certhall.face-check.provider}
 * name, if any; settings checked now.
 */
public final class IdentityProviders {
  private IdentityProviders() {}

  /**
   * @throws IllegalStateException naming the setting that is missing
   */
  public static Optional<RealNameProvider> realName(RealNameProperties settings) {
    return switch (settings.provider()) {
      case TENCENT -> Optional.of(new TencentRealNameVerifier(settings));
      case SANDBOX -> Optional.empty();
    };
  }

  /**
   * @throws IllegalStateException naming the setting that is missing
   */
  public static Optional<FaceProvider> face(FaceCheckProperties settings) {
    return switch (settings.provider()) {
      case TENCENT -> Optional.of(new TencentFaceCheck(settings));
      case SANDBOX -> Optional.empty();
    };
  }
}

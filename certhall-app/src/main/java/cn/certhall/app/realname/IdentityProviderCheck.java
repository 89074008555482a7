package cn.certhall.app.realname;

import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.sealing.FaceCheck;
import cn.certhall.domain.verification.MobileThreeFactor;
import cn.certhall.domain.verification.RealNameVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Optional;

/**
 * The real test call of {@code --certhall.provider-check=realname} (one 手机三要素 check of {@code
 * certhall.realname.test.*}) and {@code =face} (one face check of {@code
 * certhall.face-check.test.*} with its photo). Prints the outcome, the provider's code and request
 * id, never the person's data. Exit 0 matched, 1 answered otherwise, 2 not tried.
 */
public final class IdentityProviderCheck {
  private IdentityProviderCheck() {}

  public static int realName(RealNameProperties settings, PrintStream out) {
    Optional<RealNameProvider> provider = IdentityProviders.realName(settings);
    if (provider.isEmpty()) {
      out.println(
          "未配置实名核验服务商 no real-name provider: set certhall.realname.provider to tencent with its"
              + " settings (docs/providers.md)");
      return 2;
    }
    RealNameProperties.TestPerson p = settings.test();
    MobileThreeFactor factors;
    try {
      factors = new MobileThreeFactor(p.name(), p.idNumber(), p.mobile());
    } catch (RuntimeException e) {
      out.println(
          "certhall.realname.test.name / id-number / mobile are not a person to check: set all three");
      return 2;
    }
    ProviderAnswer<RealNameVerifier.Result> a = provider.get().checkMobile(factors);
    out.printf(
        "%s 手机三要素 %s: %s (code %s, request %s)%n",
        provider.get().name(),
        Masking.mobile(factors.mobile()),
        a.result(),
        a.providerCode(),
        a.requestId());
    return a.result() == RealNameVerifier.Result.MATCH ? 0 : 1;
  }

  public static int face(FaceCheckProperties settings, PrintStream out) {
    Optional<FaceProvider> provider = IdentityProviders.face(settings);
    if (provider.isEmpty()) {
      out.println(
          "未配置人脸识别服务商 no face-check provider: set certhall.face-check.provider to tencent with its"
              + " settings (docs/providers.md)");
      return 2;
    }
    FaceCheckProperties.TestPerson p = settings.test();
    if (p.name() == null || p.idNumber() == null || p.photo() == null) {
      out.println(
          "certhall.face-check.test.name / id-number / photo are not set: the person and a JPEG or PNG of them");
      return 2;
    }
    byte[] photo;
    try {
      photo = Files.readAllBytes(p.photo());
    } catch (IOException e) {
      out.println("certhall.face-check.test.photo cannot be read: " + e.getMessage());
      return 2;
    }
    ProviderAnswer<FaceCheck.Result> a = provider.get().check(p.name(), p.idNumber(), photo);
    out.printf(
        "%s 人脸识别: %s (code %s, request %s)%n",
        provider.get().name(), a.result(), a.providerCode(), a.requestId());
    return a.result() == FaceCheck.Result.MATCH ? 0 : 1;
  }
}

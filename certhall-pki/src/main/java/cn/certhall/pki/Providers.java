package cn.certhall.pki;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance the engine uses. Software keys sign with it because SunEC
 * signs P-256 about ten times slower, and SM2/SM3 exist only there.
 */
public final class Providers {
  private static final Provider BC = install();

  private Providers() {}

  public static Provider bouncyCastle() {
    return BC;
  }

  private static synchronized Provider install() {
    Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (existing != null) {
      return existing;
    }
    Provider bc = new BouncyCastleProvider();
    Security.addProvider(bc);
    return bc;
  }
}

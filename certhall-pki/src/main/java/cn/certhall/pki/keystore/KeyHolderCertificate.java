package cn.certhall.pki.keystore;

import cn.certhall.pki.InvalidRequestException;
import cn.certhall.pki.Providers;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * PKCS#12 and PKCS#11 key stores keep a private key only beside a certificate. This is that
 * placeholder: self-signed, named after the alias, never published or trusted by anyone.
 */
final class KeyHolderCertificate {
  private KeyHolderCertificate() {}

  static void checkAlias(String alias) {
    if (alias == null || !SigningKeyStore.ALIAS.matcher(alias).matches()) {
      throw new InvalidRequestException(
          "key alias must be 1 to 64 letters, digits, '.', '_' or '-': " + alias);
    }
  }

  static X509Certificate create(String alias, PublicKey publicKey, ContentSigner signer) {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, alias).build();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X509CertificateHolder holder =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.ONE,
                Date.from(now),
                Date.from(now.plus(Duration.ofDays(36500))),
                name,
                publicKey)
            .build(signer);
    try {
      return new JcaX509CertificateConverter()
          .setProvider(Providers.bouncyCastle())
          .getCertificate(holder);
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot decode a certificate just built", e);
    }
  }
}

package cn.certhall.app.tsa;

import cn.certhall.app.TsaProperties;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.ca.DelegatedSigners;
import cn.certhall.app.persistence.TsaSignerRepository;
import cn.certhall.app.persistence.TsaSignerRepository.TsaRecord;
import cn.certhall.app.signer.SignerLifecycle;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.tsp.TsaSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The TSA's certificate: the stored one while it has more than {@code signer-renew-before} left,
 * else a new key and a new TIME_STAMPING certificate from the configured family's issuing CA — the
 * CA's one {@link SignerLifecycle}, kept in {@code tsa_signer}.
 */
public final class TsaSigners {

  private TsaSigners() {}

  public static TsaSigner loadOrCreate(
      CaRegistry cas,
      SigningKeyStore keys,
      TsaSignerRepository repository,
      TsaProperties config,
      String organization,
      Clock clock) {
    String caName = config.family().name().toLowerCase(Locale.ROOT) + "-issuing";
    CertificateAuthority ca =
        cas.find(caName)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "certhall.tsa.family "
                            + config.family()
                            + ": no CA "
                            + caName
                            + " (add the family to certhall.ca.hierarchies)"));
    SignerLifecycle.Signer signer =
        new SignerLifecycle(keys, organization, clock)
            .current(
                new SignerLifecycle.Purpose(
                    "tsa",
                    CertificateProfile.TIME_STAMPING,
                    "TSA",
                    config.signerValidity(),
                    config.signerRenewBefore()),
                ca,
                new SignerLifecycle.Store() {
                  @Override
                  public Optional<SignerLifecycle.Signer> current(String name) {
                    // tsa_signer keeps no serial: the lifecycle does not need it of a stored signer
                    return repository
                        .current(name)
                        .map(
                            r ->
                                new SignerLifecycle.Signer(
                                    r.caName(), "", r.keyAlias(), r.certificate(), r.notAfter()));
                  }

                  @Override
                  public void insert(SignerLifecycle.Signer s) {
                    repository.insert(
                        new TsaRecord(s.caName(), s.keyAlias(), s.certificate(), s.notAfter()));
                  }
                });
    try {
      return new TsaSigner(
          new X509CertificateHolder(signer.certificate()),
          DelegatedSigners.chain(cas, ca),
          keys,
          signer.keyAlias());
    } catch (IOException e) {
      throw new UncheckedIOException("stored TSA certificate of " + caName + " is not DER", e);
    }
  }
}

package cn.certhall.app.revocation;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.OcspSignerRepository;
import cn.certhall.app.persistence.OcspSignerRepository.SignerRecord;
import cn.certhall.app.signer.SignerLifecycle;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.ocsp.OcspSigner;
import cn.certhall.pki.profile.CertificateProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Gives every CA a delegated OCSP signer: the stored one while it has more than {@code
 * renew-before} left, else a new key and a new OCSP_SIGNER certificate from that CA — the CA's one
 * {@link SignerLifecycle}, kept in {@code ocsp_signer}.
 */
public final class OcspSigners {

  private OcspSigners() {}

  public static List<OcspSigner> loadOrCreate(
      CaRegistry cas,
      SigningKeyStore keys,
      OcspSignerRepository repository,
      CerthallProperties.Revocation config,
      String organization,
      Clock clock) {
    SignerLifecycle lifecycle = new SignerLifecycle(keys, organization, clock);
    SignerLifecycle.Purpose purpose =
        new SignerLifecycle.Purpose(
            "ocsp",
            CertificateProfile.OCSP_SIGNER,
            "OCSP Signer",
            config.ocspSignerValidity(),
            config.ocspSignerRenewBefore());
    SignerLifecycle.Store store =
        new SignerLifecycle.Store() {
          @Override
          public Optional<SignerLifecycle.Signer> current(String caName) {
            // ocsp_signer keeps no serial: the lifecycle does not need it of a stored signer
            return repository
                .current(caName)
                .map(
                    r ->
                        new SignerLifecycle.Signer(
                            r.caName(), "", r.keyAlias(), r.certificate(), r.notAfter()));
          }

          @Override
          public void insert(SignerLifecycle.Signer s) {
            repository.insert(
                new SignerRecord(s.caName(), s.keyAlias(), s.certificate(), s.notAfter()));
          }
        };
    List<OcspSigner> signers = new ArrayList<>();
    for (CertificateAuthority ca : cas.all()) {
      SignerLifecycle.Signer record = lifecycle.current(purpose, ca, store);
      try {
        signers.add(
            new OcspSigner(
                ca.name(),
                ca.certificate(),
                new X509CertificateHolder(record.certificate()),
                keys,
                record.keyAlias()));
      } catch (IOException e) {
        throw new UncheckedIOException("stored OCSP signer of " + ca.name() + " is not DER", e);
      }
    }
    return signers;
  }
}

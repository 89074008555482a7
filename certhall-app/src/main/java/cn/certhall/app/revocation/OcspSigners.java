package cn.certhall.app.revocation;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.OcspSignerRepository;
import cn.certhall.app.persistence.OcspSignerRepository.SignerRecord;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.ocsp.OcspSigner;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every CA a delegated OCSP signer: the stored one while it has more than
 * {@code renew-before} left, else a new key and a new OCSP_SIGNER certificate from that CA.
 */
public final class OcspSigners {
  private static final Logger log = LoggerFactory.getLogger(OcspSigners.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private OcspSigners() {}

  public static List<OcspSigner> loadOrCreate(
      CaRegistry cas,
      SigningKeyStore keys,
      OcspSignerRepository repository,
      CerthallProperties.Revocation config,
      String organization,
      Clock clock) {
    List<OcspSigner> signers = new ArrayList<>();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    for (CertificateAuthority ca : cas.all()) {
      SignerRecord record =
          repository
              .current(ca.name())
              .filter(r -> r.notAfter().isAfter(now.plus(config.ocspSignerRenewBefore())))
              .orElseGet(() -> create(ca, keys, repository, config, organization, now));
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

  private static SignerRecord create(
      CertificateAuthority ca,
      SigningKeyStore keys,
      OcspSignerRepository repository,
      CerthallProperties.Revocation config,
      String organization,
      Instant now) {
    String alias = ca.name() + "-ocsp-" + STAMP.format(now);
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    Instant end = now.plus(config.ocspSignerValidity());
    if (end.isAfter(caEnd)) {
      end = caEnd;
    }
    PublicKey key = keys.generateKeyPair(alias, ca.keyAlgorithm());
    IssuedCertificate cert =
        ca.issue(
            new IssuanceRequest(
                CertificateProfile.OCSP_SIGNER,
                new Subject.Authority("certhall " + ca.name() + " OCSP Signer", organization),
                key,
                now,
                end));
    SignerRecord record = new SignerRecord(ca.name(), alias, cert.der(), end);
    repository.insert(record);
    log.info("issued OCSP signer certificate for CA {} until {}", ca.name(), end);
    return record;
  }
}

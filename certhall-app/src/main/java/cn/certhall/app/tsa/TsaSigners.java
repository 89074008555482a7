package cn.certhall.app.tsa;

import cn.certhall.app.TsaProperties;
import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.TsaSignerRepository;
import cn.certhall.app.persistence.TsaSignerRepository.TsaRecord;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import cn.certhall.pki.tsp.TsaSigner;
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
import java.util.Locale;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TSA's certificate: the stored one while it has more than {@code signer-renew-before} left,
 * else a new key and a new TIME_STAMPING certificate from the configured family's issuing CA.
 */
public final class TsaSigners {
  private static final Logger log = LoggerFactory.getLogger(TsaSigners.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

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
                        "certhall.tsa.family " + config.family() + ": no CA " + caName
                            + " (add the family to certhall.ca.hierarchies)"));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    TsaRecord record =
        repository
            .current(caName)
            .filter(r -> r.notAfter().isAfter(now.plus(config.signerRenewBefore())))
            .orElseGet(() -> create(ca, keys, repository, config, organization, now));
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(ca.certificate());
    cas.all().stream()
        .filter(c -> c.certificate().getSubject().equals(ca.certificate().getIssuer()))
        .filter(c -> c != ca)
        .findFirst()
        .ifPresent(root -> chain.add(root.certificate()));
    try {
      return new TsaSigner(
          new X509CertificateHolder(record.certificate()), chain, keys, record.keyAlias());
    } catch (IOException e) {
      throw new UncheckedIOException("stored TSA certificate of " + caName + " is not DER", e);
    }
  }

  private static TsaRecord create(
      CertificateAuthority ca,
      SigningKeyStore keys,
      TsaSignerRepository repository,
      TsaProperties config,
      String organization,
      Instant now) {
    String alias = ca.name() + "-tsa-" + STAMP.format(now);
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    Instant end = now.plus(config.signerValidity());
    if (end.isAfter(caEnd)) {
      end = caEnd;
    }
    PublicKey key = keys.generateKeyPair(alias, ca.keyAlgorithm());
    IssuedCertificate cert =
        ca.issue(
            new IssuanceRequest(
                CertificateProfile.TIME_STAMPING,
                new Subject.Authority("certhall " + ca.name() + " TSA", organization),
                key,
                now,
                end));
    TsaRecord record = new TsaRecord(ca.name(), alias, cert.der(), end);
    repository.insert(record);
    log.info("issued TSA certificate under CA {} until {}", ca.name(), end);
    return record;
  }
}

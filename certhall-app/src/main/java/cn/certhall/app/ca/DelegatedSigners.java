package cn.certhall.app.ca;

import cn.certhall.app.persistence.DelegatedSignerRepository;
import cn.certhall.app.persistence.DelegatedSignerRepository.SignerRecord;
import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA's delegated signers: for a purpose (the evidence reports' signer today), a key of the
 * issuing CA's algorithm in the CA key store and a certificate of the purpose's profile from the
 * family's issuing CA. Made on first use, replaced when less than the purpose's renew-before is
 * left, never valid beyond its CA. Rows in {@code delegated_signer}, so every node signs with the
 * same one.
 */
public final class DelegatedSigners {
  private static final Logger log = LoggerFactory.getLogger(DelegatedSigners.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /**
   * What a signer is for.
   *
   * @param name stored in {@code delegated_signer.purpose} and in key aliases, lower case
   * @param subjectName the CN after "certhall {ca} ", e.g. 出证
   */
  public record Purpose(
      String name, CertificateProfile profile, String subjectName, Duration validity, Duration renewBefore) {
    public Purpose {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(subjectName, "subjectName");
      Objects.requireNonNull(validity, "validity");
      Objects.requireNonNull(renewBefore, "renewBefore");
    }
  }

  /** A signer as the signing code needs it: the key's alias, its certificate, the CAs above it. */
  public record Signer(
      String caName, String keyAlias, X509CertificateHolder certificate, List<X509CertificateHolder> chain) {}

  private final CaRegistry cas;
  private final SigningKeyStore keys;
  private final DelegatedSignerRepository repository;
  private final String organization;
  private final Clock clock;

  public DelegatedSigners(
      CaRegistry cas,
      SigningKeyStore keys,
      DelegatedSignerRepository repository,
      String organization,
      Clock clock) {
    this.cas = cas;
    this.keys = keys;
    this.repository = repository;
    this.organization = organization;
    this.clock = clock;
  }

  /**
   * The current signer of {@code purpose} under {@code family}'s issuing CA, made now if there is
   * none or it ends within the purpose's renew-before.
   *
   * @throws IllegalStateException if the family has no issuing CA
   */
  public synchronized Signer current(Purpose purpose, AlgorithmFamily family) {
    String caName = family.name().toLowerCase(Locale.ROOT) + "-issuing";
    CertificateAuthority ca =
        cas.find(caName)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no CA " + caName + " for the " + purpose.name()
                            + " signer (add " + family + " to certhall.ca.hierarchies)"));
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SignerRecord record =
        repository
            .current(purpose.name(), caName)
            .filter(r -> r.notAfter().isAfter(now.plus(purpose.renewBefore())))
            .orElseGet(() -> create(purpose, ca, now));
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(ca.certificate());
    cas.all().stream()
        .filter(c -> c != ca && c.certificate().getSubject().equals(ca.certificate().getIssuer()))
        .findFirst()
        .ifPresent(root -> chain.add(root.certificate()));
    try {
      return new Signer(caName, record.keyAlias(), new X509CertificateHolder(record.certificate()), chain);
    } catch (IOException e) {
      throw new UncheckedIOException("stored " + purpose.name() + " certificate of " + caName + " is not DER", e);
    }
  }

  private SignerRecord create(Purpose purpose, CertificateAuthority ca, Instant now) {
    String alias = ca.name() + "-" + purpose.name() + "-" + STAMP.format(now);
    Instant end = now.plus(purpose.validity());
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    if (end.isAfter(caEnd)) {
      end = caEnd;
    }
    PublicKey key =
        keys.contains(alias) ? keys.publicKey(alias) : keys.generateKeyPair(alias, ca.keyAlgorithm());
    IssuedCertificate cert =
        ca.issue(
            new IssuanceRequest(
                purpose.profile(),
                new Subject.Authority("certhall " + ca.name() + " " + purpose.subjectName(), organization),
                key,
                now,
                end));
    SignerRecord record =
        new SignerRecord(purpose.name(), ca.name(), cert.serialHex(), alias, cert.der(), end);
    repository.insert(record, now);
    log.info(
        "issued {} signer certificate {} under CA {} until {}", purpose.name(), cert.serialHex(), ca.name(), end);
    return record;
  }
}

package cn.certhall.app.ca;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.persistence.CaRepository;
import cn.certhall.app.persistence.CaRepository.CaRecord;
import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.KeyAlgorithm;
import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceLedger;
import cn.certhall.pki.issuance.SerialNumberGenerator;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.PublicationUrls;
import cn.certhall.pki.profile.Subject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configured CA hierarchies, creating on first start whatever the database does not have
 * yet: per algorithm family a root CA ({family}-root) and an issuing CA ({family}-issuing) that
 * signs organization and personal certificates. Later starts load the same CAs again.
 */
public final class CaBootstrap {
  private static final Logger log = LoggerFactory.getLogger(CaBootstrap.class);
  private static final DateTimeFormatter ALIAS_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(java.time.ZoneOffset.UTC);

  private final CerthallProperties properties;
  private final SigningKeyStore keys;
  private final CaRepository cas;
  private final IssuanceLedger ledger;
  private final SerialNumberGenerator serials;
  private final Clock clock;

  public CaBootstrap(
      CerthallProperties properties,
      SigningKeyStore keys,
      CaRepository cas,
      IssuanceLedger ledger,
      SerialNumberGenerator serials,
      Clock clock) {
    this.properties = properties;
    this.keys = keys;
    this.cas = cas;
    this.ledger = ledger;
    this.serials = serials;
    this.clock = clock;
  }

  /** The key algorithm each family's CAs use. */
  static KeyAlgorithm caKeyAlgorithm(AlgorithmFamily family) {
    return switch (family) {
      case SM2 -> KeyAlgorithm.SM2;
      case ECDSA -> KeyAlgorithm.EC_P256;
      case RSA -> KeyAlgorithm.RSA_3072;
    };
  }

  public CaRegistry loadOrCreate() {
    CaRegistry registry = new CaRegistry();
    for (AlgorithmFamily family : properties.ca().hierarchies()) {
      String prefix = family.name().toLowerCase(Locale.ROOT);
      CertificateAuthority root = loadOrCreateRoot(prefix + "-root", family);
      registry.add(root);
      registry.add(loadOrCreateIssuing(prefix + "-issuing", root, family));
    }
    return registry;
  }

  private CertificateAuthority loadOrCreateRoot(String name, AlgorithmFamily family) {
    return cas.find(name)
        .map(this::load)
        .orElseGet(
            () -> {
              Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
              CertificateAuthority root =
                  CertificateAuthority.createRoot(
                      name,
                      new Subject.Authority(
                          "certhall " + family + " Root CA", properties.ca().organization()),
                      caKeyAlgorithm(family),
                      now,
                      now.plus(properties.ca().rootValidity()),
                      keys,
                      newAlias(name, now),
                      urls(name),
                      ledger,
                      serials);
              cas.insert(root, null);
              log.info("created root CA {} ({}) in {}", name, family, keys.description());
              return root;
            });
  }

  private CertificateAuthority loadOrCreateIssuing(
      String name, CertificateAuthority root, AlgorithmFamily family) {
    return cas.find(name)
        .map(this::load)
        .orElseGet(
            () -> {
              Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
              CertificateAuthority issuing =
                  root.createSubordinate(
                      name,
                      new Subject.Authority(
                          "certhall " + family + " 单位证书 CA", properties.ca().organization()),
                      now,
                      now.plus(properties.ca().issuingValidity()),
                      newAlias(name, now),
                      urls(name));
              cas.insert(issuing, root.name());
              log.info("created issuing CA {} under {}", name, root.name());
              return issuing;
            });
  }

  private CertificateAuthority load(CaRecord record) {
    return CertificateAuthority.load(
        record.name(),
        record.certificate(),
        keys,
        record.keyAlias(),
        urls(record.name()),
        ledger,
        serials);
  }

  /**
   * A new alias per creation, so that a key left behind by a start that crashed before the CA was
   * stored never blocks the next attempt.
   */
  private static String newAlias(String caName, Instant now) {
    return caName + "-" + ALIAS_STAMP.format(now);
  }

  /** Where relying parties find this CA's CRL, its OCSP responder and its certificate. */
  public PublicationUrls urls(String caName) {
    String base = properties.publicUrl().toString().replaceAll("/+$", "");
    return new PublicationUrls(
        base + "/crl/" + caName + ".crl",
        base + "/ocsp",
        base + "/ca/" + caName + ".crt",
        properties.ca().policyOid());
  }
}

package cn.certhall.app.signer;

import cn.certhall.pki.issuance.CertificateAuthority;
import cn.certhall.pki.issuance.IssuanceRequest;
import cn.certhall.pki.issuance.IssuedCertificate;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import cn.certhall.pki.profile.Subject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one lifecycle of the CA's delegated signers — the seal maker, the time-stamp authority, the
 * evidence signer: the stored signer of a CA while it has more than its renew-before left, else a
 * new key of the CA's algorithm in the CA key store and a certificate of the purpose's profile from
 * that CA, never valid beyond the CA. Each purpose keeps its signers where it always has ({@link
 * Store}).
 */
public final class SignerLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SignerLifecycle.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /**
   * What a signer is for.
   *
   * @param name in the keys' aliases ({@code <ca>-<name>-<yyyyMMddHHmmss>}) and the logs
   * @param subjectName the CN after "certhall {ca} ", e.g. 出证
   */
  public record Purpose(
      String name,
      CertificateProfile profile,
      String subjectName,
      Duration validity,
      Duration renewBefore) {
    public Purpose {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(subjectName, "subjectName");
      Objects.requireNonNull(validity, "validity");
      Objects.requireNonNull(renewBefore, "renewBefore");
    }
  }

  /** A signer's certificate as stored: serial lower-case hex. */
  public record Signer(
      String caName, String serialHex, String keyAlias, byte[] certificate, Instant notAfter) {}

  /** Where a purpose keeps its signers; the one that ends last is current. */
  public interface Store {
    Optional<Signer> current(String caName);

    void insert(Signer signer);
  }

  private final SigningKeyStore keys;
  private final String organization;
  private final Clock clock;

  /**
   * @param organization the CA operator's name, the O of every signer's subject
   */
  public SignerLifecycle(SigningKeyStore keys, String organization, Clock clock) {
    this.keys = keys;
    this.organization = organization;
    this.clock = clock;
  }

  /**
   * The CA's current signer of {@code purpose} in {@code store}, made now if none lasts long
   * enough.
   */
  public synchronized Signer current(Purpose purpose, CertificateAuthority ca, Store store) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    return store
        .current(ca.name())
        .filter(s -> s.notAfter().isAfter(now.plus(purpose.renewBefore())))
        .orElseGet(() -> create(purpose, ca, store, now));
  }

  private Signer create(Purpose purpose, CertificateAuthority ca, Store store, Instant now) {
    String alias = ca.name() + "-" + purpose.name() + "-" + STAMP.format(now);
    Instant end = now.plus(purpose.validity());
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    if (end.isAfter(caEnd)) {
      end = caEnd;
    }
    // a key under this alias without its row was made by a transaction that rolled back (a first
    // seal runs inside the issuance's transaction): no certificate names it, so it is certified now
    PublicKey key =
        keys.contains(alias)
            ? keys.publicKey(alias)
            : keys.generateKeyPair(alias, ca.keyAlgorithm());
    IssuedCertificate cert =
        ca.issue(
            new IssuanceRequest(
                purpose.profile(),
                new Subject.Authority(
                    "certhall " + ca.name() + " " + purpose.subjectName(), organization),
                key,
                now,
                end));
    Signer signer = new Signer(ca.name(), cert.serialHex(), alias, cert.der(), end);
    store.insert(signer);
    log.info(
        "issued {} certificate {} under CA {} until {}",
        purpose.name(),
        cert.serialHex(),
        ca.name(),
        end);
    return signer;
  }
}

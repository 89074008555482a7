package cn.certhall.app.ca;

import cn.certhall.app.persistence.DelegatedSignerRepository;
import cn.certhall.app.signer.SignerLifecycle;
import cn.certhall.pki.AlgorithmFamily;
import cn.certhall.pki.issuance.CertificateAuthority;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The signers kept in {@code delegated_signer} (the evidence reports' today), by purpose, under a
 * family's issuing CA, through the one {@link SignerLifecycle}; with the CA certificates above
 * them, as a signature needs them.
 */
public final class DelegatedSigners {

  /** A signer as the signing code needs it: the key's alias, its certificate, the CAs above it. */
  public record Signer(
      String caName,
      String keyAlias,
      X509CertificateHolder certificate,
      List<X509CertificateHolder> chain) {}

  private final CaRegistry cas;
  private final DelegatedSignerRepository repository;
  private final SignerLifecycle lifecycle;

  public DelegatedSigners(
      CaRegistry cas, DelegatedSignerRepository repository, SignerLifecycle lifecycle) {
    this.cas = cas;
    this.repository = repository;
    this.lifecycle = lifecycle;
  }

  /**
   * The current signer of {@code purpose} under {@code family}'s issuing CA, made now if there is
   * none or it ends within the purpose's renew-before.
   *
   * @throws IllegalStateException if the family has no issuing CA
   */
  public Signer current(SignerLifecycle.Purpose purpose, AlgorithmFamily family) {
    String caName = family.name().toLowerCase(Locale.ROOT) + "-issuing";
    CertificateAuthority ca =
        cas.find(caName)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no CA "
                            + caName
                            + " for the "
                            + purpose.name()
                            + " signer (add "
                            + family
                            + " to certhall.ca.hierarchies)"));
    SignerLifecycle.Signer record =
        lifecycle.current(
            purpose,
            ca,
            new SignerLifecycle.Store() {
              @Override
              public Optional<SignerLifecycle.Signer> current(String name) {
                return repository.current(purpose.name(), name);
              }

              @Override
              public void insert(SignerLifecycle.Signer signer) {
                repository.insert(purpose.name(), signer);
              }
            });
    try {
      return new Signer(
          caName,
          record.keyAlias(),
          new X509CertificateHolder(record.certificate()),
          chain(cas, ca));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "stored " + purpose.name() + " certificate of " + caName + " is not DER", e);
    }
  }

  /** The CA's certificate and, when it has one here, its issuer's: what a signature carries. */
  public static List<X509CertificateHolder> chain(CaRegistry cas, CertificateAuthority ca) {
    List<X509CertificateHolder> chain = new ArrayList<>();
    chain.add(ca.certificate());
    cas.all().stream()
        .filter(c -> c != ca && c.certificate().getSubject().equals(ca.certificate().getIssuer()))
        .findFirst()
        .ifPresent(root -> chain.add(root.certificate()));
    return chain;
  }
}

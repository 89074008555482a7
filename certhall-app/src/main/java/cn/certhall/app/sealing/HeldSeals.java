package cn.certhall.app.sealing;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.CertificateRepository.StoredCertificate;
import cn.certhall.app.persistence.SealAdministratorRepository;
import cn.certhall.app.persistence.SealAdministratorRepository.HeldOrganization;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.domain.sealing.SealHolders;
import cn.certhall.domain.sealing.SealingRules;
import java.util.List;
import java.util.Optional;

/** {@link SealHolders} on the seal app's accounts, the certificates, the seals and the CAs. */
public final class HeldSeals implements SealHolders {
  private final SealAdministratorRepository administrators;
  private final CertificateRepository certificates;
  private final SealService seals;
  private final CaRegistry cas;

  public HeldSeals(
      SealAdministratorRepository administrators,
      CertificateRepository certificates,
      SealService seals,
      CaRegistry cas) {
    this.administrators = administrators;
    this.certificates = certificates;
    this.seals = seals;
    this.cas = cas;
  }

  @Override
  public Optional<Administrator> administrator(String mobile) {
    return administrators
        .administrator(mobile)
        .map(a -> new Administrator(a.hasPersonalCertificate(), a.pinSet(), a.personalKeyAlias()));
  }

  @Override
  public List<Holding> held(String mobile) {
    return administrators.heldOrganizations(mobile).stream().map(HeldSeals::holding).toList();
  }

  @Override
  public Optional<Holding> latestOfChannel(String channelId, String creditCode) {
    return administrators.latestOfChannel(channelId, creditCode).map(HeldSeals::holding);
  }

  @Override
  public Optional<Holding> second(Holding first) {
    return administrators
        .secondCertificate(first.orderId())
        .map(
            c ->
                new Holding(
                    first.orderId(),
                    first.channelId(),
                    first.creditCode(),
                    first.organizationName(),
                    c.caName(),
                    c.serial()));
  }

  @Override
  public String family(Holding holding) {
    return cas.find(holding.caName())
        .orElseThrow(() -> new IllegalStateException("no CA " + holding.caName()))
        .family()
        .name();
  }

  @Override
  public SealingRules.OrganizationCertificate certificate(Holding h) {
    StoredCertificate c = certificates.find(h.caName(), h.serial()).orElseThrow();
    return new SealingRules.OrganizationCertificate(
        h.creditCode(),
        c.notBefore(),
        c.notAfter(),
        c.status() == CertificateRepository.Status.REVOKED,
        seals.forCertificate(h.caName(), h.serial()).isPresent());
  }

  private static Holding holding(HeldOrganization h) {
    return new Holding(
        h.orderId(), h.channelId(), h.creditCode(), h.organizationName(), h.caName(), h.serial());
  }
}

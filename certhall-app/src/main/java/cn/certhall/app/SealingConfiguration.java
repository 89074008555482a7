package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.app.persistence.SealAdministratorRepository;
import cn.certhall.app.persistence.SigningRequestRepository;
import cn.certhall.app.realname.CheckLog;
import cn.certhall.app.realname.FaceCheckProperties;
import cn.certhall.app.realname.FaceProvider;
import cn.certhall.app.realname.IdentityProviders;
import cn.certhall.app.realname.RecordedFaceCheck;
import cn.certhall.app.revocation.RevocationService;
import cn.certhall.app.sandbox.SandboxFaceCheck;
import cn.certhall.app.sandbox.SandboxProperties;
import cn.certhall.app.sealing.Argon2PinHasher;
import cn.certhall.app.sealing.CaPersonalCertificates;
import cn.certhall.app.sealing.ChannelSealedNotices;
import cn.certhall.app.sealing.HeldSeals;
import cn.certhall.app.sealing.PadesDocumentSealer;
import cn.certhall.app.sealing.SealedPdfVerification;
import cn.certhall.app.sealing.SealingProperties;
import cn.certhall.app.sealing.SigningRequestPurge;
import cn.certhall.app.sealmaking.SealService;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.pades.PadesSealer;
import cn.certhall.documents.pades.PadesVerifier;
import cn.certhall.domain.audit.AuditLog;
import cn.certhall.domain.sealing.CloudSealingFlow;
import cn.certhall.domain.sealing.FaceCheck;
import cn.certhall.domain.sealing.PinGuard;
import cn.certhall.domain.sealing.SealAppFlow;
import cn.certhall.domain.verification.SmsCodes;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.tsp.TimeStampAuthority;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The seal app (信手书) and cloud sealing: the domain's {@link PinGuard} on the JDBC store with
 * Argon2id, the face check (sandbox, or none), the seal app's accounts, signing requests sealed
 * with PAdES B-T from the CA's own TSA (B-B when {@code certhall.tsa.enabled} is off), and the
 * verification of sealed PDFs.
 */
@Configuration(proxyBeanMethods = false)
public class SealingConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SealingConfiguration.class);

  @Bean
  SealAdministratorRepository sealAdministratorRepository(JdbcClient jdbc) {
    return new SealAdministratorRepository(jdbc);
  }

  @Bean
  SigningRequestRepository signingRequestRepository(JdbcClient jdbc) {
    return new SigningRequestRepository(jdbc);
  }

  @Bean
  PinGuard pinGuard(SealAdministratorRepository administrators, Clock clock) {
    return new PinGuard(administrators, new Argon2PinHasher(), clock);
  }

  @Bean
  SealAppFlow sealAppFlow(
      SmsCodes sms,
      SealAdministratorRepository administrators,
      FaceCheck faces,
      PinGuard pins,
      CaRegistry cas,
      SigningKeyStore keys,
      AuditLog audit,
      RevocationService revocation,
      PlatformTransactionManager transactions,
      Clock clock) {
    return new SealAppFlow(
        sms,
        administrators,
        faces,
        pins,
        new CaPersonalCertificates(cas, keys, revocation, clock),
        audit,
        OrderConfiguration.transactions(transactions),
        clock);
  }

  @Bean
  PadesSealer padesSealer(ObjectProvider<TimeStampAuthority> tsa, Clock clock, PdfLimits limits) {
    TimeStampAuthority authority = tsa.getIfAvailable();
    if (authority == null) {
      log.warn("certhall.tsa.enabled is off: sealed PDFs are PAdES B-B, without a time-stamp");
    }
    return new PadesSealer(authority, clock, limits);
  }

  @Bean
  HeldSeals heldSeals(
      SealAdministratorRepository administrators,
      CertificateRepository certificates,
      SealService seals,
      CaRegistry cas) {
    return new HeldSeals(administrators, certificates, seals, cas);
  }

  @Bean
  PadesDocumentSealer padesDocumentSealer(
      PadesSealer sealer,
      HeldSeals holders,
      CertificateRepository certificates,
      SealService seals,
      CaRegistry cas,
      SigningKeyStore keys) {
    return new PadesDocumentSealer(sealer, holders, certificates, seals, cas, keys);
  }

  @Bean
  CloudSealingFlow cloudSealingFlow(
      SigningRequestRepository requests,
      HeldSeals holders,
      PadesDocumentSealer sealer,
      ChannelRepository channels,
      ChannelDeliveryRepository deliveries,
      PinGuard pins,
      AuditLog audit,
      PlatformTransactionManager transactions,
      Clock clock,
      SealingProperties properties,
      CerthallProperties certhall) {
    return new CloudSealingFlow(
        requests,
        holders,
        sealer,
        new ChannelSealedNotices(channels, deliveries),
        pins,
        audit,
        OrderConfiguration.transactions(transactions),
        clock,
        new CloudSealingFlow.Settings(
            certhall.publicUrl().toString(),
            properties.maxDocumentSize().toBytes(),
            properties.requestLifetime()));
  }

  @Bean
  SigningRequestPurge signingRequestPurge(
      SigningRequestRepository requests, SealingProperties properties, Clock clock) {
    return new SigningRequestPurge(requests, properties.requestRetention(), clock);
  }

  @Bean
  SealedPdfVerification sealedPdfVerification(
      CaRegistry cas, RevocationRepository revocations, Clock clock, PdfLimits limits) {
    return new SealedPdfVerification(
        cas, revocations, new PadesVerifier(SealedPdfVerification.roots(cas), clock, limits));
  }

  /**
   * The face check: the provider {@code certhall.face-check.provider} names, else the sandbox's,
   * each check recorded in {@code verification_record}; with neither, it fails closed.
   */
  @Bean
  FaceCheck faceCheck(FaceCheckProperties face, SandboxProperties sandbox, CheckLog checks) {
    Optional<FaceProvider> provider = IdentityProviders.face(face);
    if (provider.isPresent()) {
      log.info("face checks through {} (certhall.face-check.provider)", provider.get().name());
      return new RecordedFaceCheck(provider.get(), checks);
    }
    if (sandbox.enabled()) {
      return new RecordedFaceCheck(new SandboxFaceCheck(), checks);
    }
    log.warn(
        "certhall.face-check.provider is sandbox and the sandbox is off: every face check answers"
            + " UNAVAILABLE; set certhall.face-check.provider to tencent");
    return (context, name, idNumber, photo) ->
        new FaceCheck.Answer(FaceCheck.Result.UNAVAILABLE, "none", null);
  }
}

package cn.certhall.app;

import cn.certhall.app.ca.CaRegistry;
import cn.certhall.app.ca.DelegatedSigners;
import cn.certhall.app.evidence.EvidenceReports;
import cn.certhall.app.evidence.StoredCertificates;
import cn.certhall.app.persistence.CertificateRepository;
import cn.certhall.app.persistence.DelegatedSignerRepository;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.persistence.JdbcLifecycleRequests;
import cn.certhall.app.persistence.RevocationRepository;
import cn.certhall.app.persistence.SigningRequestRepository;
import cn.certhall.app.sealing.SealedDocumentEvidence;
import cn.certhall.app.signer.SignerLifecycle;
import cn.certhall.documents.pades.PadesSealer;
import cn.certhall.documents.template.PdfTemplates;
import cn.certhall.domain.evidence.CertificateRecords;
import cn.certhall.domain.evidence.DocumentEvidenceReports;
import cn.certhall.domain.evidence.OrderEvidenceReports;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.lifecycle.HeldCertificates;
import cn.certhall.domain.material.MaterialRepository;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.payment.PaymentRepository;
import cn.certhall.domain.signature.SignedForms;
import cn.certhall.domain.verification.VerificationRecords;
import cn.certhall.pki.keystore.SigningKeyStore;
import cn.certhall.pki.profile.CertificateProfile;
import java.time.Clock;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 出证报告: the domain's evidence of an order, set as a PDF and signed by the CA's evidence signer. */
@Configuration(proxyBeanMethods = false)
public class EvidenceConfiguration {

  @Bean
  SignerLifecycle signerLifecycle(
      SigningKeyStore keys, CerthallProperties properties, Clock clock) {
    return new SignerLifecycle(keys, properties.ca().organization(), clock);
  }

  @Bean
  DelegatedSigners delegatedSigners(CaRegistry cas, JdbcClient jdbc, SignerLifecycle lifecycle) {
    return new DelegatedSigners(cas, new DelegatedSignerRepository(jdbc), lifecycle);
  }

  @Bean
  CertificateRecords certificateRecords(
      CertificateRepository certificates, RevocationRepository revocations) {
    return new StoredCertificates(certificates, revocations);
  }

  @Bean
  OrderEvidenceReports orderEvidenceReports(
      OrderRepository orders,
      SignedForms forms,
      MaterialRepository materials,
      PaymentRepository payments,
      OrderCertificates orderCertificates,
      JdbcClient jdbc,
      CertificateRecords certificates,
      HeldCertificates held,
      JdbcAuditLog audit,
      VerificationRecords checks,
      Clock clock) {
    return new OrderEvidenceReports(
        orders,
        forms,
        materials,
        payments,
        orderCertificates,
        new JdbcLifecycleRequests(jdbc),
        certificates,
        held,
        audit,
        checks,
        clock);
  }

  @Bean
  DocumentEvidenceReports documentEvidenceReports(
      SigningRequestRepository requests,
      CertificateRecords certificates,
      JdbcAuditLog audit,
      Clock clock) {
    return new DocumentEvidenceReports(
        new SealedDocumentEvidence(requests), certificates, audit, clock);
  }

  @Bean
  EvidenceReports evidenceReports(
      OrderEvidenceReports reports,
      DocumentEvidenceReports documents,
      PdfTemplates templates,
      PadesSealer sealer,
      DelegatedSigners signers,
      EvidenceProperties evidence,
      SigningKeyStore keys,
      MessageSource messages,
      JdbcAuditLog audit) {
    return new EvidenceReports(
        reports,
        documents,
        templates,
        sealer,
        signers,
        new SignerLifecycle.Purpose(
            "evidence",
            CertificateProfile.EVIDENCE,
            "出证",
            evidence.signerValidity(),
            evidence.signerRenewBefore()),
        evidence.family(),
        keys,
        messages,
        audit);
  }
}

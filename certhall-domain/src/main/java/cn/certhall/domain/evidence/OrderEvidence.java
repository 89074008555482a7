package cn.certhall.domain.evidence;

import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * 出证报告 of an order, as the records hold it: who the order is for, how the applicant was verified,
 * every step in time order, every file with its SHA-256, the certificates (one, or two with a
 * second issuing CA: 双证书) and their status now, and the audit log's entries about the order and its
 * certificates with their chain hashes. Personal data is masked (the files' hashes prove their
 * content without repeating it).
 *
 * @param handlerName masked (张*)
 * @param handlerMobile masked (138****0000)
 * @param generatedAt when the report was made; the certificate's status is as of then
 */
public record OrderEvidence(
    String orderId,
    BusinessType businessType,
    String channelId,
    OrderStatus status,
    String organizationName,
    String creditCode,
    String handlerName,
    String handlerMobile,
    Instant createdAt,
    Instant generatedAt,
    List<Verification> verifications,
    List<Step> steps,
    List<EvidenceFile> files,
    List<CertificateEvidence> certificates,
    List<AuditEntry> audit) {

  public OrderEvidence {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(generatedAt, "generatedAt");
    verifications = List.copyOf(verifications);
    steps = List.copyOf(steps);
    files = List.copyOf(files);
    certificates = List.copyOf(certificates);
    audit = List.copyOf(audit);
  }

  /** Whose identity a verification checked. */
  public enum Party {
    /** 证书及印章管理员核验. */
    ADMINISTRATOR,
    /** 企业认证. */
    ENTERPRISE,
    /** 经办人核验 of a renewal or revocation. */
    HANDLER
  }

  /**
   * One verification of the order, as its record holds it; an order stored before the records were
   * kept shows its two passed verifications without provider or reference.
   *
   * @param method the method's name ({@code AdministratorMethod}, {@code EnterpriseMethod})
   * @param at when the check was made (or, without a record, when the order was stored)
   * @param outcome MATCH, MISMATCH or UNAVAILABLE
   * @param provider the provider that answered (sandbox, tencent…), or null where none was recorded
   * @param providerReference the provider's request id, or null where none was recorded
   */
  public record Verification(
      Party party,
      String method,
      Instant at,
      String outcome,
      String provider,
      String providerReference) {
    public Verification {
      Objects.requireNonNull(party, "party");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(outcome, "outcome");
    }
  }
}

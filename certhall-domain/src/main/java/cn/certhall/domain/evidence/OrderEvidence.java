package cn.certhall.domain.evidence;

import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * 出证报告 of an order, as the records hold it: who the order is for, how the applicant was
 * verified, every step in time order, every file with its SHA-256, the certificate and its status
 * now, and the audit log's entries about the order and its certificate with their chain hashes.
 * Personal data is masked (the files' hashes prove their content without repeating it).
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
        Optional<CertificateEvidence> certificate,
        List<AuditEntry> audit) {

    public OrderEvidence {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(generatedAt, "generatedAt");
        verifications = List.copyOf(verifications);
        steps = List.copyOf(steps);
        files = List.copyOf(files);
        Objects.requireNonNull(certificate, "certificate");
        audit = List.copyOf(audit);
    }

    /** Whose identity a verification checked. */
    public enum Party {
        /** 证书及印章管理员核验. */
        ADMINISTRATOR,
        /** 企业认证. */
        ENTERPRISE
    }

    /**
     * One verification the order passed.
     *
     * @param method the method's name ({@code AdministratorMethod}, {@code EnterpriseMethod})
     * @param at when it was recorded passed: a new application is stored only once both passed
     * @param providerReference the provider's request id, or null where none was recorded
     */
    public record Verification(Party party, String method, Instant at, String providerReference) {
        public Verification {
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What a step of the timeline records; each has its own message and arguments. */
    public enum StepKind {
        /** The order was created (arguments: the status it started in). */
        ORDER_CREATED,
        /** The order moved (arguments: from, to, the history's note or ""). */
        STATUS_CHANGED,
        /** The 申请表 was signed with the handler's SMS code (arguments: version, SHA-256). */
        APPLICATION_SIGNED,
        /** A material was uploaded (arguments: kind, version, SHA-256). */
        MATERIAL_UPLOADED,
        /** A payment attempt (arguments: attempt, amount in fen, method, status, provider reference or ""). */
        PAYMENT,
        /** A reviewer approved (arguments: none; the actor is the reviewer). */
        REVIEW_APPROVED,
        /** A reviewer rejected (arguments: the reason as recorded). */
        REVIEW_REJECTED,
        /** The certificate was issued (arguments: CA, serial). */
        CERTIFICATE_ISSUED,
        /** The certificate was revoked (arguments: CA, serial, RFC 5280 reason code). */
        CERTIFICATE_REVOKED
    }

    /**
     * One line of the timeline.
     *
     * @param actor who did it as the audit log names them ({@code applicant}, {@code
     *     operator:alice}, {@code system}), or "" where the record does not say
     */
    public record Step(Instant at, StepKind kind, String actor, List<String> arguments) {
        public Step {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(actor, "actor");
            arguments = List.copyOf(arguments);
        }
    }

    /** What kind of file an {@link EvidenceFile} is. */
    public enum FileKind {
        SIGNED_APPLICATION_FORM,
        MATERIAL,
        CERTIFICATE
    }

    /**
     * A file the order involved, by its SHA-256 (lower-case hex) over its stored bytes.
     *
     * @param name for a material its kind's name; for a form or certificate its file name
     */
    public record EvidenceFile(FileKind kind, String name, int version, String sha256, long size, Instant at) {
        public EvidenceFile {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
            }
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The order's certificate and its status when the report was made.
     *
     * @param revokedAt null unless revoked
     * @param revocationReasonCode RFC 5280 code, null unless revoked
     */
    public record CertificateEvidence(
            String caName,
            String serialHex,
            String subject,
            String issuer,
            Instant notBefore,
            Instant notAfter,
            String sha256,
            long size,
            Instant revokedAt,
            Integer revocationReasonCode) {

        public CertificateEvidence {
            Objects.requireNonNull(caName, "caName");
            Objects.requireNonNull(serialHex, "serialHex");
        }

        /** VALID, EXPIRED or REVOKED at {@code at}. */
        public String stateAt(Instant at) {
            if (revokedAt != null) {
                return "REVOKED";
            }
            return at.isBefore(notAfter) ? "VALID" : "EXPIRED";
        }
    }
}

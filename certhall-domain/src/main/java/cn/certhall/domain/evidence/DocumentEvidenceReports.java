package cn.certhall.domain.evidence;

import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.audit.AuditRecords;
import cn.certhall.domain.evidence.SealedDocumentRecords.SealedDocumentRecord;
import cn.certhall.domain.identity.Masking;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers the {@link DocumentEvidence} of a signing request: the request and its sealing as kept,
 * the audit entries about the request, and the administrator's own entries that led to the sealing
 * (the last sign-in to the seal app before the link was claimed, and the face checks and PIN events
 * from then until the sealing). Reads only.
 */
public final class DocumentEvidenceReports {

  private final SealedDocumentRecords records;
  private final CertificateLookup certificates;
  private final AuditRecords audit;
  private final Clock clock;

  public DocumentEvidenceReports(
      SealedDocumentRecords records,
      CertificateRecords certificateRecords,
      AuditRecords audit,
      Clock clock) {
    this.records = Objects.requireNonNull(records, "records");
    this.certificates =
        new CertificateLookup(Objects.requireNonNull(certificateRecords, "certificateRecords"));
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The report, or empty when there is no such request. */
  public Optional<DocumentEvidence> report(String requestId) {
    return records.find(requestId).map(this::report);
  }

  private DocumentEvidence report(SealedDocumentRecord r) {
    Instant now = clock.instant();
    var request = r.request();
    List<Step> steps = new ArrayList<>();
    List<EvidenceFile> files = new ArrayList<>();
    files.add(
        new EvidenceFile(
            EvidenceFile.Kind.DOCUMENT,
            request.fileName(),
            1,
            r.documentSha256(),
            r.documentSize(),
            request.createdAt()));
    if (r.claimedAt() != null) {
      steps.add(
          new Step(
              r.claimedAt(),
              StepKind.LINK_CLAIMED,
              "",
              List.of(Masking.mobile(request.claimedBy()))));
    }
    if (r.signedSha256() != null) {
      files.add(
          new EvidenceFile(
              EvidenceFile.Kind.SEALED_DOCUMENT,
              request.fileName(),
              1,
              r.signedSha256(),
              r.signedSize(),
              request.sealedAt()));
    }
    if (r.authorizationSha256() != null) {
      files.add(
          new EvidenceFile(
              EvidenceFile.Kind.AUTHORIZATION_SIGNATURE,
              "authorization",
              1,
              r.authorizationSha256(),
              r.authorizationSize(),
              request.sealedAt()));
    }
    Optional<CertificateEvidence> certificate =
        r.caName() == null ? Optional.empty() : certificates.find(r.caName(), r.serialHex());
    certificate.ifPresent(c -> files.add(c.asFile()));

    Map<Long, AuditEntry> entries = new LinkedHashMap<>();
    audit.about("signing-request/" + request.id()).forEach(e -> entries.put(e.sequence(), e));
    administratorEntries(r, now).forEach(e -> entries.put(e.sequence(), e));
    List<AuditEntry> trail =
        entries.values().stream().sorted(Comparator.comparingLong(AuditEntry::sequence)).toList();
    for (AuditEntry e : trail) {
      stepOf(e, r).ifPresent(steps::add);
    }
    steps.sort(Comparator.comparing(Step::at));
    return new DocumentEvidence(
        r,
        request.claimedBy() == null ? null : Masking.mobile(request.claimedBy()),
        now,
        steps,
        files,
        certificate,
        trail);
  }

  /**
   * The administrator's last sign-in before the claim, and their entries from then to the sealing.
   */
  private List<AuditEntry> administratorEntries(SealedDocumentRecord r, Instant now) {
    if (r.administratorSubject() == null || r.claimedAt() == null) {
      return List.of();
    }
    List<AuditEntry> all = audit.about(r.administratorSubject());
    Instant end = r.request().sealedAt() != null ? r.request().sealedAt() : now;
    Optional<AuditEntry> signIn =
        all.stream()
            .filter(e -> e.action().equals(AuditAction.SEAL_APP_SIGNED_IN.name()))
            .filter(e -> !e.at().isAfter(r.claimedAt()))
            .reduce((a, b) -> b);
    Instant from = signIn.map(AuditEntry::at).orElse(r.claimedAt());
    return all.stream().filter(e -> !e.at().isBefore(from) && !e.at().isAfter(end)).toList();
  }

  private static final Pattern FACE_ANSWER =
      Pattern.compile("(MATCH|MISMATCH|UNAVAILABLE) (\\S+) (\\S+)");

  private static Optional<Step> stepOf(AuditEntry e, SealedDocumentRecord r) {
    String action = e.action();
    if (action.equals(AuditAction.SIGNING_REQUESTED.name())) {
      return Optional.of(
          new Step(
              e.at(),
              StepKind.SIGNING_REQUESTED,
              e.actor(),
              List.of(r.request().channelId(), r.request().fileName())));
    }
    if (action.equals(AuditAction.SEAL_APP_SIGNED_IN.name())) {
      return Optional.of(new Step(e.at(), StepKind.ADMINISTRATOR_SIGNED_IN, e.actor(), List.of()));
    }
    if (action.equals(AuditAction.FACE_CHECKED.name())) {
      // "MATCH tencent <request id>"; older entries hold the outcome alone
      Matcher m = FACE_ANSWER.matcher(e.details() == null ? "" : e.details());
      return Optional.of(
          new Step(
              e.at(),
              StepKind.FACE_CHECKED,
              e.actor(),
              m.matches() ? List.of(m.group(1), m.group(2), m.group(3)) : List.of(e.details())));
    }
    if (action.equals(AuditAction.SEALING_REFUSED.name())) {
      return Optional.of(
          new Step(e.at(), StepKind.SEALING_REFUSED, e.actor(), List.of(e.details())));
    }
    if (action.equals(AuditAction.DOCUMENT_SEALED.name())) {
      return Optional.of(
          new Step(
              e.at(),
              StepKind.DOCUMENT_SEALED,
              e.actor(),
              List.of(
                  r.caName() == null ? "" : r.caName(),
                  r.serialHex() == null ? "" : r.serialHex())));
    }
    return Optional.empty();
  }
}

package cn.certhall.domain.evidence;

import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.audit.AuditRecords;
import cn.certhall.domain.evidence.OrderEvidence.Party;
import cn.certhall.domain.evidence.OrderEvidence.Verification;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.issuance.OrderCertificates;
import cn.certhall.domain.lifecycle.HeldCertificates;
import cn.certhall.domain.lifecycle.LifecycleRequests;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialRepository;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.PaymentRepository;
import cn.certhall.domain.signature.SignedForm;
import cn.certhall.domain.signature.SignedForms;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.EnterpriseMethod;
import cn.certhall.domain.verification.VerificationMethod;
import cn.certhall.domain.verification.VerificationPurpose;
import cn.certhall.domain.verification.VerificationRecord;
import cn.certhall.domain.verification.VerificationRecords;
import cn.certhall.pki.issuance.CertificateRef;
import cn.certhall.pki.issuance.Validity;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Gathers the {@link OrderEvidence} of an order from the records the flows keep: the order and its
 * history, the records of its real-name checks, the signed forms, materials and payments, the
 * certificate (the one the order produced, or the one a renewal, change or revocation order is
 * about) and the audit log. Reads only; the caller signs the report and records its download.
 */
public final class OrderEvidenceReports {

  private final OrderRepository orders;
  private final SignedForms forms;
  private final MaterialRepository materials;
  private final PaymentRepository payments;
  private final OrderCertificates orderCertificates;
  private final LifecycleRequests lifecycle;
  private final CertificateLookup certificates;
  private final HeldCertificates held;
  private final AuditRecords audit;
  private final VerificationRecords checks;
  private final Clock clock;

  public OrderEvidenceReports(
      OrderRepository orders,
      SignedForms forms,
      MaterialRepository materials,
      PaymentRepository payments,
      OrderCertificates orderCertificates,
      LifecycleRequests lifecycle,
      CertificateRecords certificateRecords,
      HeldCertificates held,
      AuditRecords audit,
      VerificationRecords checks,
      Clock clock) {
    this.orders = Objects.requireNonNull(orders, "orders");
    this.forms = Objects.requireNonNull(forms, "forms");
    this.materials = Objects.requireNonNull(materials, "materials");
    this.payments = Objects.requireNonNull(payments, "payments");
    this.orderCertificates = Objects.requireNonNull(orderCertificates, "orderCertificates");
    this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    this.certificates =
        new CertificateLookup(Objects.requireNonNull(certificateRecords, "certificateRecords"));
    this.held = Objects.requireNonNull(held, "held");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.checks = Objects.requireNonNull(checks, "checks");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @throws OrderNotFoundException if there is no such order
   */
  public OrderEvidence report(String orderId) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    Instant now = clock.instant();
    List<Step> steps = new ArrayList<>();
    List<EvidenceFile> files = new ArrayList<>();

    for (StatusChange change : order.history()) {
      steps.add(
          change.isCreation()
              ? new Step(change.at(), StepKind.ORDER_CREATED, "", List.of(change.to().name()))
              : new Step(
                  change.at(),
                  StepKind.STATUS_CHANGED,
                  "",
                  List.of(change.from().name(), change.to().name()),
                  change.note()));
    }
    for (SignedForm form : forms.all(orderId)) {
      steps.add(
          new Step(
              form.confirmedAt(),
              StepKind.APPLICATION_SIGNED,
              "applicant",
              List.of(Integer.toString(form.version()), form.sha256())));
      files.add(
          new EvidenceFile(
              EvidenceFile.Kind.SIGNED_APPLICATION_FORM,
              "申请表.pdf",
              form.version(),
              form.sha256(),
              form.size(),
              form.confirmedAt()));
    }
    for (Material m : materials.history(orderId)) {
      steps.add(
          new Step(
              m.uploadedAt(),
              StepKind.MATERIAL_UPLOADED,
              "applicant",
              List.of(m.kind().name(), Integer.toString(m.version()), m.sha256())));
      files.add(
          new EvidenceFile(
              EvidenceFile.Kind.MATERIAL,
              m.kind().name(),
              m.version(),
              m.sha256(),
              m.size(),
              m.uploadedAt()));
    }
    for (Payment p : payments.forOrder(orderId)) {
      steps.add(
          new Step(
              p.settledAt() != null ? p.settledAt() : p.createdAt(),
              StepKind.PAYMENT,
              "",
              List.of(
                  Integer.toString(p.attempt()),
                  Long.toString(p.amountFen()),
                  p.method() == null ? "" : p.method().name(),
                  p.status().name(),
                  p.providerReference() == null ? "" : p.providerReference())));
    }

    List<CertificateRef> refs = certificatesOf(order);
    List<CertificateEvidence> certificate =
        refs.stream().flatMap(r -> certificates.find(r.caName(), r.serialHex()).stream()).toList();
    certificate.forEach(c -> files.add(c.asFile()));

    // the entries about the order and about its certificates, each once, in the chain's order
    Map<Long, AuditEntry> entries = new LinkedHashMap<>();
    audit.about(orderId).forEach(e -> entries.put(e.sequence(), e));
    refs.forEach(
        r ->
            audit
                .about(r.caName() + "/" + r.serialHex())
                .forEach(e -> entries.put(e.sequence(), e)));
    List<AuditEntry> trail =
        entries.values().stream().sorted(Comparator.comparingLong(AuditEntry::sequence)).toList();
    for (AuditEntry e : trail) {
      stepOf(e, certificate).ifPresent(steps::add);
    }
    steps.sort(Comparator.comparing(Step::at));
    files.sort(Comparator.comparing(EvidenceFile::at));

    var application = order.application();
    List<Verification> verifications = verifications(order);
    return new OrderEvidence(
        order.id(),
        order.businessType(),
        order.channelId(),
        order.status(),
        application.organizationName(),
        application.creditCode(),
        Masking.name(application.handler().name()),
        Masking.mobile(application.handler().mobile()),
        order.createdAt(),
        now,
        verifications,
        steps,
        files,
        certificate,
        trail);
  }

  /**
   * Every real-name check recorded for the order's number (a form's checks are made for the number
   * its order then takes); a party with none recorded, because the order predates the records or
   * was verified by the corporate transfer, shows the method on the order.
   */
  private List<Verification> verifications(Order order) {
    List<Verification> found = new ArrayList<>();
    for (VerificationRecord r : checks.forSubject(order.id())) {
      if (r.purpose() == VerificationPurpose.ADMINISTRATOR) {
        found.add(
            new Verification(
                Party.ADMINISTRATOR,
                administratorMethod(r.method()).name(),
                r.at(),
                r.outcome(),
                r.provider(),
                r.requestId()));
      } else if (r.purpose() == VerificationPurpose.ENTERPRISE) {
        found.add(
            new Verification(
                Party.ENTERPRISE,
                enterpriseMethod(r.method()).name(),
                r.at(),
                r.outcome(),
                r.provider(),
                r.requestId()));
      } else if (r.purpose() == VerificationPurpose.LIFECYCLE) {
        found.add(
            new Verification(
                Party.HANDLER,
                administratorMethod(r.method()).name(),
                r.at(),
                r.outcome(),
                r.provider(),
                r.requestId()));
      }
    }
    if (order.passedVerification()) {
      var application = order.application();
      if (found.stream()
          .noneMatch(v -> v.party() == Party.ADMINISTRATOR && v.outcome().equals("MATCH"))) {
        found.add(
            new Verification(
                Party.ADMINISTRATOR,
                application.administratorVerification().method().name(),
                order.createdAt(),
                "MATCH",
                null,
                null));
      }
      if (found.stream()
          .noneMatch(v -> v.party() == Party.ENTERPRISE && v.outcome().equals("MATCH"))) {
        found.add(
            new Verification(
                Party.ENTERPRISE,
                application.enterpriseVerification().method().name(),
                order.createdAt(),
                "MATCH",
                null,
                null));
      }
    }
    found.sort(Comparator.comparing(Verification::at));
    return found;
  }

  private static AdministratorMethod administratorMethod(VerificationMethod method) {
    return method == VerificationMethod.BANK_CARD_FOUR_FACTOR
        ? AdministratorMethod.BANK_CARD
        : AdministratorMethod.MOBILE;
  }

  private static EnterpriseMethod enterpriseMethod(VerificationMethod method) {
    return method == VerificationMethod.BANK_CARD_FOUR_FACTOR
        ? EnterpriseMethod.LEGAL_REP_BANK_CARD
        : EnterpriseMethod.LEGAL_REP_MOBILE;
  }

  /**
   * The certificates the order produced (one, or two with a second issuing CA), or those a renewal,
   * change or revocation order is about (the held one and the second of its order).
   */
  private List<CertificateRef> certificatesOf(Order order) {
    List<CertificateRef> produced = orderCertificates.all(order.id());
    if (!produced.isEmpty()) {
      return produced;
    }
    return lifecycle
        .find(order.id())
        .map(
            r -> {
              List<CertificateRef> about = new ArrayList<>();
              held.find(r.caName(), r.serialHex())
                  .map(
                      h ->
                          new CertificateRef(
                              h.caName(), h.serialHex(), new Validity(h.notBefore(), h.notAfter())))
                  .ifPresent(about::add);
              orderCertificates.findSecond(r.sourceOrderId()).ifPresent(about::add);
              return about;
            })
        .orElse(List.of());
  }

  private static Optional<Step> stepOf(AuditEntry e, List<CertificateEvidence> certificates) {
    if (e.action().equals(AuditAction.REVIEW_APPROVED.name())) {
      return Optional.of(new Step(e.at(), StepKind.REVIEW_APPROVED, e.actor(), List.of()));
    }
    if (e.action().equals(AuditAction.REVIEW_REJECTED.name())) {
      return Optional.of(
          new Step(e.at(), StepKind.REVIEW_REJECTED, e.actor(), List.of(e.details())));
    }
    Optional<Step> code = codeStep(e);
    if (code.isPresent()) {
      return code;
    }
    Optional<CertificateEvidence> about =
        certificates.stream()
            .filter(c -> e.subject().equals(c.caName() + "/" + c.serialHex()))
            .findFirst();
    if (e.action().equals(AuditAction.CERTIFICATE_ISSUED.name()) && about.isPresent()) {
      CertificateEvidence c = about.get();
      return Optional.of(
          new Step(
              e.at(), StepKind.CERTIFICATE_ISSUED, e.actor(), List.of(c.caName(), c.serialHex())));
    }
    if (e.action().equals(AuditAction.CERTIFICATE_REVOKED.name()) && about.isPresent()) {
      CertificateEvidence c = about.get();
      return Optional.of(
          new Step(
              e.at(),
              StepKind.CERTIFICATE_REVOKED,
              e.actor(),
              List.of(
                  c.caName(),
                  c.serialHex(),
                  c.revocationReasonCode() == null ? "" : c.revocationReasonCode().toString())));
    }
    return Optional.empty();
  }

  /**
   * A code's entry of the audit log ({@code "PURPOSE by CHANNEL, …"}, {@code "PURPOSE STATUS[, n
   * tries left]"}).
   */
  private static Optional<Step> codeStep(AuditEntry e) {
    String[] words = e.details().split("[ ,]+");
    if (words.length == 0) {
      return Optional.empty();
    }
    if (e.action().equals(AuditAction.CODE_ISSUED.name()) && words.length >= 3) {
      return Optional.of(
          new Step(e.at(), StepKind.CODE_ISSUED, e.actor(), List.of(words[0], words[2])));
    }
    if (e.action().equals(AuditAction.CODE_WITHDRAWN.name())) {
      return Optional.of(new Step(e.at(), StepKind.CODE_WITHDRAWN, e.actor(), List.of(words[0])));
    }
    if (e.action().equals(AuditAction.CODE_ENTERED.name()) && words.length >= 2) {
      return Optional.of(
          new Step(
              e.at(),
              StepKind.CODE_ENTERED,
              e.actor(),
              List.of(words[0], words[1], words.length >= 3 ? words[2] : "")));
    }
    return Optional.empty();
  }
}

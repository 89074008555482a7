package cn.certhall.app.evidence;

import cn.certhall.app.ca.DelegatedSigners;
import cn.certhall.app.web.HistoryNotes;
import cn.certhall.documents.template.ReportDocument;
import cn.certhall.documents.template.ReportDocument.Entry;
import cn.certhall.documents.template.ReportDocument.Paragraph;
import cn.certhall.documents.template.ReportDocument.Row;
import cn.certhall.documents.template.ReportDocument.Section;
import cn.certhall.documents.template.ReportDocument.Small;
import cn.certhall.domain.audit.AuditEntry;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.evidence.CertificateEvidence;
import cn.certhall.domain.evidence.DocumentEvidence;
import cn.certhall.domain.evidence.EvidenceFile;
import cn.certhall.domain.evidence.OrderEvidence;
import cn.certhall.domain.evidence.OrderEvidence.Verification;
import cn.certhall.domain.evidence.SealedDocumentRecords.SealedDocumentRecord;
import cn.certhall.domain.evidence.Step;
import cn.certhall.domain.sealing.SigningRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.springframework.context.MessageSource;

/** The words of an {@link OrderEvidence} in the reader's language, as a {@link ReportDocument}. */
final class EvidenceDocument {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CertificateRules.CHINA_TIME);

  private final MessageSource messages;
  private final Locale locale;

  private EvidenceDocument(MessageSource messages, Locale locale) {
    this.messages = messages;
    this.locale = locale;
  }

  static ReportDocument of(
      OrderEvidence e, DelegatedSigners.Signer signer, MessageSource messages, Locale locale) {
    return new EvidenceDocument(messages, locale).order(e, signer);
  }

  static ReportDocument of(
      DocumentEvidence e, DelegatedSigners.Signer signer, MessageSource messages, Locale locale) {
    return new EvidenceDocument(messages, locale).document(e, signer);
  }

  private ReportDocument order(OrderEvidence e, DelegatedSigners.Signer signer) {
    List<Section> sections = new ArrayList<>();
    sections.add(
        new Section(
            m("evidence.section.order"),
            List.of(
                new Row(m("evidence.order.id"), e.orderId()),
                new Row(
                    m("evidence.order.business"), m("query.business." + e.businessType().name())),
                new Row(m("evidence.order.channel"), e.channelId()),
                new Row(m("evidence.order.status"), m("query.status." + e.status().name())),
                new Row(m("evidence.order.organization"), e.organizationName()),
                new Row(m("evidence.order.creditCode"), e.creditCode()),
                new Row(m("evidence.order.handler"), e.handlerName() + " " + e.handlerMobile()),
                new Row(m("evidence.order.created"), time(e.createdAt())))));

    List<Entry> verifications = new ArrayList<>();
    for (Verification v : e.verifications()) {
      String method =
          m(
              (v.party() == OrderEvidence.Party.ENTERPRISE
                      ? "query.enterprise."
                      : "query.administrator.")
                  + v.method());
      verifications.add(
          new Row(
              m("evidence.verification." + v.party().name()),
              m(
                  "evidence.verification.value",
                  method,
                  time(v.at()),
                  v.providerReference() == null
                      ? m("evidence.verification.noReference")
                      : v.providerReference(),
                  m("evidence.verification.outcome." + v.outcome()),
                  v.provider() == null ? m("evidence.verification.noReference") : v.provider())));
    }
    if (verifications.isEmpty()) {
      verifications.add(new Paragraph(m("evidence.verification.none")));
    }
    sections.add(new Section(m("evidence.section.verifications"), verifications));
    sections.add(steps(e.steps()));
    sections.add(files(e.files()));

    List<Entry> certificate = new ArrayList<>();
    for (CertificateEvidence c : e.certificates()) {
      certificate.addAll(certificate(c));
      certificate.add(new Row(m("evidence.certificate.state"), state(c, e.generatedAt())));
    }
    if (certificate.isEmpty()) {
      certificate.add(new Paragraph(m("evidence.certificate.none")));
    }
    sections.add(new Section(m("evidence.section.certificate"), certificate));
    sections.add(audit(e.audit()));
    sections.add(check(signer));
    return new ReportDocument(
        m("evidence.title"), m("evidence.reference", e.orderId(), time(e.generatedAt())), sections);
  }

  private ReportDocument document(DocumentEvidence e, DelegatedSigners.Signer signer) {
    SealedDocumentRecord r = e.record();
    SigningRequest request = r.request();
    List<Section> sections = new ArrayList<>();
    sections.add(
        new Section(
            m("evidence.section.request"),
            List.of(
                new Row(m("evidence.request.id"), request.id()),
                new Row(m("evidence.order.channel"), request.channelId()),
                new Row(m("evidence.order.organization"), request.organizationName()),
                new Row(m("evidence.order.creditCode"), request.creditCode()),
                new Row(m("evidence.request.file"), request.fileName()),
                new Row(
                    m("evidence.request.placement"),
                    r.anchor() != null
                        ? m("evidence.request.anchor", r.anchor(), millimetres(r.sealWidthPoints()))
                        : m(
                            "evidence.request.position",
                            r.page(),
                            millimetres(r.xPoints()),
                            millimetres(r.yPoints()),
                            millimetres(r.sealWidthPoints()))),
                new Row(
                    m("evidence.request.status"),
                    m("evidence.request.status." + request.statusAt(e.generatedAt()))),
                new Row(m("evidence.request.created"), time(request.createdAt())),
                new Row(
                    m("evidence.request.administrator"),
                    e.administrator() == null ? m("evidence.none") : e.administrator()),
                new Row(
                    m("evidence.request.sealed"),
                    request.sealedAt() == null ? m("evidence.none") : time(request.sealedAt())))));
    sections.add(steps(e.steps()));
    sections.add(files(e.files()));
    List<Entry> certificate = new ArrayList<>();
    if (e.certificate().isPresent()) {
      CertificateEvidence c = e.certificate().get();
      certificate.addAll(certificate(c));
      if (request.sealedAt() != null) {
        certificate.add(
            new Row(m("evidence.certificate.stateAtSealing"), state(c, request.sealedAt())));
      }
      certificate.add(new Row(m("evidence.certificate.state"), state(c, e.generatedAt())));
    } else {
      certificate.add(new Paragraph(m("evidence.certificate.notSealed")));
    }
    sections.add(new Section(m("evidence.section.certificate"), certificate));
    sections.add(audit(e.audit()));
    sections.add(check(signer));
    return new ReportDocument(
        m("evidence.document.title"),
        m("evidence.document.reference", request.id(), time(e.generatedAt())),
        sections);
  }

  private Section steps(List<Step> all) {
    List<Entry> steps = new ArrayList<>();
    for (Step s : all) {
      String text = step(s);
      steps.add(
          new Row(
              time(s.at()),
              s.actor().isEmpty() ? text : m("evidence.step.actor", actor(s.actor()), text)));
    }
    return new Section(m("evidence.section.steps"), steps);
  }

  private Section files(List<EvidenceFile> all) {
    List<Entry> files = new ArrayList<>();
    for (EvidenceFile f : all) {
      String name =
          switch (f.kind()) {
            case MATERIAL ->
                m("evidence.file.MATERIAL", m("material.kind." + f.name()), f.version());
            case SIGNED_APPLICATION_FORM ->
                m("evidence.file.SIGNED_APPLICATION_FORM", f.name(), f.version());
            case CERTIFICATE -> m("evidence.file.CERTIFICATE");
            case DOCUMENT -> m("evidence.file.DOCUMENT", f.name());
            case SEALED_DOCUMENT -> m("evidence.file.SEALED_DOCUMENT", f.name());
            case AUTHORIZATION_SIGNATURE -> m("evidence.file.AUTHORIZATION_SIGNATURE");
          };
      files.add(new Row(name, m("evidence.file.value", Long.toString(f.size()), time(f.at()))));
      files.add(new Small(m("evidence.file.hash", f.sha256())));
    }
    if (files.isEmpty()) {
      files.add(new Paragraph(m("evidence.files.none")));
    }
    return new Section(m("evidence.section.files"), files);
  }

  private List<Entry> certificate(CertificateEvidence c) {
    return List.of(
        new Row(m("evidence.certificate.ca"), c.caName()),
        new Row(m("evidence.certificate.serial"), c.serialHex()),
        new Row(m("evidence.certificate.subject"), c.subject()),
        new Row(m("evidence.certificate.issuer"), c.issuer()),
        new Row(
            m("evidence.certificate.validity"),
            m("evidence.certificate.validityValue", time(c.notBefore()), time(c.notAfter()))));
  }

  private String state(CertificateEvidence c, Instant at) {
    String state = c.stateAt(at);
    return state.equals("REVOKED")
        ? m(
            "evidence.certificate.state.REVOKED",
            time(c.revokedAt()),
            String.valueOf(c.revocationReasonCode()))
        : m("evidence.certificate.state." + state);
  }

  private Section audit(List<AuditEntry> entries) {
    List<Entry> audit = new ArrayList<>();
    for (AuditEntry a : entries) {
      audit.add(
          new Row(
              m("evidence.audit.row", Long.toString(a.sequence())),
              m(
                  "evidence.audit.value",
                  time(a.at()),
                  a.actor(),
                  a.action(),
                  a.subject(),
                  a.details())));
      audit.add(new Small(m("evidence.audit.previous", a.previousHash())));
      audit.add(new Small(m("evidence.audit.hash", a.hash())));
    }
    return new Section(m("evidence.section.audit"), audit);
  }

  private Section check(DelegatedSigners.Signer signer) {
    String signerName =
        IETFUtils.valueToString(
            signer.certificate().getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue());
    return new Section(
        m("evidence.section.check"),
        List.of(
            new Paragraph(m("evidence.check.signature", signer.caName(), signerName)),
            new Paragraph(m("evidence.check.files")),
            new Paragraph(m("evidence.check.audit"))));
  }

  private static String millimetres(Double points) {
    return points == null ? "" : String.format(Locale.ROOT, "%.1f", points / 72 * 25.4);
  }

  private String step(Step s) {
    List<String> a = s.arguments();
    return switch (s.kind()) {
      case ORDER_CREATED -> m("evidence.step.ORDER_CREATED", m("query.status." + a.get(0)));
      case STATUS_CHANGED ->
          m(
              "evidence.step.STATUS_CHANGED",
              m("query.status." + a.get(0)),
              m("query.status." + a.get(1)),
              s.note() == null
                  ? ""
                  : m("evidence.step.note", new HistoryNotes(messages).render(s.note(), locale)));
      case APPLICATION_SIGNED -> m("evidence.step.APPLICATION_SIGNED", a.get(0));
      case MATERIAL_UPLOADED ->
          m("evidence.step.MATERIAL_UPLOADED", m("material.kind." + a.get(0)), a.get(1));
      case PAYMENT ->
          m(
              "evidence.step.PAYMENT",
              a.get(0),
              new BigDecimal(a.get(1)).movePointLeft(2).toPlainString(),
              a.get(2).isEmpty() ? m("evidence.none") : m("pay.method." + a.get(2)),
              m("evidence.payment." + a.get(3)),
              a.get(4).isEmpty() ? m("evidence.none") : a.get(4));
      case REVIEW_APPROVED -> m("evidence.step.REVIEW_APPROVED");
      case REVIEW_REJECTED -> m("evidence.step.REVIEW_REJECTED", a.get(0));
      case CERTIFICATE_ISSUED -> m("evidence.step.CERTIFICATE_ISSUED", a.get(0), a.get(1));
      case CERTIFICATE_REVOKED ->
          m("evidence.step.CERTIFICATE_REVOKED", a.get(0), a.get(1), a.get(2));
      case CODE_ISSUED ->
          m(
              "evidence.step.CODE_ISSUED",
              m("evidence.purpose." + a.get(0)),
              m("evidence.channel." + a.get(1)));
      case CODE_WITHDRAWN -> m("evidence.step.CODE_WITHDRAWN", m("evidence.purpose." + a.get(0)));
      case CODE_ENTERED ->
          m(
              "evidence.step.CODE_ENTERED",
              m("evidence.purpose." + a.get(0)),
              m("evidence.codeCheck." + a.get(1), a.get(2)));
      case SIGNING_REQUESTED -> m("evidence.step.SIGNING_REQUESTED", a.get(0), a.get(1));
      case ADMINISTRATOR_SIGNED_IN -> m("evidence.step.ADMINISTRATOR_SIGNED_IN");
      case FACE_CHECKED ->
          a.size() == 3
              ? m("evidence.step.FACE_CHECKED.provider", a.get(0), a.get(1), a.get(2))
              : m("evidence.step.FACE_CHECKED", a.get(0));
      case LINK_CLAIMED -> m("evidence.step.LINK_CLAIMED", a.get(0));
      case SEALING_REFUSED -> m("evidence.step.SEALING_REFUSED", a.get(0));
      case DOCUMENT_SEALED -> m("evidence.step.DOCUMENT_SEALED", a.get(0), a.get(1));
    };
  }

  private String actor(String id) {
    if (id.startsWith("operator:")) {
      return m("evidence.actor.operator", id.substring("operator:".length()));
    }
    if (id.startsWith("channel:")) {
      return m("evidence.actor.channel", id.substring("channel:".length()));
    }
    if (id.startsWith("seal-admin:")) {
      return m("evidence.actor.sealAdmin", id.substring("seal-admin:".length()));
    }
    return messages.getMessage("evidence.actor." + id, null, id, locale);
  }

  private static String time(Instant at) {
    return at == null ? "" : SECONDS.format(at);
  }

  private String m(String key, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}

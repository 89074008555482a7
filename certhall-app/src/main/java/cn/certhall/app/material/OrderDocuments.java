package cn.certhall.app.material;

import cn.certhall.documents.template.Particulars;
import cn.certhall.documents.template.PdfTemplates;
import cn.certhall.documents.template.Person;
import cn.certhall.documents.template.UploadedFile;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderNotFoundException;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.signature.ApplicationFormRenderer;
import cn.certhall.domain.verification.AdministratorMethod;
import cn.certhall.domain.verification.EnterpriseMethod;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The PDFs of an order (模板下载, 申请表下载): the templates pre-filled from its application, and the
 * confirmed application form with the current materials' hashes. The time of confirmation is the
 * order's last move to {@code APPLICATION_SIGNED} (the handler's SMS code), read from its history.
 */
public final class OrderDocuments implements ApplicationFormRenderer {
  private final OrderService orders;
  private final MaterialService materials;
  private final PdfTemplates templates;

  public OrderDocuments(OrderService orders, MaterialService materials, PdfTemplates templates) {
    this.orders = orders;
    this.materials = materials;
    this.templates = templates;
  }

  /** 单位授权委托书 of the order. */
  public byte[] authorizationLetter(String orderId) {
    return templates.authorizationLetter(particulars(order(orderId)));
  }

  /** 印章采集表 of the order. */
  public byte[] sealCollectionForm(String orderId) {
    return templates.sealCollectionForm(particulars(order(orderId)));
  }

  /**
   * 申请表 of the order as confirmed; empty until the application is signed.
   *
   * @throws OrderNotFoundException if there is no such order
   */
  public Optional<byte[]> applicationForm(String orderId) {
    Order order = order(orderId);
    Optional<Instant> confirmed = confirmedAt(order);
    if (confirmed.isEmpty()) {
      return Optional.empty();
    }
    List<UploadedFile> files =
        materials.current(orderId).stream().map(OrderDocuments::uploadedFile).toList();
    return Optional.of(templates.applicationForm(particulars(order), files, confirmed.get()));
  }

  /** 申请表 of the order with these materials, confirmed at {@code confirmedAt} (the signature). */
  @Override
  public byte[] render(Order order, List<Material> current, Instant confirmedAt) {
    List<UploadedFile> files = current.stream().map(OrderDocuments::uploadedFile).toList();
    return templates.applicationForm(particulars(order), files, confirmedAt);
  }

  /** When the handler last confirmed the application with the SMS code. */
  static Optional<Instant> confirmedAt(Order order) {
    List<StatusChange> history = order.history();
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i).to() == OrderStatus.APPLICATION_SIGNED) {
        return Optional.of(history.get(i).at());
      }
    }
    return Optional.empty();
  }

  static Particulars particulars(Order order) {
    UnitApplication a = order.application();
    return new Particulars(
        order.id(),
        label(order.businessType()),
        order.channelId(),
        a.organizationName(),
        a.creditCode(),
        new Person(a.legalRepresentative().name(), null, a.legalRepresentative().idNumber(), null),
        new Person(
            a.handler().name(),
            a.handler().idType().label(),
            a.handler().idNumber(),
            a.handler().mobile()),
        a.handler().email(),
        new Person(
            a.administrator().name(),
            a.administrator().idType().label(),
            a.administrator().idNumber(),
            a.administrator().mobile()),
        label(a.enterpriseVerification().method()),
        label(a.administratorVerification().method()));
  }

  private static UploadedFile uploadedFile(Material m) {
    return new UploadedFile(
        m.kind().chineseLabel(),
        m.contentType().extension().toUpperCase(Locale.ROOT),
        m.size(),
        m.sha256(),
        m.uploadedAt());
  }

  private Order order(String orderId) {
    return orders.find(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
  }

  /** The manual's names of the businesses. */
  static String label(BusinessType type) {
    return switch (type) {
      case NEW_UNIT_CERTIFICATE -> "单位证书新办";
      case RENEWAL -> "单位证书更新";
      case INFORMATION_CHANGE -> "单位信息变更";
      case REVOCATION -> "单位证书吊销";
    };
  }

  static String label(EnterpriseMethod method) {
    return switch (method) {
      case CORPORATE_TRANSFER -> "企业对公打款";
      case LEGAL_REP_MOBILE -> "法定代表人手机三要素";
      case LEGAL_REP_BANK_CARD -> "法定代表人银行卡";
    };
  }

  static String label(AdministratorMethod method) {
    return switch (method) {
      case MOBILE -> "手机三要素";
      case BANK_CARD -> "银行卡";
    };
  }
}

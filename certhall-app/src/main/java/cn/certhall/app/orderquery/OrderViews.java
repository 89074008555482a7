package cn.certhall.app.orderquery;

import cn.certhall.app.portal.ContinueSteps;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.identity.Masking;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.StatusChange;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.payment.FeeSchedule;
import cn.certhall.domain.payment.Payment;
import cn.certhall.domain.payment.Refund;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Orders as the query pages show them: every personal value masked (SPEC 4: ID 110***********1234,
 * mobile 138****5678, names 张*, cards 6222 **** **** 1234), times in China time. The organization's
 * name and credit code are public and shown whole. Labels are message keys, worded by the {@code
 * i18n/query} bundle.
 */
final class OrderViews {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CertificateRules.CHINA_TIME);

  private OrderViews() {}

  /** One line of a list: enough to recognise the order, and what can be done with it. */
  record Row(
      String id,
      String business,
      String status,
      String organizationName,
      String createdAt,
      String updatedAt,
      ContinueSteps.Step step) {}

  /** The orders of one proven ID number, in the manual's two lists. */
  record Group(String shownNumber, String provenUntil, List<Part> lists) {}

  /**
   * @param name {@code unfinished} (未完成业务) or {@code finished} (已完成业务)
   */
  record Part(String name, List<Row> rows) {}

  record History(String at, String from, String to, HistoryNote note) {}

  /** A labelled value on the details page; {@code valueKey} when the value is a message key. */
  record Item(String labelKey, String value, String valueKey) {
    static Item text(String labelKey, String value) {
      return new Item(labelKey, value, null);
    }

    static Item key(String labelKey, String valueKey) {
      return new Item(labelKey, null, valueKey);
    }
  }

  record Section(String titleKey, List<Item> items) {}

  record Details(Row row, String channelId, List<Section> sections, List<History> history) {}

  static Group group(String idNumber, Instant provenUntil, OrderList list, ContinueSteps steps) {
    return new Group(
        shownNumber(idNumber, list),
        time(provenUntil),
        List.of(
            new Part("unfinished", list.unfinished().stream().map(o -> row(o, steps)).toList()),
            new Part("finished", list.finished().stream().map(o -> row(o, steps)).toList())));
  }

  static Row row(Order order, ContinueSteps steps) {
    return new Row(
        order.id(),
        business(order),
        status(order.status().name()),
        order.application().organizationName(),
        time(order.createdAt()),
        time(order.updatedAt()),
        steps.of(order));
  }

  static Details details(Order order, ContinueSteps steps) {
    UnitApplication a = order.application();
    List<Section> sections =
        List.of(
            new Section(
                "query.details.organization",
                List.of(
                    Item.text("query.field.organizationName", a.organizationName()),
                    Item.text("query.field.creditCode", a.creditCode()))),
            new Section(
                "query.details.legalRepresentative",
                List.of(
                    Item.text("query.field.name", Masking.name(a.legalRepresentative().name())),
                    Item.text(
                        "query.field.idNumber",
                        Masking.idNumber(a.legalRepresentative().idNumber())))),
            new Section(
                "query.details.handler",
                List.of(
                    Item.text("query.field.name", Masking.name(a.handler().name())),
                    Item.key("query.field.idType", idType(a.handler().idType())),
                    Item.text("query.field.idNumber", Masking.idNumber(a.handler().idNumber())),
                    Item.text("query.field.mobile", Masking.mobile(a.handler().mobile())),
                    Item.text("query.field.email", Masking.email(a.handler().email())))),
            new Section(
                "query.details.administrator",
                List.of(
                    Item.text("query.field.name", Masking.name(a.administrator().name())),
                    Item.key("query.field.idType", idType(a.administrator().idType())),
                    Item.text(
                        "query.field.idNumber", Masking.idNumber(a.administrator().idNumber())),
                    Item.text("query.field.mobile", Masking.mobile(a.administrator().mobile())))),
            new Section("query.details.verification", verification(a)));
    List<History> history =
        order.history().stream()
            .map(
                (StatusChange c) ->
                    new History(
                        time(c.at()),
                        c.from() == null ? null : status(c.from().name()),
                        status(c.to().name()),
                        c.note()))
            .toList();
    return new Details(row(order, steps), order.channelId(), sections, history);
  }

  private static List<Item> verification(UnitApplication a) {
    EnterpriseVerificationDetails e = a.enterpriseVerification();
    AdministratorVerificationDetails admin = a.administratorVerification();
    List<Item> enterprise =
        switch (e.method()) {
          case CORPORATE_TRANSFER ->
              List.of(
                  Item.key("query.field.enterpriseMethod", "query.enterprise." + e.method()),
                  Item.text("query.field.accountName", e.accountName()),
                  Item.text("query.field.accountNumber", Masking.bankCard(e.accountNumber())),
                  Item.text("query.field.bank", e.bank()));
          case LEGAL_REP_MOBILE ->
              List.of(
                  Item.key("query.field.enterpriseMethod", "query.enterprise." + e.method()),
                  Item.text("query.field.mobile", Masking.mobile(e.mobile())));
          case LEGAL_REP_BANK_CARD ->
              List.of(
                  Item.key("query.field.enterpriseMethod", "query.enterprise." + e.method()),
                  Item.text("query.field.cardNumber", Masking.bankCard(e.cardNumber())),
                  Item.text("query.field.mobile", Masking.mobile(e.mobile())));
        };
    List<Item> administrator =
        switch (admin.method()) {
          case MOBILE ->
              List.of(
                  Item.key(
                      "query.field.administratorMethod", "query.administrator." + admin.method()));
          case BANK_CARD ->
              List.of(
                  Item.key(
                      "query.field.administratorMethod", "query.administrator." + admin.method()),
                  Item.text("query.field.cardNumber", Masking.bankCard(admin.cardNumber())),
                  Item.text("query.field.mobile", Masking.mobile(admin.reservedMobile())));
        };
    return Stream.concat(enterprise.stream(), administrator.stream()).toList();
  }

  /**
   * A credit code is public and shown whole; a person's ID number is masked. Which it is, the
   * orders tell (a valid credit code can also pass as another document's number); without orders it
   * is masked.
   */
  static String shownNumber(String idNumber, OrderList list) {
    boolean organization =
        Stream.concat(list.unfinished().stream(), list.finished().stream())
            .anyMatch(o -> o.applicant().type() == IdType.UNIFIED_SOCIAL_CREDIT_CODE);
    return organization ? idNumber : Masking.idNumber(idNumber);
  }

  static String business(Order order) {
    return "query.business." + order.businessType().name();
  }

  static String status(String status) {
    return "query.status." + status;
  }

  static String idType(IdType type) {
    return "query.idType." + type.name();
  }

  static String time(Instant at) {
    return TIME.format(at);
  }

  /**
   * A payment attempt on 我的订单: its method, amount, state and time, and its refund if it has one.
   *
   * @param statusKey query.payment.status.PAID …
   * @param refundKey query.refund.status.PROCESSING … (退款中 for REQUESTED and PROCESSING), or null
   */
  public record PaymentRow(
      String id,
      int attempt,
      String methodKey,
      String amount,
      String statusKey,
      String at,
      String refundKey,
      String refundAmount,
      String refundAt) {}

  static List<PaymentRow> payments(List<Payment> attempts, List<Refund> refunds) {
    return attempts.stream()
        .map(
            p -> {
              Refund refund =
                  refunds.stream()
                      .filter(r -> r.paymentId().equals(p.id()))
                      .findFirst()
                      .orElse(null);
              return new PaymentRow(
                  p.id(),
                  p.attempt(),
                  p.method() == null ? null : "pay.method." + p.method().name(),
                  FeeSchedule.yuan(p.amountFen()),
                  "query.payment.status." + (p.closed() ? "CLOSED" : p.status().name()),
                  time(
                      p.settledAt() != null
                          ? p.settledAt()
                          : p.closed() ? p.closedAt() : p.createdAt()),
                  refund == null
                      ? null
                      : "query.refund.status."
                          + (refund.status() == Refund.Status.REQUESTED
                              ? "PROCESSING"
                              : refund.status().name()),
                  refund == null ? null : FeeSchedule.yuan(refund.amountFen()),
                  refund == null ? null : time(refund.updatedAt()));
            })
        .toList();
  }
}

package cn.certhall.app.console;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.ShiftedClock;
import cn.certhall.app.TestDatabases;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import cn.certhall.domain.review.RejectionReason;
import cn.certhall.domain.review.ReviewService;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

/**
 * Orders waiting and decided at known times for the dashboard's tests, on a running app whose whole
 * clock ({@link ShiftedClock}) the scenario moves: it ends on a Wednesday {@link #day} at noon,
 * China time, at least a week ahead, with its own calendar: the Monday and Tuesday before are
 * public holidays and the Saturday before a make-up working day.
 *
 * <ul>
 *   <li>waiting, overdue: a new unit certificate submitted 20 days before, a revocation submitted
 *       the Tuesday of the week before (due that Friday; the make-up Saturday and today make it 2
 *       working days late);
 *   <li>waiting, due today: a new unit certificate submitted the Thursday before (Friday, the
 *       make-up Saturday, today: without the calendar it would have been due yesterday);
 *   <li>waiting, not due: an information change submitted this morning;
 *   <li>decided in the last 30 days: rejected by zhang.wei after 2 hours, approved by the demo
 *       reviewer after 5 hours, a renewal rejected after 24 hours by a reviewer whose name starts
 *       with "=" (as a spreadsheet formula would);
 *   <li>decided 35 days before: rejected by the demo reviewer, outside the period.
 * </ul>
 */
final class DashboardScenario implements AutoCloseable {
  static final String ODD_REVIEWER = "=HYPERLINK(\"http://evil.example\")";

  final ShiftedClock clock = new ShiftedClock();
  final LocalDate day;
  final RunningApp app;
  Order overdueNew;
  Order overdueRevocation;
  Order dueToday;
  Order notDue;
  Order rejectedAfter2h;
  Order approvedAfter5h;
  Order rejectedAfter24h;
  Order decidedBeforePeriod;
  private int codes;

  DashboardScenario(TestDatabases.Target db, Path dataDir) {
    LocalDate today = LocalDate.now(CertificateRules.CHINA_TIME);
    day = today.plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.WEDNESDAY));
    clock.advance(Duration.between(Instant.now(), at(-41, "09:00")));
    app =
        RunningApp.start(
            db,
            dataDir,
            Map.of(
                "certhall.ca.hierarchies",
                "ECDSA",
                "certhall.calendar.holidays",
                day.minusDays(2) + ".." + day.minusDays(1),
                "certhall.calendar.make-up-working-days",
                day.minusDays(4).toString()),
            clock);
  }

  /** Creates the orders and decisions, in the order of their times. */
  DashboardScenario play() {
    decidedBeforePeriod = submitted(BusinessType.NEW_UNIT_CERTIFICATE, at(-40, "09:00"));
    reject(decidedBeforePeriod, "reviewer", at(-35, "09:00"));
    overdueNew = submitted(BusinessType.NEW_UNIT_CERTIFICATE, at(-20, "10:00"));
    approvedAfter5h = submitted(BusinessType.NEW_UNIT_CERTIFICATE, at(-10, "09:00"));
    rejectedAfter2h = submitted(BusinessType.NEW_UNIT_CERTIFICATE, at(-10, "09:00"));
    reject(rejectedAfter2h, "zhang.wei", at(-10, "11:00"));
    approve(approvedAfter5h, "reviewer", at(-10, "14:00"));
    overdueRevocation = submitted(BusinessType.REVOCATION, at(-8, "10:00"));
    dueToday = submitted(BusinessType.NEW_UNIT_CERTIFICATE, at(-6, "10:00"));
    rejectedAfter24h = submitted(BusinessType.RENEWAL, at(-5, "09:00"));
    reject(rejectedAfter24h, ODD_REVIEWER, at(-4, "09:00"));
    notDue = submitted(BusinessType.INFORMATION_CHANGE, at(0, "09:00"));
    moveTo(at(0, "12:00"));
    return this;
  }

  /** {@code days} after the scenario's day (negative: before), at {@code time} China time. */
  Instant at(int days, String time) {
    return day.plusDays(days)
        .atTime(LocalTime.parse(time))
        .atZone(CertificateRules.CHINA_TIME)
        .toInstant();
  }

  private void moveTo(Instant instant) {
    clock.advance(Duration.between(clock.instant(), instant));
  }

  /** Earlier steps happen a minute before; never back in time, unless for the step itself. */
  private void before(Instant instant) {
    if (clock.instant().isBefore(instant.minusSeconds(60))) {
      moveTo(instant.minusSeconds(60));
    }
  }

  /**
   * An order of {@code type} that enters 等待审核 at {@code instant}, its earlier steps just before.
   */
  private Order submitted(BusinessType type, Instant instant) {
    before(instant);
    OrderService orders = app.bean(OrderService.class);
    String creditCode = ReviewFixtures.creditCode("91350100MA00" + (81000 + ++codes));
    Order order = orders.start(type, "demo", OrderApplications.transfer(creditCode));
    List<OrderStatus> steps =
        switch (type) {
          case NEW_UNIT_CERTIFICATE ->
              List.of(
                  OrderStatus.VERIFIED,
                  OrderStatus.CONFIRMED,
                  OrderStatus.AUTHORIZATION_CODE_ENTERED,
                  OrderStatus.MATERIALS_UPLOADED,
                  OrderStatus.APPLICATION_SIGNED);
          case RENEWAL, INFORMATION_CHANGE -> List.of(OrderStatus.VERIFIED, OrderStatus.CONFIRMED);
          case REVOCATION ->
              List.of(
                  OrderStatus.VERIFIED,
                  OrderStatus.CERTIFICATE_VERIFIED,
                  OrderStatus.MATERIALS_UPLOADED,
                  OrderStatus.APPLICATION_SIGNED);
        };
    for (OrderStatus step : steps) {
      orders.move(order.id(), step, HistoryNote.text("test set-up"));
    }
    moveTo(instant);
    return orders.move(order.id(), OrderStatus.WAITING_FOR_REVIEW, HistoryNote.text("test set-up"));
  }

  private void reject(Order order, String reviewer, Instant instant) {
    before(instant);
    ReviewService review = app.bean(ReviewService.class);
    review.claim(order.id(), reviewer);
    moveTo(instant);
    review.reject(order.id(), reviewer, RejectionReason.UNCLEAR_PHOTO, "");
  }

  private void approve(Order order, String reviewer, Instant instant) {
    before(instant);
    ReviewService review = app.bean(ReviewService.class);
    review.claim(order.id(), reviewer);
    moveTo(instant);
    review.approve(order.id(), reviewer);
  }

  @Override
  public void close() {
    app.close();
  }
}

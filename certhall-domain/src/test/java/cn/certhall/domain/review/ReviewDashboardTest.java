package cn.certhall.domain.review;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.domain.audit.AuditAction;
import cn.certhall.domain.audit.AuditEvent;
import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.calendar.WorkingCalendar;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.review.ReviewDashboard.Decision;
import cn.certhall.domain.review.ReviewDashboard.Figures;
import cn.certhall.domain.review.ReviewDashboard.Outcome;
import cn.certhall.domain.review.ReviewDashboard.ReviewerDecisions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The dashboard on a fixed clock, Friday 9 October 2026 at 10:00 in Beijing, the day after 国庆 (1–7
 * October off, Saturday 10 October a working day): the holidays decide what is overdue.
 */
class ReviewDashboardTest {
  static final Instant NOW = china("2026-10-09T10:00");

  final List<ReviewQueue.Waiting> waiting = new ArrayList<>();
  final List<Decision> decisions = new ArrayList<>();
  final List<Instant[]> asked = new ArrayList<>();
  final List<AuditEvent> audit = new ArrayList<>();

  static Instant china(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(CertificateRules.CHINA_TIME).toInstant();
  }

  ReviewDashboard dashboard(WorkingCalendar calendar) {
    return new ReviewDashboard(
        limit -> waiting.subList(0, Math.min(limit, waiting.size())),
        (from, to) -> {
          asked.add(new Instant[] {from, to});
          return decisions;
        },
        new ReviewDeadline(calendar, CertificateRules.CHINA_TIME),
        audit::add,
        Clock.fixed(NOW, CertificateRules.CHINA_TIME));
  }

  void waits(String id, BusinessType type, String submitted) {
    waiting.add(new ReviewQueue.Waiting(id, type, "单位", china(submitted), null, null));
  }

  void decided(String id, String submitted, Duration after, Outcome outcome, String reviewer) {
    Instant at = china(submitted);
    decisions.add(
        new Decision(id, BusinessType.NEW_UNIT_CERTIFICATE, at, at.plus(after), outcome, reviewer));
  }

  void fiveWaiting() {
    // Wed 30 Sep: Thu 8, Fri 9, Sat 10 (调休) → due tomorrow
    waits("W1", BusinessType.NEW_UNIT_CERTIFICATE, "2026-09-30T15:00");
    // Tue 29 Sep: Wed 30, Thu 8, Fri 9 → due today
    waits("W2", BusinessType.RENEWAL, "2026-09-29T10:00");
    // Mon 28 Sep: Tue 29, Wed 30, Thu 8 → overdue since today
    waits("W3", BusinessType.NEW_UNIT_CERTIFICATE, "2026-09-28T09:00");
    // Thu 24 Sep, 中秋 25–27 off: Mon 28, Tue 29, Wed 30 → overdue
    waits("W4", BusinessType.REVOCATION, "2026-09-24T11:00");
    // today: due Wed 14 Oct
    waits("W5", BusinessType.INFORMATION_CHANGE, "2026-10-09T09:00");
  }

  @Test
  void dueTodayAndOverdueAreCountedInWorkingDaysWithTheHolidays() {
    fiveWaiting();

    Figures figures = dashboard(WorkingCalendar.china2026()).figures();

    assertThat(figures.today()).isEqualTo("2026-10-09");
    assertThat(figures.waiting()).isEqualTo(5);
    assertThat(figures.dueToday()).isEqualTo(1);
    assertThat(figures.overdue()).isEqualTo(2);
    assertThat(figures.waitingByType())
        .containsExactly(
            Map.entry(BusinessType.NEW_UNIT_CERTIFICATE, 2),
            Map.entry(BusinessType.RENEWAL, 1),
            Map.entry(BusinessType.INFORMATION_CHANGE, 1),
            Map.entry(BusinessType.REVOCATION, 1));
  }

  @Test
  void withoutTheHolidaysTheSameOrdersWouldAllBeOverdue() {
    fiveWaiting();

    Figures figures = dashboard(new WorkingCalendar(List.of(), List.of())).figures();

    assertThat(figures.overdue()).isEqualTo(4);
    assertThat(figures.dueToday()).isZero();
  }

  @Test
  void theQueueAloneCountsTheSameWaitingAndOverdueWithoutAskingForDecisions() {
    fiveWaiting();

    ReviewDashboard.Queue queue = dashboard(WorkingCalendar.china2026()).queue();

    assertThat(queue.waiting()).isEqualTo(5);
    assertThat(queue.overdue()).isEqualTo(2);
    assertThat(asked).isEmpty();
  }

  @Test
  void medianAndP90OfTheTimeToDecisionAndDecisionsPerReviewer() {
    decided("D1", "2026-10-08T09:00", Duration.ofMinutes(30), Outcome.APPROVED, "li.shen");
    decided("D2", "2026-09-30T09:00", Duration.ofHours(24), Outcome.REJECTED, "wang.fang");
    decided("D3", "2026-09-29T09:00", Duration.ofHours(5), Outcome.APPROVED, "li.shen");
    decided("D4", "2026-09-28T09:00", Duration.ofHours(2), Outcome.REJECTED, "li.shen");

    Figures figures = dashboard(WorkingCalendar.china2026()).figures();

    assertThat(asked)
        .singleElement()
        .satisfies(
            period -> {
              assertThat(period[0]).isEqualTo(china("2026-09-09T10:00"));
              assertThat(period[1]).isEqualTo(NOW);
            });
    assertThat(figures.decided()).isEqualTo(4);
    // 0.5, 2, 5, 24 hours: the middle two averaged; p90 at rank 2.7, 5 + 0.7 × 19
    assertThat(figures.median()).hasValue(Duration.ofMinutes(210));
    assertThat(figures.p90()).hasValue(Duration.ofMinutes(18 * 60 + 18));
    assertThat(figures.perReviewer())
        .containsExactly(
            new ReviewerDecisions("li.shen", 2, 1), new ReviewerDecisions("wang.fang", 0, 1));
    assertThat(figures.waiting()).isZero();
  }

  @Test
  void withoutDecisionsThereIsNoMedian() {
    Figures figures = dashboard(WorkingCalendar.china2026()).figures();

    assertThat(figures.median()).isEmpty();
    assertThat(figures.p90()).isEmpty();
    assertThat(figures.perReviewer()).isEmpty();
  }

  @Test
  void percentilesOfOneAndOfTwoDecisions() {
    assertThat(ReviewDashboard.percentile(List.of(Duration.ofHours(3)), 0.9))
        .hasValue(Duration.ofHours(3));
    assertThat(ReviewDashboard.percentile(List.of(Duration.ofHours(1), Duration.ofHours(11)), 0.9))
        .hasValue(Duration.ofHours(10));
    assertThat(ReviewDashboard.percentile(List.of(), 0.5)).isEqualTo(Optional.empty());
  }

  @Test
  void theExportIsTheDecisionsOfThePeriodAndIsAudited() {
    decided("D1", "2026-10-08T09:00", Duration.ofMinutes(30), Outcome.APPROVED, "li.shen");

    ReviewDashboard.Export export = dashboard(WorkingCalendar.china2026()).export("wang.fang");

    assertThat(export.decisions()).extracting(Decision::orderId).containsExactly("D1");
    assertThat(export.periodStart()).isEqualTo(china("2026-09-09T10:00"));
    assertThat(export.periodEnd()).isEqualTo(NOW);
    assertThat(audit)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.actor().id()).isEqualTo("operator:wang.fang");
              assertThat(event.action()).isEqualTo(AuditAction.REVIEW_DECISIONS_EXPORTED);
              assertThat(event.details()).contains("1 decisions");
            });
  }
}

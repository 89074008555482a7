package cn.certhall.domain.lifecycle;

import cn.certhall.domain.order.UnitApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One field that a renewal or change order states differently from the order that produced the
 * certificate: what the review console shows under 变更内容.
 *
 * @param field a stable key ({@code organizationName}, {@code handler.mobile}, …), worded by the
 *     console's bundle
 */
public record ApplicationChange(String field, String before, String after) {

  /** The fields of {@code after} that differ from {@code before}, in form order. */
  public static List<ApplicationChange> between(UnitApplication before, UnitApplication after) {
    List<ApplicationChange> changes = new ArrayList<>();
    compare(changes, "organizationName", before.organizationName(), after.organizationName());
    compare(changes, "creditCode", before.creditCode(), after.creditCode());
    compare(
        changes,
        "legalRepresentative.name",
        before.legalRepresentative().name(),
        after.legalRepresentative().name());
    compare(
        changes,
        "legalRepresentative.idNumber",
        before.legalRepresentative().idNumber(),
        after.legalRepresentative().idNumber());
    compare(changes, "handler.name", before.handler().name(), after.handler().name());
    compare(
        changes,
        "handler.idType",
        before.handler().idType().name(),
        after.handler().idType().name());
    compare(changes, "handler.idNumber", before.handler().idNumber(), after.handler().idNumber());
    compare(changes, "handler.mobile", before.handler().mobile(), after.handler().mobile());
    compare(changes, "handler.email", before.handler().email(), after.handler().email());
    compare(
        changes, "administrator.name", before.administrator().name(), after.administrator().name());
    compare(
        changes,
        "administrator.idType",
        before.administrator().idType().name(),
        after.administrator().idType().name());
    compare(
        changes,
        "administrator.idNumber",
        before.administrator().idNumber(),
        after.administrator().idNumber());
    compare(
        changes,
        "administrator.mobile",
        before.administrator().mobile(),
        after.administrator().mobile());
    return List.copyOf(changes);
  }

  private static void compare(
      List<ApplicationChange> changes, String field, String before, String after) {
    if (!Objects.equals(before, after)) {
      changes.add(new ApplicationChange(field, before, after));
    }
  }

  @Override
  public String toString() {
    return "ApplicationChange[" + field + "]";
  }
}

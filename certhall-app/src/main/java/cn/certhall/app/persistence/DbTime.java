package cn.certhall.app.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants as every repository writes them to a {@code TIMESTAMP WITH TIME ZONE} column: at UTC,
 * which H2 and PostgreSQL both store and give back as the same instant.
 */
public final class DbTime {
  private DbTime() {}

  /** The instant at UTC, or null for null (a column left empty). */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}

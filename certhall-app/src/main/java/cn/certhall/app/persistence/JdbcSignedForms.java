package cn.certhall.app.persistence;

import cn.certhall.domain.signature.SignedForm;
import cn.certhall.domain.signature.SignedForms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Confirmed application forms in {@code signed_application_form}: inserted, never updated. */
public final class JdbcSignedForms implements SignedForms {
  private final JdbcClient jdbc;

  public JdbcSignedForms(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(SignedForm f) {
    jdbc.sql(
            "INSERT INTO signed_application_form (order_id, version, sha256, size_bytes, confirmed_at)"
                + " VALUES (?, ?, ?, ?, ?)")
        .params(f.orderId(), f.version(), f.sha256(), f.size(), DbTime.utc(f.confirmedAt()))
        .update();
  }

  @Override
  public Optional<SignedForm> latest(String orderId) {
    return jdbc.sql(
            "SELECT * FROM signed_application_form WHERE order_id = ? ORDER BY version DESC"
                + " FETCH FIRST 1 ROWS ONLY")
        .param(orderId)
        .query(JdbcSignedForms::form)
        .optional();
  }

  @Override
  public List<SignedForm> all(String orderId) {
    return jdbc.sql("SELECT * FROM signed_application_form WHERE order_id = ? ORDER BY version")
        .param(orderId)
        .query(JdbcSignedForms::form)
        .list();
  }

  private static SignedForm form(ResultSet rs, int row) throws SQLException {
    return new SignedForm(
        rs.getString("order_id"),
        rs.getInt("version"),
        rs.getString("sha256"),
        rs.getLong("size_bytes"),
        rs.getObject("confirmed_at", OffsetDateTime.class).toInstant());
  }
}

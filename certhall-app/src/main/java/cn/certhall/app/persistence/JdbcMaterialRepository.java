package cn.certhall.app.persistence;

import cn.certhall.domain.material.ConcurrentUploadException;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialRepository;
import cn.certhall.domain.material.QualityFlag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Materials in {@code material}: inserted, never updated. */
public final class JdbcMaterialRepository implements MaterialRepository {
  private static final Comparator<Material> ORDER =
      Comparator.comparing(Material::kind).thenComparingInt(Material::version);

  private final JdbcClient jdbc;

  public JdbcMaterialRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(Material m) {
    try {
      jdbc.sql(
              "INSERT INTO material (order_id, kind, version, sha256, size_bytes, content_type,"
                  + " width, height, pages, flags, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(
              m.orderId(),
              m.kind().name(),
              m.version(),
              m.sha256(),
              m.size(),
              m.contentType().name(),
              m.width(),
              m.height(),
              m.pages(),
              m.flags().stream().sorted().map(Enum::name).collect(Collectors.joining(",")),
              DbTime.utc(m.uploadedAt()))
          .update();
    } catch (DuplicateKeyException raced) {
      throw new ConcurrentUploadException(m.orderId(), m.kind(), m.version());
    }
  }

  @Override
  public List<Material> current(String orderId) {
    return jdbc
        .sql(
            "SELECT * FROM material m WHERE order_id = ? AND version ="
                + " (SELECT MAX(version) FROM material n WHERE n.order_id = m.order_id AND n.kind = m.kind)")
        .param(orderId)
        .query(JdbcMaterialRepository::material)
        .list()
        .stream()
        .sorted(ORDER)
        .toList();
  }

  @Override
  public List<Material> history(String orderId) {
    return jdbc
        .sql("SELECT * FROM material WHERE order_id = ?")
        .param(orderId)
        .query(JdbcMaterialRepository::material)
        .list()
        .stream()
        .sorted(ORDER)
        .toList();
  }

  private static Material material(ResultSet rs, int row) throws SQLException {
    String flags = rs.getString("flags");
    Set<QualityFlag> parsed = EnumSet.noneOf(QualityFlag.class);
    if (!flags.isEmpty()) {
      Arrays.stream(flags.split(",")).map(QualityFlag::valueOf).forEach(parsed::add);
    }
    return new Material(
        rs.getString("order_id"),
        MaterialKind.valueOf(rs.getString("kind")),
        rs.getInt("version"),
        rs.getString("sha256"),
        rs.getLong("size_bytes"),
        ContentType.valueOf(rs.getString("content_type")),
        rs.getInt("width"),
        rs.getInt("height"),
        rs.getInt("pages"),
        parsed,
        rs.getObject("uploaded_at", OffsetDateTime.class).toInstant());
  }
}

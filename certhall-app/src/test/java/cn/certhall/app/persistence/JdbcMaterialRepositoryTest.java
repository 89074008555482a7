package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.domain.material.ConcurrentUploadException;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.QualityFlag;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.Order;
import java.time.Instant;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class JdbcMaterialRepositoryTest {
  static final Instant AT = Instant.parse("2027-06-15T02:30:00.123Z");

  static Material material(
      String order, MaterialKind kind, int version, char hash, Set<QualityFlag> flags) {
    return new Material(
        order,
        kind,
        version,
        String.valueOf(hash).repeat(64),
        1234,
        ContentType.JPEG,
        1600,
        1200,
        1,
        flags,
        AT.plusSeconds(version));
  }

  static String order(JdbcClient jdbc, DataSource ds) {
    Order order =
        Order.start(
            "CH20270615ABCDEFGHJKLM",
            BusinessType.NEW_UNIT_CERTIFICATE,
            "channel-7",
            OrderApplications.transfer(OrderApplications.CREDIT_CODE),
            AT);
    new JdbcOrderRepository(jdbc, new DataSourceTransactionManager(ds)).insert(order);
    return order.id();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void versions_are_added_and_the_highest_is_current(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    JdbcMaterialRepository repository = new JdbcMaterialRepository(jdbc);
    String order = order(jdbc, ds);
    Material licence1 =
        material(
            order,
            MaterialKind.BUSINESS_LICENSE,
            1,
            'a',
            Set.of(QualityFlag.BLURRY, QualityFlag.TOO_SMALL));
    Material licence2 = material(order, MaterialKind.BUSINESS_LICENSE, 2, 'b', Set.of());
    Material front =
        material(order, MaterialKind.HANDLER_ID_FRONT, 1, 'c', Set.of(QualityFlag.BLURRY));

    repository.insert(front);
    repository.insert(licence1);
    repository.insert(licence2);

    assertThat(repository.current(order)).containsExactly(licence2, front);
    assertThat(repository.history(order)).containsExactly(licence1, licence2, front);
    assertThat(repository.current("CH20270615NOSUCHORDER0")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_version_is_stored_once(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    JdbcMaterialRepository repository = new JdbcMaterialRepository(jdbc);
    String order = order(jdbc, ds);
    repository.insert(material(order, MaterialKind.BUSINESS_LICENSE, 1, 'a', Set.of()));

    assertThatThrownBy(
            () ->
                repository.insert(material(order, MaterialKind.BUSINESS_LICENSE, 1, 'b', Set.of())))
        .isInstanceOf(ConcurrentUploadException.class);
    assertThat(repository.history(order))
        .extracting(Material::sha256)
        .containsExactly("a".repeat(64));
  }
}

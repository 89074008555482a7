package cn.certhall.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases;
import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.domain.signature.SignedForm;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

class JdbcSignedFormsTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_newest_version_is_the_current_form_and_a_version_is_stored_once(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    String order = JdbcMaterialRepositoryTest.order(jdbc, ds);
    JdbcSignedForms forms = new JdbcSignedForms(jdbc);
    assertThat(forms.latest(order)).isEmpty();

    SignedForm first =
        new SignedForm(order, 1, "a".repeat(64), 1000, JdbcMaterialRepositoryTest.AT);
    SignedForm second =
        new SignedForm(
            order, 2, "b".repeat(64), 2000, JdbcMaterialRepositoryTest.AT.plusSeconds(86400));
    forms.insert(first);
    forms.insert(second);

    assertThat(forms.latest(order)).contains(second);
    assertThatThrownBy(
            () ->
                forms.insert(
                    new SignedForm(order, 2, "c".repeat(64), 3000, JdbcMaterialRepositoryTest.AT)))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(forms.latest("CH20270615NOSUCHORDER0")).isEmpty();
  }
}

package cn.certhall.app.production;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.OperatorRepository;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What production mode refuses to find in the database, checked right after the migrations: the
 * {@code demo} channel still usable (a database that ran the demo; an unused one is deleted before,
 * see {@link DatabaseModeConfiguration}) and the demo reviewer or CA administrator account with its
 * published password.
 */
public final class ProductionDatabaseCheck {
  public static final String DEMO_CHANNEL = "demo";

  private ProductionDatabaseCheck() {}

  public static List<String> problems(
      ChannelRepository channels,
      OperatorRepository operators,
      PasswordEncoder passwords,
      CerthallProperties.Demo demo) {
    List<String> problems = new ArrayList<>();
    channels.settings().stream()
        .filter(c -> c.id().equals(DEMO_CHANNEL) && (c.enabled() || c.hasApiKey()))
        .findFirst()
        .ifPresent(
            c ->
                problems.add(
                    "the database has the demo channel 'demo' "
                        + (c.enabled() ? "enabled" : "with an API key")
                        + ": disable it with UPDATE channel SET enabled = FALSE, api_key_hash ="
                        + " NULL, webhook_url = NULL, webhook_secret = NULL WHERE id = 'demo'"));
    if (demo != null) {
      demoPassword(
          demo.reviewerUsername(), demo.reviewerPassword(), operators, passwords, problems);
      demoPassword(demo.adminUsername(), demo.adminPassword(), operators, passwords, problems);
    }
    return problems;
  }

  private static void demoPassword(
      String username,
      String password,
      OperatorRepository operators,
      PasswordEncoder passwords,
      List<String> problems) {
    if (username == null || password == null) {
      return;
    }
    operators
        .find(username)
        .filter(o -> passwords.matches(password, o.passwordHash()))
        .ifPresent(
            o ->
                problems.add(
                    "the operator account '"
                        + o.username()
                        + "' still has the demo password of the README: give it a new"
                        + " password (/console/admin/operators) or delete it"));
  }
}

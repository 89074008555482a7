package cn.certhall.app.production;

import cn.certhall.app.CerthallProperties;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.app.persistence.OperatorRepository;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Production mode's say about the database, right after Flyway's migrations and before anything
 * else reads it (no CA is created, no request served). The migrations of the first version insert
 * the {@code demo} channel (V7, its fees V23) into every database, and a migration that ran once
 * cannot change; so production mode deletes it while nothing refers to it (a fresh database), and
 * refuses to start while a demo channel that was used is still usable ({@link
 * ProductionDatabaseCheck}). The demo keeps it.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseModeConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DatabaseModeConfiguration.class);

  @Bean
  FlywayMigrationStrategy migrateThenCheckProduction(
      CerthallProperties properties, PasswordEncoder passwords) {
    return flyway -> {
      flyway.migrate();
      if (!properties.production()) {
        return;
      }
      JdbcClient jdbc = JdbcClient.create(flyway.getConfiguration().getDataSource());
      ChannelRepository channels = new ChannelRepository(jdbc);
      if (channels.deleteIfUnused(ProductionDatabaseCheck.DEMO_CHANNEL)) {
        log.info(
            "production mode: deleted the unused demo channel '{}'",
            ProductionDatabaseCheck.DEMO_CHANNEL);
      }
      List<String> problems =
          ProductionDatabaseCheck.problems(
              channels, new OperatorRepository(jdbc), passwords, properties.demo());
      if (!problems.isEmpty()) {
        throw new ProductionModeRefused(problems);
      }
    };
  }
}

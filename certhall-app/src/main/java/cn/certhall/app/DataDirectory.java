package cn.certhall.app;

import cn.certhall.pki.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The data directory ({@code certhall.data-dir}: H2 database, key store, secrets, CRLs, materials)
 * is made owner-only (0700) before any bean opens it. H2 creates its files with the process's
 * umask, which Java cannot set; inside a 0700 directory no other user reaches them. Our own files
 * are created 0600 ({@link OwnerOnlyFiles}).
 */
@Configuration(proxyBeanMethods = false)
public class DataDirectory {
  private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

  /** A bean factory post-processor runs before any bean is made, the data source included. */
  @Bean
  static BeanFactoryPostProcessor ownerOnlyDataDirectory(Environment environment) {
    Path directory =
        Binder.get(environment).bind("certhall.data-dir", Path.class).orElse(Path.of("data"));
    return beanFactory -> prepare(directory);
  }

  static void prepare(Path directory) {
    try {
      OwnerOnlyFiles.createDirectories(directory);
      if (OwnerOnlyFiles.restrictDirectory(directory)) {
        log.warn("made the data directory {} owner-only (0700)", directory.toAbsolutePath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + directory, e);
    }
  }
}

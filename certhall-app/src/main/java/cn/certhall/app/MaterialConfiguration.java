package cn.certhall.app;

import cn.certhall.app.calendar.CalendarProperties;
import cn.certhall.app.material.DecodingContentInspector;
import cn.certhall.app.material.FileSystemMaterialStore;
import cn.certhall.app.material.MaterialProperties;
import cn.certhall.app.material.OrderDocuments;
import cn.certhall.app.persistence.JdbcMaterialRepository;
import cn.certhall.app.persistence.JdbcMaterialStore;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.template.PdfTemplates;
import cn.certhall.domain.calendar.ReviewDeadline;
import cn.certhall.domain.calendar.WorkingCalendar;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.material.ContentInspector;
import cn.certhall.domain.material.MaterialRepository;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.domain.material.UploadRules;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.OrderService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Year;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Materials (资料上传) checked by content and kept in the file store, the PDFs of an order (templates
 * and the confirmed application form), and the working-day calendar that dates the review (等待审核).
 */
@Configuration(proxyBeanMethods = false)
public class MaterialConfiguration {
  private static final Logger log = LoggerFactory.getLogger(MaterialConfiguration.class);

  /**
   * The files of materials and signed forms: in the database by default, so that every node reads
   * them (files an older version left in the directory are copied in once, by hash); in a directory
   * with {@code certhall.materials.storage: filesystem}.
   */
  @Bean
  MaterialStore materialStore(
      MaterialProperties materials, CerthallProperties properties, JdbcClient jdbc, Clock clock) {
    Path directory =
        materials.directory() != null
            ? materials.directory()
            : properties.dataDir().resolve("materials");
    return switch (materials.storage()) {
      case "filesystem" -> new FileSystemMaterialStore(directory);
      case "database" -> {
        JdbcMaterialStore store = new JdbcMaterialStore(jdbc, clock);
        int copied = FileSystemMaterialStore.copyInto(directory, store, store::contains);
        if (copied > 0) {
          log.info("copied {} material files from {} into the database", copied, directory);
        }
        yield store;
      }
      default ->
          throw new IllegalStateException(
              "certhall.materials.storage must be database or filesystem, not "
                  + materials.storage());
    };
  }

  @Bean
  MaterialRepository materialRepository(JdbcClient jdbc) {
    return new JdbcMaterialRepository(jdbc);
  }

  @Bean
  ContentInspector contentInspector(PdfLimits limits) {
    return new DecodingContentInspector(limits);
  }

  @Bean
  MaterialService materialService(
      OrderService orderService,
      OrderRepository orders,
      MaterialRepository materials,
      MaterialStore store,
      ContentInspector inspector,
      MaterialProperties properties,
      PlatformTransactionManager transactions,
      Clock clock) {
    return new MaterialService(
        orderService,
        orders,
        materials,
        store,
        new UploadRules(inspector, properties.limits()),
        OrderConfiguration.transactions(transactions),
        clock);
  }

  @Bean
  PdfTemplates pdfTemplates(CerthallProperties properties) {
    return new PdfTemplates(properties.ca().organization(), CertificateRules.CHINA_TIME);
  }

  @Bean
  OrderDocuments orderDocuments(
      OrderService orders, MaterialService materials, PdfTemplates templates) {
    return new OrderDocuments(orders, materials, templates);
  }

  @Bean
  WorkingCalendar workingCalendar(CalendarProperties calendar, Clock clock) {
    WorkingCalendar working = calendar.calendar();
    Year year = Year.now(clock.withZone(CertificateRules.CHINA_TIME));
    if (!working.isConfigured(year)) {
      log.warn(
          "no public holidays configured for {} (certhall.calendar.*): review deadlines count"
              + " Monday to Friday only",
          year);
    }
    return working;
  }

  @Bean
  ReviewDeadline reviewDeadline(WorkingCalendar calendar) {
    return new ReviewDeadline(calendar, CertificateRules.CHINA_TIME);
  }
}

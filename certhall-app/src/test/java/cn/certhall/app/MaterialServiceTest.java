package cn.certhall.app;

import static cn.certhall.app.OrderApplications.CREDIT_CODE;
import static cn.certhall.domain.order.BusinessType.NEW_UNIT_CERTIFICATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.certhall.app.TestDatabases.Kind;
import cn.certhall.app.material.DecodingContentInspector;
import cn.certhall.app.material.FileSystemMaterialStore;
import cn.certhall.app.material.OrderDocuments;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.persistence.JdbcAuditLog;
import cn.certhall.app.persistence.JdbcMaterialRepository;
import cn.certhall.documents.outside.PdfLimits;
import cn.certhall.documents.template.PdfTemplates;
import cn.certhall.domain.certificate.CertificateRules;
import cn.certhall.domain.material.ContentType;
import cn.certhall.domain.material.Material;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.material.MaterialStore;
import cn.certhall.domain.material.MaterialsNotAcceptedException;
import cn.certhall.domain.material.MissingMaterialsException;
import cn.certhall.domain.material.UploadLimits;
import cn.certhall.domain.material.UploadMessages;
import cn.certhall.domain.material.UploadRules;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 资料上传 as {@link MaterialConfiguration} wires it, on H2 and PostgreSQL with the file store in a
 * temporary directory: bad files get their message and leave nothing, good ones are stored with
 * their hash, a re-upload replaces and the history keeps both.
 */
class MaterialServiceTest {
  /** 1 MB, so the oversized file stays small in the test. */
  static final UploadLimits LIMITS = new UploadLimits(1024 * 1024, 40_000_000, 20, 600, 30);

  @TempDir Path files;

  record Setup(JdbcClient jdbc, OrderService orders, MaterialService materials, Path files) {
    long rows() {
      return jdbc.sql("SELECT COUNT(*) FROM material").query(Long.class).single();
    }

    long storedFiles() throws IOException {
      if (!Files.exists(files)) {
        return 0;
      }
      try (Stream<Path> all = Files.walk(files)) {
        return all.filter(Files::isRegularFile).count();
      }
    }

    /** A new-certificate order at the materials step. */
    Order atMaterialsStep() {
      Order order =
          orders.start(NEW_UNIT_CERTIFICATE, "channel-7", OrderApplications.transfer(CREDIT_CODE));
      orders.move(order.id(), OrderStatus.VERIFIED, HistoryNote.text("test set-up"));
      orders.move(order.id(), OrderStatus.CONFIRMED, HistoryNote.text("test set-up"));
      return orders.move(
          order.id(), OrderStatus.AUTHORIZATION_CODE_ENTERED, HistoryNote.text("test set-up"));
    }
  }

  Setup setup(Kind kind) {
    DataSource ds = TestDatabases.fresh(kind).migrated();
    JdbcClient jdbc = JdbcClient.create(ds);
    PlatformTransactionManager transactions = new DataSourceTransactionManager(ds);
    OrderConfiguration orderConfiguration = new OrderConfiguration();
    var repository = orderConfiguration.orderRepository(jdbc, transactions);
    OrderServiceTest.TickingClock clock = new OrderServiceTest.TickingClock();
    OrderService orders =
        orderConfiguration.orderService(
            repository,
            transactions,
            clock,
            new JdbcAuditLog(jdbc, new TransactionTemplate(transactions), Clock.systemUTC()));
    Path root = files.resolve("materials");
    MaterialService materials =
        new MaterialService(
            orders,
            repository,
            new JdbcMaterialRepository(jdbc),
            new FileSystemMaterialStore(root),
            new UploadRules(new DecodingContentInspector(PdfLimits.DEFAULT), LIMITS),
            OrderConfiguration.transactions(transactions),
            clock);
    return new Setup(jdbc, orders, materials, root);
  }

  static InputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void bad_files_get_their_message_and_nothing_is_stored(Kind kind) throws IOException {
    Setup s = setup(kind);
    String order = s.atMaterialsStep().id();
    byte[] good = UploadSamples.jpeg(UploadSamples.document(1200, 900));
    byte[] oversized = new byte[1024 * 1024 + 1];
    System.arraycopy(good, 0, oversized, 0, Math.min(good.length, oversized.length));

    record Case(String name, byte[] content, String chinese, String english) {}
    var cases =
        new Case[] {
          new Case(
              "renamed .exe",
              UploadSamples.windowsProgram(),
              "该文件是程序文件，不是图片或 PDF。请上传 JPG、PNG 或 PDF 文件",
              "This file is a program"),
          new Case(
              "PNG bomb",
              UploadSamples.pngBomb(100_000, 100_000),
              "图片分辨率过高，像素总数不能超过 40 百万，请缩小后再上传",
              "too many pixels: at most 40 million"),
          new Case(
              "truncated JPEG",
              UploadSamples.truncated(good, 0.6),
              "图片已损坏或不完整，无法打开，请重新拍摄或导出后上传",
              "damaged or incomplete"),
          new Case("oversized", oversized, "文件过大，不能超过 1 MB，请压缩后再上传", "too large: at most 1 MB"),
          new Case("empty", new byte[0], "文件是空的，请重新选择文件上传", "The file is empty"),
        };
    for (Case c : cases) {
      MaterialService.Upload upload =
          s.materials().upload(order, MaterialKind.BUSINESS_LICENSE, in(c.content()));
      assertThat(upload.check().isAccepted()).as(c.name()).isFalse();
      assertThat(upload.material()).as(c.name()).isEmpty();
      assertThat(UploadMessages.message(upload.check(), Locale.SIMPLIFIED_CHINESE))
          .as(c.name())
          .isEqualTo(c.chinese());
      assertThat(UploadMessages.message(upload.check(), Locale.ENGLISH))
          .as(c.name())
          .contains(c.english());
    }
    assertThat(s.rows()).isZero();
    assertThat(s.storedFiles()).isZero();
    assertThat(s.materials().missing(order)).hasSize(5);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void a_good_file_is_stored_under_its_hash_and_a_reupload_keeps_the_history(Kind kind)
      throws IOException {
    Setup s = setup(kind);
    String order = s.atMaterialsStep().id();
    byte[] first = UploadSamples.jpeg(UploadSamples.document(1200, 900));
    byte[] second = UploadSamples.pdf("Business licence, stamped copy");

    Material one =
        s.materials()
            .upload(order, MaterialKind.BUSINESS_LICENSE, in(first))
            .material()
            .orElseThrow();
    Material two =
        s.materials()
            .upload(order, MaterialKind.BUSINESS_LICENSE, in(second))
            .material()
            .orElseThrow();

    assertThat(one.sha256()).isEqualTo(MaterialStore.sha256(first));
    assertThat(one.contentType()).isEqualTo(ContentType.JPEG);
    assertThat(one.version()).isEqualTo(1);
    assertThat(one.size()).isEqualTo(first.length);
    assertThat(two.version()).isEqualTo(2);
    assertThat(two.contentType()).isEqualTo(ContentType.PDF);
    assertThat(s.materials().current(order)).containsExactly(two);
    assertThat(s.materials().history(order)).containsExactly(one, two);
    try (InputStream stored = s.materials().open(one).orElseThrow()) {
      assertThat(stored.readAllBytes()).isEqualTo(first);
    }
    assertThat(s.storedFiles()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_step_completes_only_with_every_material(Kind kind) throws IOException {
    Setup s = setup(kind);
    String order = s.atMaterialsStep().id();
    byte[] photo = UploadSamples.jpeg(UploadSamples.document(1200, 900));
    for (MaterialKind k : MaterialKind.values()) {
      if (k != MaterialKind.SEAL_COLLECTION_FORM) {
        s.materials().upload(order, k, in(photo));
      }
    }
    assertThatThrownBy(() -> s.materials().complete(order))
        .isInstanceOfSatisfying(
            MissingMaterialsException.class,
            e -> assertThat(e.missing()).containsExactly(MaterialKind.SEAL_COLLECTION_FORM));

    s.materials().upload(order, MaterialKind.SEAL_COLLECTION_FORM, in(UploadSamples.pdf("seals")));
    assertThat(s.materials().complete(order).status()).isEqualTo(OrderStatus.MATERIALS_UPLOADED);
    assertThat(s.storedFiles()).as("the same photo is one file").isEqualTo(2);

    s.orders().move(order, OrderStatus.APPLICATION_SIGNED, HistoryNote.text("test set-up"));
    assertThatThrownBy(() -> s.materials().upload(order, MaterialKind.BUSINESS_LICENSE, in(photo)))
        .as("the signed application holds the hashes")
        .isInstanceOf(MaterialsNotAcceptedException.class);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void the_application_form_lists_the_current_files_and_the_confirmation(Kind kind)
      throws IOException {
    Setup s = setup(kind);
    String order = s.atMaterialsStep().id();
    OrderDocuments documents =
        new OrderDocuments(
            s.orders(),
            s.materials(),
            new PdfTemplates("certhall 开发测试", CertificateRules.CHINA_TIME));
    assertThat(text(documents.authorizationLetter(order))).contains("福州测试科技有限公司", "李经办");
    assertThat(text(documents.sealCollectionForm(order))).contains("福州测试科技有限公司", "王管理");

    byte[] replaced = UploadSamples.pdf("first licence");
    s.materials().upload(order, MaterialKind.BUSINESS_LICENSE, in(replaced));
    byte[] licence = UploadSamples.pdf("second licence");
    for (MaterialKind k : MaterialKind.values()) {
      s.materials()
          .upload(
              order,
              k,
              in(k == MaterialKind.BUSINESS_LICENSE ? licence : UploadSamples.pdf(k.name())));
    }
    s.materials().complete(order);
    assertThat(documents.applicationForm(order)).as("not confirmed yet").isEmpty();

    Order signed =
        s.orders().move(order, OrderStatus.APPLICATION_SIGNED, HistoryNote.text("test set-up"));
    Instant confirmed = signed.history().get(signed.history().size() - 1).at();
    String form = text(documents.applicationForm(order).orElseThrow());
    assertThat(form)
        .contains("福州测试科技有限公司", "单位证书新办", "企业对公打款")
        .contains(MaterialStore.sha256(licence))
        .doesNotContain(MaterialStore.sha256(replaced))
        .contains(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(confirmed.atZone(CertificateRules.CHINA_TIME)));
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void no_upload_before_the_materials_step(Kind kind) {
    Setup s = setup(kind);
    Order order =
        s.orders()
            .start(NEW_UNIT_CERTIFICATE, "channel-7", OrderApplications.transfer(CREDIT_CODE));
    assertThatThrownBy(
            () ->
                s.materials()
                    .upload(order.id(), MaterialKind.BUSINESS_LICENSE, in(UploadSamples.pdf("x"))))
        .isInstanceOf(MaterialsNotAcceptedException.class);
    assertThat(s.rows()).isZero();
  }
}

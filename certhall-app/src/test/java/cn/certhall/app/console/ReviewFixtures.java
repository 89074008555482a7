package cn.certhall.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.app.OrderApplications;
import cn.certhall.app.RunningApp;
import cn.certhall.app.material.UploadSamples;
import cn.certhall.app.sealmaking.SealServiceTest;
import cn.certhall.domain.identity.UnifiedSocialCreditCode;
import cn.certhall.domain.material.MaterialKind;
import cn.certhall.domain.material.MaterialService;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.HistoryNote;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderService;
import cn.certhall.domain.order.OrderStatus;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders at 等待审核 with real uploaded materials, for the console's tests. */
public final class ReviewFixtures {
  /** The handler's mobile of {@link OrderApplications#transfer}. */
  public static final String HANDLER_MOBILE = "13800138001";

  private ReviewFixtures() {}

  /** A credit code with a valid check character: the 17 given characters and the one that fits. */
  public static String creditCode(String first17) {
    for (char c : UnifiedSocialCreditCode.CHARACTERS.toCharArray()) {
      if (UnifiedSocialCreditCode.validate(first17 + c).isValid()) {
        return first17 + c;
      }
    }
    throw new AssertionError("no check character for " + first17);
  }

  /**
   * An order at 等待审核 with its materials uploaded through the material service: images, the
   * authorization letter as a PDF, the business licence twice (the first upload is history) and the
   * seal collection form with a red impression.
   */
  public static Order waitingOrderWithMaterials(RunningApp app, String creditCode)
      throws Exception {
    OrderService orders = app.bean(OrderService.class);
    MaterialService materials = app.bean(MaterialService.class);
    Order order =
        orders.start(
            BusinessType.NEW_UNIT_CERTIFICATE, "demo", OrderApplications.transfer(creditCode));
    for (OrderStatus to :
        List.of(
            OrderStatus.VERIFIED, OrderStatus.CONFIRMED, OrderStatus.AUTHORIZATION_CODE_ENTERED)) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    Map<MaterialKind, byte[]> files = new LinkedHashMap<>();
    files.put(MaterialKind.HANDLER_ID_FRONT, UploadSamples.png(UploadSamples.document(1000, 640)));
    files.put(MaterialKind.HANDLER_ID_BACK, UploadSamples.png(UploadSamples.document(1000, 640)));
    files.put(MaterialKind.AUTHORIZATION_LETTER, UploadSamples.pdf("authorization letter"));
    files.put(MaterialKind.SEAL_COLLECTION_FORM, SealServiceTest.form(true));
    upload(
        app,
        order.id(),
        MaterialKind.BUSINESS_LICENSE,
        UploadSamples.jpeg(UploadSamples.document(1200, 900)));
    upload(
        app,
        order.id(),
        MaterialKind.BUSINESS_LICENSE,
        UploadSamples.png(UploadSamples.document(1200, 900)));
    for (Map.Entry<MaterialKind, byte[]> f : files.entrySet()) {
      upload(app, order.id(), f.getKey(), f.getValue());
    }
    materials.complete(order.id());
    for (OrderStatus to :
        List.of(OrderStatus.APPLICATION_SIGNED, OrderStatus.PAID, OrderStatus.WAITING_FOR_REVIEW)) {
      orders.move(order.id(), to, HistoryNote.text("test set-up"));
    }
    return order;
  }

  public static void upload(RunningApp app, String orderId, MaterialKind kind, byte[] file)
      throws Exception {
    MaterialService.Upload upload =
        app.bean(MaterialService.class).upload(orderId, kind, new ByteArrayInputStream(file));
    assertThat(upload.material()).as(kind + " accepted").isPresent();
  }
}

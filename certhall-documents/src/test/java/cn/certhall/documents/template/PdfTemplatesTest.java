package cn.certhall.documents.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Each template opens in PDFBox, embeds the font as a subset and carries the order's data as text.
 */
class PdfTemplatesTest {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  static final PdfTemplates TEMPLATES = new PdfTemplates("certhall 开发测试 CA", CHINA);
  static final Particulars ORDER =
      new Particulars(
          "CH20261127ABCDEFGHJKLM",
          "单位证书新办",
          "channel-7",
          "福州测试科技有限公司",
          "91350100M000100Y43",
          new Person("张法人", "身份证", "11010519491231002X", null),
          new Person("李经办", "身份证", "110101199003071234", "13800138001"),
          "jb@example.cn",
          new Person("王管理", "护照", "E12345678", "13900139002"),
          "企业对公打款",
          "管理员银行卡");

  static String text(byte[] pdf) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(document);
    }
  }

  /** Every font in the document, which must be the CJK font, embedded as a subset. */
  static List<PDFont> fonts(byte[] pdf) throws IOException {
    List<PDFont> fonts = new ArrayList<>();
    try (PDDocument document = Loader.loadPDF(pdf)) {
      for (PDPage page : document.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          fonts.add(page.getResources().getFont(name));
        }
      }
    }
    return fonts;
  }

  static void embedsTheFontAsASubset(byte[] pdf) throws IOException {
    List<PDFont> fonts = fonts(pdf);
    assertThat(fonts).isNotEmpty();
    for (PDFont font : fonts) {
      assertThat(font).isInstanceOf(PDType0Font.class);
      assertThat(font.isEmbedded()).isTrue();
      assertThat(font.getName()).matches("[A-Z]{6}\\+.*");
    }
  }

  @Test
  void the_authorization_letter_names_the_organization_and_the_handler() throws IOException {
    byte[] pdf = TEMPLATES.authorizationLetter(ORDER);
    String text = text(pdf);
    assertThat(text)
        .contains("单位授权委托书", "福州测试科技有限公司", "91350100M000100Y43", "李经办", "110101199003071234", "张法人")
        .contains("CH20261127ABCDEFGHJKLM");
    embedsTheFontAsASubset(pdf);
    assertThat(pdf.length).as("a subset, not the 4.7 MB font").isLessThan(200_000);
  }

  @Test
  void the_payment_receipt_shows_the_payment_in_china_time() throws IOException {
    byte[] pdf =
        TEMPLATES.paymentReceipt(
            new PaymentReceipt(
                "CH20261127ABCDEFGHJKLM",
                "福州测试科技有限公司",
                "500.00",
                "支付宝",
                Instant.parse("2026-11-27T02:06:21Z"),
                "SBX-PY23456789ABCDEFGHJKLM"));
    assertThat(text(pdf).replaceAll("\\s+", ""))
        .contains(
            "支付凭证",
            "订单号：CH20261127ABCDEFGHJKLM",
            "付款单位：福州测试科技有限公司",
            "收款单位：certhall开发测试CA",
            "支付金额：500.00元",
            "支付方式：支付宝",
            "支付时间：2026-11-2710:06:21（北京时间）",
            "交易流水号：SBX-PY23456789ABCDEFGHJKLM");
    embedsTheFontAsASubset(pdf);
  }

  @Test
  void the_seal_collection_form_names_the_organization() throws IOException {
    byte[] pdf = TEMPLATES.sealCollectionForm(ORDER);
    assertThat(text(pdf)).contains("印章采集表", "福州测试科技有限公司", "王管理", "印模一", "印模二");
    embedsTheFontAsASubset(pdf);
  }

  @Test
  void the_application_form_carries_the_hashes_and_the_time_of_confirmation() throws IOException {
    String licence = "3a".repeat(32);
    String idFront = "0f".repeat(32);
    byte[] pdf =
        TEMPLATES.applicationForm(
            ORDER,
            List.of(
                new UploadedFile(
                    "营业执照", "JPG", 345_678, licence, Instant.parse("2026-11-27T02:00:00Z")),
                new UploadedFile(
                    "经办人身份证正面", "PNG", 1_234, idFront, Instant.parse("2026-11-27T02:01:00Z"))),
            Instant.parse("2026-11-27T03:04:05Z"));
    String text = text(pdf);
    assertThat(text)
        .contains("单位数字证书申请表", "福州测试科技有限公司", "91350100M000100Y43")
        .contains(licence, idFront)
        .contains("2026-11-27 11:04:05")
        .contains("营业执照", "经办人身份证正面", "jb@example.cn");
    embedsTheFontAsASubset(pdf);
  }

  @Test
  void a_character_outside_the_font_is_a_box_not_a_failure() throws IOException {
    Particulars rare =
        new Particulars(
            ORDER.orderId(),
            ORDER.businessType(),
            ORDER.channelId(),
            "喆𠀀科技有限公司",
            ORDER.creditCode(),
            ORDER.legalRepresentative(),
            ORDER.handler(),
            ORDER.handlerEmail(),
            ORDER.administrator(),
            ORDER.enterpriseVerification(),
            ORDER.administratorVerification());
    assertThat(text(TEMPLATES.sealCollectionForm(rare))).contains("□□科技有限公司");
  }

  @Test
  void a_long_form_flows_onto_a_second_page() throws IOException {
    List<UploadedFile> many = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      many.add(
          new UploadedFile(
              "营业执照", "PDF", i + 1, "ab".repeat(32), Instant.parse("2026-11-27T02:00:00Z")));
    }
    byte[] pdf = TEMPLATES.applicationForm(ORDER, many, Instant.parse("2026-11-27T03:04:05Z"));
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isGreaterThan(1);
    }
    assertThat(text(pdf)).contains("申请确认");
  }
}

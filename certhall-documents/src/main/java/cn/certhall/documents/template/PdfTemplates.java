package cn.certhall.documents.template;

import cn.certhall.documents.CjkFont;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The PDFs of the materials step (SPEC 3.1 steps 6 and 7): the 单位授权委托书 and the 印章采集表, pre-filled
 * from the order for the applicant to print, sign and stamp, and the confirmed 申请表 with the hashes
 * of the uploaded files and the time of confirmation.
 *
 * <p>Every text is set in {@link CjkFont}, embedded as a subset (PDType0Font, with a ToUnicode map)
 * so the PDFs print the same everywhere and their text can be searched and extracted. A character
 * the font lacks (outside GB 2312) is printed as □, for the applicant to write in by hand; the
 * portal warns about such names before (see {@link CjkFont#canDisplay}).
 *
 * <p>The documents carry the full ID numbers and mobiles: they are the signed paperwork of the
 * application, as a paper form would be, and are downloaded only by the verified applicant.
 */
public final class PdfTemplates {
  private static final float MARGIN = 56;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final String caName;
  private final ZoneId zone;

  /**
   * @param caName the certificate authority the letter is addressed to
   * @param zone the time zone times are printed in (China time)
   */
  public PdfTemplates(String caName, ZoneId zone) {
    this.caName = Objects.requireNonNull(caName, "caName");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** 单位授权委托书: the organization authorizes the handler to apply; signed and stamped by hand. */
  public byte[] authorizationLetter(Particulars p) {
    return render(
        "单位授权委托书",
        p,
        page -> {
          page.title("单位授权委托书");
          page.gap(10);
          page.paragraph("致：" + caName);
          Person h = p.handler();
          page.paragraph(
              "兹授权"
                  + h.name()
                  + "（"
                  + h.idType()
                  + "："
                  + h.idNumber()
                  + "）为我单位"
                  + p.organizationName()
                  + "的经办人，代表我单位办理单位数字证书（单位云证书）"
                  + p.businessType()
                  + "业务，包括填写申请、提交资料、确认申请及领取结果。经办人在办理上述事项中签署的文件"
                  + "和提交的资料，我单位均予以认可，并承担相应的法律责任。");
          page.paragraph("委托期限：自本委托书签署之日起至本次业务办理完毕之日止。经办人无转委托权。");
          page.gap(8);
          page.row("单位名称", p.organizationName());
          page.row("统一社会信用代码", p.creditCode());
          page.row("法定代表人", p.legalRepresentative().name());
          page.row("法定代表人证件号码", p.legalRepresentative().idNumber());
          page.row("经办人", h.name());
          page.row("经办人证件", h.idType() + " " + h.idNumber());
          page.row("经办人手机", h.mobile());
          page.row("订单号", p.orderId());
          page.gap(36);
          page.paragraph("法定代表人（签字）：____________________        单位（盖章）：");
          page.gap(60);
          page.paragraph("日期：________年____月____日");
        });
  }

  /** 印章采集表: the seal impressions the electronic seal is made from. */
  public byte[] sealCollectionForm(Particulars p) {
    return render(
        "印章采集表",
        p,
        page -> {
          page.title("印章采集表");
          page.gap(10);
          page.row("单位名称", p.organizationName());
          page.row("统一社会信用代码", p.creditCode());
          page.row("证书及印章管理员", p.administrator().name());
          page.row("管理员手机", p.administrator().mobile());
          page.row("订单号", p.orderId());
          page.gap(8);
          page.paragraph(
              "请在下方两个方框内各加盖一次需制作电子印章的单位印章（公章），印迹清晰完整、"
                  + "不重叠、不出框。电子印章将依据此印迹制作；印迹不清的，将按单位名称制作标准圆形印章。");
          page.gap(8);
          page.boxes(2, 170, "印模一", "印模二");
          page.gap(24);
          page.paragraph("法定代表人（签字）：____________________        单位（盖章）：");
          page.gap(60);
          page.paragraph("日期：________年____月____日");
        });
  }

  /**
   * 申请表: the application as the handler confirmed it with the SMS code, the uploaded files with
   * their SHA-256, and the time of confirmation.
   */
  public byte[] applicationForm(Particulars p, List<UploadedFile> files, Instant confirmedAt) {
    Objects.requireNonNull(confirmedAt, "confirmedAt");
    return render(
        "单位数字证书申请表",
        p,
        page -> {
          page.title("单位数字证书申请表");
          page.gap(6);
          page.row("订单号", p.orderId());
          page.row("业务类型", p.businessType());
          page.row("渠道", p.channelId());
          page.heading("单位信息");
          page.row("单位名称", p.organizationName());
          page.row("统一社会信用代码", p.creditCode());
          page.row("法定代表人", p.legalRepresentative().name());
          page.row("法定代表人证件号码", p.legalRepresentative().idNumber());
          page.row("企业认证方式", p.enterpriseVerification());
          page.heading("经办人");
          person(page, p.handler());
          page.row("电子邮箱", p.handlerEmail());
          page.heading("证书及印章管理员");
          person(page, p.administrator());
          page.row("管理员认证方式", p.administratorVerification());
          page.heading("上传资料（SHA-256）");
          for (UploadedFile f : files) {
            page.row(
                f.kind(),
                f.format()
                    + "，"
                    + f.size()
                    + " 字节，上传于 "
                    + SECONDS.format(f.uploadedAt().atZone(zone)));
            page.small(f.sha256());
          }
          page.heading("申请确认");
          page.paragraph(
              "经办人已于 "
                  + SECONDS.format(confirmedAt.atZone(zone))
                  + "（北京时间）通过发送至其手机的短信验证码"
                  + "确认本申请表所列信息及上传资料真实、准确、完整，并同意按上述信息申请单位数字证书。");
        });
  }

  /**
   * 支付凭证: the payment of an order's fee, for the payer's accounts; the invoice (发票) is the CA's
   * separate document.
   */
  public byte[] paymentReceipt(PaymentReceipt r) {
    return render(
        "支付凭证",
        r.orderId(),
        page -> {
          page.title("支付凭证");
          page.gap(6);
          page.row("订单号", r.orderId());
          page.row("付款单位", r.organizationName());
          page.row("收款单位", caName);
          page.row("支付金额", r.amountYuan() + " 元");
          page.row("支付方式", r.method());
          page.row("支付时间", SECONDS.format(r.paidAt().atZone(zone)) + "（北京时间）");
          page.row("交易流水号", r.transactionId());
          page.gap(8);
          page.paragraph("款项为证书费用，已支付成功。本凭证不作为发票使用。");
        });
  }

  /**
   * A report (the 出证报告) laid out as the other documents are: the title, the reference, and each
   * section's rows, small lines and paragraphs, flowing onto new pages as needed.
   */
  public byte[] report(ReportDocument report) {
    return render(
        report.title(),
        report.reference(),
        page -> {
          page.title(report.title());
          page.centred(report.reference());
          for (ReportDocument.Section section : report.sections()) {
            page.heading(section.heading());
            for (ReportDocument.Entry entry : section.entries()) {
              if (entry instanceof ReportDocument.Row r) {
                page.row(r.label(), r.value());
              } else if (entry instanceof ReportDocument.Small s) {
                page.small(s.text());
              } else if (entry instanceof ReportDocument.Paragraph t) {
                page.paragraph(t.text());
              }
            }
          }
        });
  }

  private static void person(Page page, Person person) throws IOException {
    page.row("姓名", person.name());
    page.row("证件", person.idType() + " " + person.idNumber());
    if (person.mobile() != null) {
      page.row("手机号码", person.mobile());
    }
  }

  private interface Content {
    void write(Page page) throws IOException;
  }

  private byte[] render(String title, Particulars p, Content content) {
    return render(title, p.orderId(), content);
  }

  private byte[] render(String title, String orderId, Content content) {
    try (PDDocument document = new PDDocument()) {
      PDType0Font font;
      try (InputStream in = CjkFont.open()) {
        font = PDType0Font.load(document, in, true);
      }
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle(title + " " + orderId);
      info.setCreator("certhall");
      Page page = new Page(document, font);
      try {
        content.write(page);
      } finally {
        page.close();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + title, e);
    }
  }

  /** A cursor over A4 pages: text flows down and onto a new page when one is full. */
  private static final class Page {
    private static final float BODY = 11;
    private static final float LABEL_WIDTH = 130;

    private final PDDocument document;
    private final PDType0Font font;
    private PDPageContentStream stream;
    private float y;

    Page(PDDocument document, PDType0Font font) throws IOException {
      this.document = document;
      this.font = font;
      newPage();
    }

    void title(String text) throws IOException {
      float size = 18;
      float width = font.getStringWidth(printable(text)) / 1000 * size;
      text((PDRectangle.A4.getWidth() - width) / 2, size, text);
      y -= 8;
    }

    void heading(String text) throws IOException {
      gap(8);
      text(MARGIN, 12.5f, text);
      line();
    }

    void row(String label, String value) throws IOException {
      List<String> lines = wrap(value == null ? "" : value, BODY, contentWidth() - LABEL_WIDTH);
      // a label longer than its column wraps within it, never into the value
      List<String> labels = wrap(label + "：", BODY, LABEL_WIDTH - 6);
      need(Math.max(lines.size(), labels.size()) * BODY * 1.6f);
      float top = y;
      for (String line : labels) {
        text(MARGIN, BODY, line);
      }
      float labelEnd = y;
      y = top;
      for (String line : lines) {
        text(MARGIN + LABEL_WIDTH, BODY, line);
      }
      y = Math.min(y, labelEnd);
    }

    void small(String text) throws IOException {
      for (String line : wrap(text, 8, contentWidth() - LABEL_WIDTH)) {
        text(MARGIN + LABEL_WIDTH, 8, line);
      }
    }

    void centred(String text) throws IOException {
      float size = 9;
      float width = font.getStringWidth(printable(text)) / 1000 * size;
      text((PDRectangle.A4.getWidth() - width) / 2, size, text);
    }

    void paragraph(String text) throws IOException {
      for (String line : wrap(text, BODY, contentWidth())) {
        text(MARGIN, BODY, line);
      }
      y -= 4;
    }

    void gap(float points) {
      y -= points;
    }

    void boxes(int count, float side, String... captions) throws IOException {
      need(side + 30);
      float spacing = (contentWidth() - count * side) / (count + 1);
      for (int i = 0; i < count; i++) {
        float x = MARGIN + spacing + i * (side + spacing);
        stream.addRect(x, y - side, side, side);
        stream.stroke();
        write(x, y - side - 16, BODY, captions[i]);
      }
      y -= side + 24;
    }

    void close() throws IOException {
      stream.close();
    }

    /** A rule under the line of text just written (y is its baseline). */
    private void line() throws IOException {
      stream.moveTo(MARGIN, y - 4);
      stream.lineTo(PDRectangle.A4.getWidth() - MARGIN, y - 4);
      stream.stroke();
      y -= 6;
    }

    private void text(float x, float size, String text) throws IOException {
      need(size * 1.6f);
      y -= size * 1.6f;
      write(x, y, size, text);
    }

    private void write(float x, float atY, float size, String text) throws IOException {
      stream.beginText();
      stream.setFont(font, size);
      stream.newLineAtOffset(x, atY);
      stream.showText(printable(text));
      stream.endText();
    }

    private void need(float height) throws IOException {
      if (y - height < MARGIN) {
        stream.close();
        newPage();
      }
    }

    private void newPage() throws IOException {
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      stream = new PDPageContentStream(document, page);
      stream.setLineWidth(0.6f);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private float contentWidth() {
      return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    /** Breaks {@code text} into lines of at most {@code width} points, at any character. */
    private List<String> wrap(String text, float size, float width) throws IOException {
      String printable = printable(text);
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      float lineWidth = 0;
      for (int i = 0; i < printable.length(); ) {
        int codePoint = printable.codePointAt(i);
        String ch = new String(Character.toChars(codePoint));
        float w = font.getStringWidth(ch) / 1000 * size;
        if (lineWidth + w > width && line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
          lineWidth = 0;
        }
        line.append(ch);
        lineWidth += w;
        i += Character.charCount(codePoint);
      }
      if (line.length() > 0 || lines.isEmpty()) {
        lines.add(line.toString());
      }
      return lines;
    }

    /** The text with each character the font lacks replaced by □. */
    private static String printable(String text) {
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints()
          .forEach(
              c -> {
                String ch = new String(Character.toChars(c));
                out.append(CjkFont.canDisplay(ch) && !Character.isISOControl(c) ? ch : "□");
              });
      return out.toString();
    }
  }
}

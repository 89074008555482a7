package cn.certhall.documents.outside;

import static org.assertj.core.api.Assertions.assertThat;

import cn.certhall.documents.outside.ActiveContent.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDPageAdditionalActions;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.Test;

/** Active content found wherever it hangs; a plain document has none. */
class ActiveContentTest {

  static byte[] pdf(Consumer<PDDocument> change) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage());
      change.accept(doc);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static java.util.Set<Kind> found(byte[] pdf) throws IOException {
    return ActiveContent.in(pdf, PdfLimits.DEFAULT);
  }

  @Test
  void aPlainDocumentHasNone() throws IOException {
    assertThat(found(pdf(doc -> {}))).isEmpty();
  }

  @Test
  void scriptsAreFoundInTheOpenActionAPagesActionsALinkAndTheNameTree() throws IOException {
    assertThat(
            found(
                pdf(
                    doc ->
                        doc.getDocumentCatalog()
                            .setOpenAction(new PDActionJavaScript("app.alert(1)")))))
        .containsExactly(Kind.JAVASCRIPT);
    assertThat(
            found(
                pdf(
                    doc -> {
                      PDPageAdditionalActions aa = new PDPageAdditionalActions();
                      aa.setO(new PDActionJavaScript("app.alert(2)"));
                      doc.getPage(0).setActions(aa);
                    })))
        .containsExactly(Kind.JAVASCRIPT);
    assertThat(
            found(
                pdf(
                    doc -> {
                      PDAnnotationLink link = new PDAnnotationLink();
                      link.setAction(new PDActionJavaScript("app.alert(3)"));
                      doc.getPage(0).setAnnotations(List.of(link));
                    })))
        .containsExactly(Kind.JAVASCRIPT);
    assertThat(
            found(
                pdf(
                    doc -> {
                      COSDictionary names = new COSDictionary();
                      names.setItem(COSName.getPDFName("JavaScript"), new COSDictionary());
                      doc.getDocumentCatalog().getCOSObject().setItem(COSName.NAMES, names);
                    })))
        .containsExactly(Kind.JAVASCRIPT);
  }

  @Test
  void launchActionsEmbeddedFilesXfaAndRichMediaAreFound() throws IOException {
    assertThat(found(pdf(doc -> doc.getDocumentCatalog().setOpenAction(new PDActionLaunch()))))
        .containsExactly(Kind.LAUNCH);
    assertThat(
            found(
                pdf(
                    doc -> {
                      COSDictionary names = new COSDictionary();
                      names.setItem(COSName.getPDFName("EmbeddedFiles"), new COSDictionary());
                      doc.getDocumentCatalog().getCOSObject().setItem(COSName.NAMES, names);
                    })))
        .containsExactly(Kind.EMBEDDED_FILE);
    assertThat(
            found(
                pdf(
                    doc -> {
                      COSDictionary form = new COSDictionary();
                      form.setItem(COSName.getPDFName("XFA"), new COSDictionary());
                      doc.getDocumentCatalog().getCOSObject().setItem(COSName.ACRO_FORM, form);
                    })))
        .containsExactly(Kind.XFA);
    assertThat(
            found(
                pdf(
                    doc -> {
                      COSDictionary media = new COSDictionary();
                      media.setItem(COSName.TYPE, COSName.ANNOT);
                      media.setItem(COSName.SUBTYPE, COSName.getPDFName("RichMedia"));
                      var annots = new org.apache.pdfbox.cos.COSArray();
                      annots.add(media);
                      doc.getPage(0).getCOSObject().setItem(COSName.ANNOTS, annots);
                    })))
        .containsExactly(Kind.RICH_MEDIA);
  }
}

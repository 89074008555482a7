package cn.certhall.documents.outside;

import java.io.IOException;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * What in a PDF could act rather than be read: scripts, programs to launch, files carried inside,
 * XFA forms and rich media. Every indirect object in the cross-reference table is looked at, with
 * the direct objects inside it, so an action is found wherever it hangs (the catalog's OpenAction
 * or AA, the JavaScript name tree, a page's or an annotation's AA, a link, a form field), not only
 * where a viewer would start it.
 */
public final class ActiveContent {
  private ActiveContent() {}

  /** A kind of active content. */
  public enum Kind {
    /** A JavaScript action or name-tree entry. */
    JAVASCRIPT,
    /** A Launch action: opens a file or runs a program. */
    LAUNCH,
    /** An embedded file (a file attachment, or the EmbeddedFiles name tree). */
    EMBEDDED_FILE,
    /** An XFA form (XML forms with their own scripting). */
    XFA,
    /** Rich media, movies, sounds, screens or 3D annotations (players and their scripts). */
    RICH_MEDIA
  }

  private static final int MAX_DEPTH = 64;
  private static final COSName JS = COSName.getPDFName("JS");
  private static final COSName JAVASCRIPT = COSName.getPDFName("JavaScript");
  private static final COSName LAUNCH = COSName.getPDFName("Launch");
  private static final COSName EMBEDDED_FILES = COSName.getPDFName("EmbeddedFiles");
  private static final COSName EMBEDDED_FILE = COSName.getPDFName("EmbeddedFile");
  private static final COSName EF = COSName.getPDFName("EF");
  private static final COSName FILE_ATTACHMENT = COSName.getPDFName("FileAttachment");
  private static final COSName XFA = COSName.getPDFName("XFA");
  private static final Set<COSName> MEDIA =
      Set.of(
          COSName.getPDFName("RichMedia"),
          COSName.getPDFName("Movie"),
          COSName.getPDFName("Sound"),
          COSName.getPDFName("Screen"),
          COSName.getPDFName("3D"),
          COSName.getPDFName("RichMediaExecute"));

  /**
   * The kinds found in {@code pdf}, read under {@code limits}.
   *
   * @throws IOException if PDFBox cannot read it
   * @throws PdfRefusedException if reading it costs more than the limits allow
   */
  public static Set<Kind> in(byte[] pdf, PdfLimits limits) throws IOException {
    return OutsidePdf.read(pdf, limits, ActiveContent::in);
  }

  /** The kinds found; empty for a document that only shows. Runs under the caller's budget. */
  public static Set<Kind> in(PDDocument document) {
    Set<Kind> found = EnumSet.noneOf(Kind.class);
    Map<COSBase, Boolean> seen = new IdentityHashMap<>();
    walk(document.getDocument().getTrailer(), 0, found, seen);
    for (COSObjectKey key : document.getDocument().getXrefTable().keySet()) {
      COSObject object = document.getDocument().getObjectFromPool(key);
      walk(object == null ? null : object.getObject(), 0, found, seen);
    }
    return found;
  }

  private static void walk(COSBase base, int depth, Set<Kind> found, Map<COSBase, Boolean> seen) {
    // indirect objects are each visited from the table; only direct ones are followed here
    if (base == null
        || base instanceof COSObject
        || depth > MAX_DEPTH
        || seen.put(base, true) != null) {
      return;
    }
    if (base instanceof COSArray array) {
      for (int i = 0; i < array.size(); i++) {
        walk(array.get(i), depth + 1, found, seen);
      }
      return;
    }
    if (!(base instanceof COSDictionary dict)) {
      return;
    }
    look(dict, found);
    for (COSBase value : dict.getValues()) {
      walk(value, depth + 1, found, seen);
    }
  }

  private static void look(COSDictionary dict, Set<Kind> found) {
    COSName action = dict.getCOSName(COSName.S);
    COSName subtype = dict.getCOSName(COSName.SUBTYPE);
    // a JS entry: a JavaScript or Rendition action's script; a JavaScript entry: the Names
    // dictionary's name tree of scripts run when the document opens
    if (JAVASCRIPT.equals(action) || dict.containsKey(JS) || dict.containsKey(JAVASCRIPT)) {
      found.add(Kind.JAVASCRIPT);
    }
    if (LAUNCH.equals(action)) {
      found.add(Kind.LAUNCH);
    }
    if (dict.containsKey(EMBEDDED_FILES)
        || dict.containsKey(EF)
        || EMBEDDED_FILE.equals(dict.getCOSName(COSName.TYPE))
        || FILE_ATTACHMENT.equals(subtype)) {
      found.add(Kind.EMBEDDED_FILE);
    }
    if (dict.containsKey(XFA)) {
      found.add(Kind.XFA);
    }
    if (subtype != null && MEDIA.contains(subtype) || action != null && MEDIA.contains(action)) {
      found.add(Kind.RICH_MEDIA);
    }
  }
}

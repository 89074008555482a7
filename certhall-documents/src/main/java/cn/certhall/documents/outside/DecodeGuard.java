package cn.certhall.documents.outside;

import cn.certhall.documents.outside.PdfRefusedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.DecodeOptions;
import org.apache.pdfbox.filter.DecodeResult;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Puts a meter between every PDFBox filter and the bytes it decodes, so a limit holds <i>while</i>
 * inflating. PDFBox 3 decodes a stream wholly into memory before anyone reads it (the parser does
 * so for cross-reference and object streams while loading, before the caller sees the document),
 * and offers no hook for a limit; its only way to a filter is {@link FilterFactory#INSTANCE}, so
 * each filter there is wrapped once, when this class loads. The wrapper does nothing unless the
 * current thread works on an outside PDF ({@link OutsidePdf}); then it counts decoded bytes against
 * the document's {@link Budget}, checks the time budget, and refuses images declaring too many
 * pixels before their decoder allocates them. If PDFBox's internals ever change so the wrappers
 * cannot be installed, loading this class fails: outside PDFs are then refused rather than read
 * unguarded.
 */
final class DecodeGuard {
  private static final ThreadLocal<Budget> CURRENT = new ThreadLocal<>();
  private static final Set<COSName> IMAGE_CODECS =
      Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION, COSName.JPX_DECODE);

  static {
    install();
  }

  private DecodeGuard() {}

  private static void install() {
    try {
      Field field = FilterFactory.class.getDeclaredField("filters");
      field.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<COSName, Filter> filters = (Map<COSName, Filter>) field.get(FilterFactory.INSTANCE);
      // values replaced in place, no rehash: a concurrent lookup sees the old filter or the new
      filters.replaceAll(
          (name, filter) -> filter instanceof Metered ? filter : new Metered(name, filter));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot guard PDFBox's filters; outside PDFs stay refused", e);
    }
  }

  static Budget current() {
    return CURRENT.get();
  }

  static void enter(Budget budget) {
    CURRENT.set(budget);
  }

  static void leave() {
    CURRENT.remove();
  }

  /** What one outside document (and what it opens while open) may still decode. */
  static final class Budget {
    private final PdfLimits limits;
    private final long deadline;
    private long decoded;
    private PdfRefusedException refusal;

    Budget(PdfLimits limits) {
      this.limits = limits;
      // a span of elapsed time, not a point in time: the monotonic clock, whatever the wall clock
      // does
      this.deadline = System.nanoTime() + limits.timeBudget().toNanos();
    }

    PdfLimits limits() {
      return limits;
    }

    /** Refuses now, and every later decode of this document, whoever catches the first throw. */
    PdfRefusedException refuse(Reason reason, String detail) {
      if (refusal == null) {
        refusal = new PdfRefusedException(reason, detail);
      }
      return refusal;
    }

    void throwIfRefused() {
      if (refusal != null) {
        throw refusal;
      }
    }

    void checkTime() {
      if (System.nanoTime() - deadline > 0) {
        throw refuse(Reason.TOO_SLOW, "beyond " + limits.timeBudget());
      }
    }

    void checkPixels(long width, long height) {
      if (width > 0 && height > 0 && width * height > limits.maxImagePixels()) {
        throw refuse(
            Reason.IMAGE_TOO_LARGE,
            width + "x" + height + " pixels, limit " + limits.maxImagePixels());
      }
    }

    private void count(long streamBytes, int more) {
      decoded += more;
      if (streamBytes > limits.maxStreamBytes()) {
        throw refuse(
            Reason.DECODED_TOO_LARGE, "a stream beyond " + limits.maxStreamBytes() + " bytes");
      }
      if (decoded > limits.maxDocumentBytes()) {
        throw refuse(
            Reason.DECODED_TOO_LARGE, "streams beyond " + limits.maxDocumentBytes() + " bytes");
      }
    }
  }

  /** A filter whose output is counted when an outside document is being read. */
  private static final class Metered extends Filter {
    private final COSName name;
    private final Filter delegate;

    Metered(COSName name, Filter delegate) {
      this.name = name;
      this.delegate = delegate;
    }

    @Override
    public DecodeResult decode(
        InputStream encoded, OutputStream decoded, COSDictionary parameters, int index)
        throws IOException {
      return decode(encoded, decoded, parameters, index, DecodeOptions.DEFAULT);
    }

    @Override
    public DecodeResult decode(
        InputStream encoded,
        OutputStream decoded,
        COSDictionary parameters,
        int index,
        DecodeOptions options)
        throws IOException {
      Budget budget = CURRENT.get();
      if (budget == null) {
        return delegate.decode(encoded, decoded, parameters, index, options);
      }
      budget.throwIfRefused();
      budget.checkTime();
      InputStream source = encoded;
      if (parameters != null) {
        // an image's dictionary (or an inline image's W/H) declares the raster its decoder
        // allocates
        budget.checkPixels(
            parameters.getLong(COSName.WIDTH, parameters.getLong(COSName.W, -1)),
            parameters.getLong(COSName.HEIGHT, parameters.getLong(COSName.H, -1)));
      }
      if (IMAGE_CODECS.contains(name)) {
        // a JPEG's own header may declare more than the dictionary does, and wins
        byte[] bytes = encoded.readAllBytes();
        long pixels = HeaderFirstImage.declaredPixels(bytes);
        budget.checkPixels(pixels, 1);
        source = new ByteArrayInputStream(bytes);
      }
      return delegate.decode(source, new Meter(decoded, budget), parameters, index, options);
    }

    @Override
    protected void encode(InputStream input, OutputStream encoded, COSDictionary parameters)
        throws IOException {
      delegate.encode(input, encoded, parameters, 0);
    }
  }

  /** Counts what a filter writes and stops it at the limits. */
  private static final class Meter extends FilterOutputStream {
    private static final long TIME_CHECK_EVERY = 1 << 20;
    private final Budget budget;
    private long written;
    private long nextTimeCheck = TIME_CHECK_EVERY;

    Meter(OutputStream out, Budget budget) {
      super(out);
      this.budget = budget;
    }

    @Override
    public void write(int b) throws IOException {
      account(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      account(len);
      out.write(b, off, len);
    }

    private void account(int n) {
      written += n;
      budget.count(written, n);
      if (written >= nextTimeCheck) {
        nextTimeCheck = written + TIME_CHECK_EVERY;
        budget.checkTime();
      }
    }
  }
}

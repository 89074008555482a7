package cn.certhall.documents.template;

import java.util.List;
import java.util.Objects;

/**
 * A report as text to set on A4 pages (the 出证报告): a title, a reference printed under it, and
 * sections of labelled rows, small lines (hashes) and paragraphs. The caller chooses the words, in
 * the reader's language; {@link PdfTemplates#report} only lays them out.
 */
public record ReportDocument(String title, String reference, List<Section> sections) {

  public ReportDocument {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(reference, "reference");
    sections = List.copyOf(sections);
  }

  public record Section(String heading, List<Entry> entries) {
    public Section {
      Objects.requireNonNull(heading, "heading");
      entries = List.copyOf(entries);
    }
  }

  /** One thing in a section. */
  public sealed interface Entry {}

  /** A label and its value, the value wrapped beside the label. */
  public record Row(String label, String value) implements Entry {}

  /** A line in small type under the row before (a hash, a chain link), wrapped if long. */
  public record Small(String text) implements Entry {}

  /** Running text across the page. */
  public record Paragraph(String text) implements Entry {}
}

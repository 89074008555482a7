package cn.certhall.app.web;

import cn.certhall.domain.order.HistoryNote;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Shows a status history note ({@link HistoryNote}) in the reader's language, from the {@code
 * i18n/history} bundle. Pages call it as {@code ${@historyNotes.render(line.note, #locale)}}. A key
 * the bundle does not know is shown as the key with its arguments, never as an error page.
 */
@Component("historyNotes")
public final class HistoryNotes {
  private final MessageSource messages;

  public HistoryNotes(MessageSource messages) {
    this.messages = messages;
  }

  /** The note in {@code locale}; null for no note. */
  public String render(HistoryNote note, Locale locale) {
    if (note == null) {
      return null;
    }
    if (HistoryNote.TEXT.equals(note.key())) {
      return String.join(" ", note.args());
    }
    return messages.getMessage(note.key(), note.args().toArray(), note.toString(), locale);
  }
}

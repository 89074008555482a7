package cn.certhall.domain.order;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Why an order moved, as a line of its status history (订单详情) says it: a message key and its
 * arguments, rendered in the reader's language when shown (the app's {@code
 * i18n/history*.properties}), never text fixed in one language when stored. Each step that moves an
 * order owns its note; the keys are named after the step ({@code history.review.approved}, {@code
 * history.payment.paid} …).
 *
 * <p>Arguments are plain values (a serial number, an amount, the reviewer's own words); they are
 * shown as given. Lines written before notes had keys keep their text as {@link #text}.
 *
 * @param key a message key: {@code history.} and letters, digits, dots, underscores
 * @param args the message's arguments, {@code {0}} first; no control characters
 */
public record HistoryNote(String key, List<String> args) {
  /** The key of a note that is only text: lines from before notes had keys, and free text. */
  public static final String TEXT = "history.text";

  private static final Pattern KEY = Pattern.compile("history\\.[A-Za-z0-9_.]{1,90}");
  private static final int MAX_ARGUMENTS = 6;

  public HistoryNote {
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a history note key: " + key);
    }
    args = List.copyOf(args);
    if (args.size() > MAX_ARGUMENTS) {
      throw new IllegalArgumentException(
          "a history note takes at most " + MAX_ARGUMENTS + " arguments");
    }
    int length = 0;
    for (String arg : args) {
      for (int i = 0; i < arg.length(); i++) {
        if (Character.isISOControl(arg.charAt(i))) {
          throw new IllegalArgumentException("a history note argument has a control character");
        }
      }
      length += arg.length();
    }
    if (length > Fields.NOTE) {
      throw new IllegalArgumentException(
          "a history note's arguments are longer than " + Fields.NOTE);
    }
  }

  /** The note {@code key} with {@code args}. */
  public static HistoryNote of(String key, String... args) {
    return new HistoryNote(key, List.of(args));
  }

  /** A note that is only {@code text} (shown as it is, in every language). */
  public static HistoryNote text(String text) {
    return of(TEXT, Objects.requireNonNull(text, "text").strip());
  }

  /** This note's key with {@code suffix} appended (a variant of the same step), same arguments. */
  public HistoryNote variant(String suffix) {
    return new HistoryNote(key + "." + suffix, args);
  }

  /** The key and arguments as the audit log records them: {@code key[arg, …]}. */
  @Override
  public String toString() {
    return args.isEmpty() ? key : key + args;
  }
}

package cn.certhall.domain.material;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words for {@link UploadProblem}s and {@link QualityFlag}s, from {@code
 * UploadMessages.properties} (Chinese, the default) and {@code UploadMessages_en.properties}, by
 * their message keys. The app's message source can list the same bundle, so a page and this class
 * word a problem alike.
 */
public final class UploadMessages {
  /** The bundle's base name, for a message source. */
  public static final String BUNDLE = "cn/certhall/domain/material/UploadMessages";

  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private UploadMessages() {}

  /** English for an English locale, Chinese for any other. */
  public static String message(UploadCheck refused, Locale locale) {
    return format(refused.problem().messageKey(), refused.messageArguments(), locale);
  }

  public static String message(UploadProblem problem, List<Object> arguments, Locale locale) {
    return format(problem.messageKey(), arguments, locale);
  }

  public static String message(QualityFlag flag, UploadLimits limits, Locale locale) {
    List<Object> arguments =
        flag == QualityFlag.TOO_SMALL ? List.of(limits.minShortSidePixels()) : List.of();
    return format(flag.messageKey(), arguments, locale);
  }

  private static String format(String key, List<Object> arguments, Locale locale) {
    boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
    Locale chosen = english ? Locale.ENGLISH : Locale.ROOT;
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE.replace('/', '.'), chosen, NO_FALLBACK);
    return new MessageFormat(bundle.getString(key), english ? Locale.ENGLISH : Locale.CHINA)
        .format(arguments.toArray());
  }
}

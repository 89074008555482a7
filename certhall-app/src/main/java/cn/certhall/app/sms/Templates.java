package cn.certhall.app.sms;

import cn.certhall.domain.verification.SmsTemplate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** A provider's template codes: one per message kind, all of them, checked at start. */
final class Templates {
  private Templates() {}

  static Map<SmsTemplate, String> complete(Map<SmsTemplate, String> configured, String setting) {
    Map<SmsTemplate, String> codes = new EnumMap<>(SmsTemplate.class);
    if (configured != null) {
      configured.forEach(
          (template, code) -> {
            if (code != null && !code.isBlank()) {
              codes.put(template, code.strip());
            }
          });
    }
    List<String> missing =
        Arrays.stream(SmsTemplate.values())
            .filter(t -> !codes.containsKey(t))
            .map(Templates::settingName)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          setting
              + " lacks the template of "
              + missing.stream().collect(Collectors.joining(", "))
              + ": register each message kind with the provider and set its code (docs/providers.md)");
    }
    return Map.copyOf(codes);
  }

  /** enterprise-verification-code for ENTERPRISE_VERIFICATION_CODE. */
  static String settingName(SmsTemplate template) {
    return template.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}

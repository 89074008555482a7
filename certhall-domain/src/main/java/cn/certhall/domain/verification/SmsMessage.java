package cn.certhall.domain.verification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One text message: which {@link SmsTemplate} and the values of its parameters, in the template's
 * order. Its values carry codes and personal data: {@link #toString} names the template only.
 */
public record SmsMessage(SmsTemplate template, List<String> values) {

  public SmsMessage {
    Objects.requireNonNull(template, "template");
    values = List.copyOf(values);
    if (values.size() != template.parameters().size()) {
      throw new IllegalArgumentException(
          template + " takes " + template.parameters() + ", not " + values.size() + " values");
    }
  }

  public static SmsMessage of(SmsTemplate template, String... values) {
    return new SmsMessage(template, List.of(values));
  }

  /** Parameter name to value, in the template's order (Alibaba Cloud's TemplateParam). */
  public Map<String, String> parameters() {
    Map<String, String> named = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      named.put(template.parameters().get(i), values.get(i));
    }
    return Collections.unmodifiableMap(named);
  }

  /** The text as the provider puts it together, without the signature. */
  public String text() {
    String text = template.content();
    for (int i = 0; i < values.size(); i++) {
      text = text.replace("${" + template.parameters().get(i) + "}", values.get(i));
    }
    return text;
  }

  @Override
  public String toString() {
    return "SmsMessage[" + template + "]";
  }
}

package cn.certhall.app.notification;

import cn.certhall.domain.notification.EmailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email over SMTP with Jakarta Mail (Spring's {@link JavaMailSender}, configured by {@code
 * spring.mail.*}): UTF-8 plain text, so Chinese arrives intact. A refusal or a server that does not
 * answer is UNAVAILABLE and the outbox retries; the log names neither address nor text.
 */
public final class SmtpEmailSender implements EmailSender {
  private static final Logger log = LoggerFactory.getLogger(SmtpEmailSender.class);

  private final JavaMailSender mail;
  private final String from;

  public SmtpEmailSender(JavaMailSender mail, String from) {
    this.mail = mail;
    this.from = from;
  }

  @Override
  public Result send(String to, String subject, String body) {
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(to);
      helper.setSubject(subject);
      helper.setText(body, false);
      mail.send(message);
      return Result.SENT;
    } catch (MailException | MessagingException e) {
      log.warn("SMTP server did not take a message: {}", e.getClass().getSimpleName());
      return Result.UNAVAILABLE;
    }
  }
}

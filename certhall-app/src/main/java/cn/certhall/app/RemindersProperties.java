package cn.certhall.app;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Renewal reminders (证书到期提醒) to the handler and the seal administrator.
 *
 * @param enabled whether this node runs them (every node may: each reminder is sent once)
 * @param daysBefore the reminders, in China calendar days before the certificate's end; 0 is the
 *     day itself
 * @param interval how often a node looks for reminders due
 */
@ConfigurationProperties("certhall.reminders")
public record RemindersProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue({"90", "30", "7", "0"}) List<Integer> daysBefore,
    @DefaultValue("1h") Duration interval) {}

package cn.certhall.app.channel;

import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Attempt;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Delivery;
import cn.certhall.app.persistence.ChannelRepository;
import cn.certhall.domain.outbox.Backoff;
import cn.certhall.domain.outbox.Outbox;
import cn.certhall.domain.outbox.OutboxWorker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the webhook outbox through the one {@link OutboxWorker}: each due delivery is claimed
 * (leased for three time-outs, so no other node tries it meanwhile), its body signed with the
 * channel's secret and a fresh timestamp ({@link WebhookSigner}) and POSTed. A 2xx answer delivers
 * it; anything else (another status, a refused connection, a timeout) is logged as an attempt and
 * the delivery is tried again after the {@link Backoff}; after {@code give-up-after} failures in a
 * row it is given up and waits in the console's delivery log for an administrator's replay.
 *
 * <p>Its rounds run on a thread of their own ({@code OutboxPoller}), not Spring's shared scheduler,
 * so a slow or dead channel never holds up CRL publication. Redirects are not followed, and every
 * address connected to has passed the {@link WebhookAddressPolicy} (through the client's DNS
 * resolver), so a webhook cannot be pointed at this host or the internal network in production
 * mode.
 */
public final class WebhookDispatcher implements OutboxWorker.Sender<Delivery>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int MAX_ERROR_LENGTH = 500;

  private final ChannelRepository channels;
  private final ChannelDeliveryRepository deliveries;
  private final SecretBox secrets;
  private final Clock clock;
  private final Backoff backoff;
  private final Duration timeout;
  private final CloseableHttpClient http;
  private final OutboxWorker<Delivery> worker;

  public WebhookDispatcher(
      ChannelRepository channels,
      ChannelDeliveryRepository deliveries,
      SecretBox secrets,
      Clock clock,
      Backoff backoff,
      int giveUpAfter,
      Duration timeout,
      int batchSize,
      WebhookAddressPolicy addresses) {
    this.channels = channels;
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.clock = clock;
    this.backoff = backoff;
    this.timeout = timeout;
    this.worker =
        new OutboxWorker<>(
            deliveries, this, backoff, giveUpAfter, timeout.multipliedBy(3), batchSize, clock);
    Timeout perAttempt = Timeout.ofMilliseconds(timeout.toMillis());
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(addresses.resolver())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(perAttempt)
                            .setSocketTimeout(perAttempt)
                            .build())
                    .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(perAttempt).build())
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build();
  }

  @Override
  public void close() {
    http.close(CloseMode.IMMEDIATE);
  }

  /**
   * Sends what is due now, one attempt per delivery.
   *
   * @return the number of deliveries attempted
   */
  public int dispatchDue() {
    return worker.runDue().attempted();
  }

  /** One attempt, logged in the delivery log. @return null when the channel answered 2xx */
  @Override
  public String attempt(Outbox.Item<Delivery> item) {
    Delivery d = item.payload();
    int number = d.attempts() + 1;
    boolean replay = d.deliveredAt() != null;
    Instant started = clock.instant();
    Integer status = null;
    String error = null;
    Optional<ChannelRepository.Webhook> webhook = channels.webhook(d.channelId());
    if (webhook.isEmpty()) {
      error = "the channel has no webhook URL and secret";
    } else {
      try {
        byte[] body = deliveries.body(d.id()).orElseThrow();
        byte[] secret = secrets.decrypt(d.channelId(), webhook.get().encryptedSecret());
        long timestamp = clock.instant().getEpochSecond();
        HttpPost request = new HttpPost(URI.create(webhook.get().url()));
        request.setHeader("Content-Type", "application/json; charset=utf-8");
        request.setHeader(WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp));
        request.setHeader(
            WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, timestamp, body));
        request.setHeader(WebhookSigner.EVENT_HEADER, d.event());
        request.setHeader(WebhookSigner.EVENT_ID_HEADER, d.eventId());
        request.setEntity(new ByteArrayEntity(body, null));
        status =
            http.execute(
                request,
                response -> {
                  EntityUtils.consume(response.getEntity());
                  return response.getCode();
                });
        if (status < 200 || status > 299) {
          error = "HTTP " + status + (status / 100 == 3 ? " (redirects are not followed)" : "");
        }
      } catch (InterruptedIOException e) {
        // connect and response time-outs alike
        error = "no answer within " + timeout;
      } catch (IOException | IllegalArgumentException | IllegalStateException e) {
        error = describe(e);
      }
    }
    Instant finished = clock.instant();
    deliveries.recordAttempt(
        new Attempt(
            d.id(),
            number,
            replay,
            started,
            status,
            error,
            Duration.between(started, finished).toMillis()));
    if (error != null) {
      log.info(
          "webhook {} to channel {} not delivered (attempt {}): {}",
          d.eventId(),
          d.channelId(),
          number,
          error);
    }
    return error;
  }

  /**
   * The wait after {@code failures} failed attempts in a row: initial × 2^(failures − 1), at most
   * max.
   */
  Duration backoff(int failures) {
    return backoff.after(failures);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
  }
}

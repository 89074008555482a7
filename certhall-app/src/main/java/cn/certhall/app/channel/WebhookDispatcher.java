package cn.certhall.app.channel;

import cn.certhall.app.persistence.ChannelDeliveryRepository;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Attempt;
import cn.certhall.app.persistence.ChannelDeliveryRepository.Delivery;
import cn.certhall.app.persistence.ChannelRepository;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's webhooks: every {@code poll-interval} it takes the due deliveries, signs each
 * body with the channel's secret and a fresh timestamp ({@link WebhookSigner}) and POSTs it. A 2xx
 * answer delivers it; anything else (another status, a refused connection, a timeout) is logged as
 * an attempt and the delivery is tried again after a back-off that doubles from
 * {@code initial-backoff} up to {@code max-backoff}: it is retried until the channel accepts it.
 *
 * <p>It runs on a thread of its own, not Spring's shared scheduler, so a slow or dead channel never
 * holds up CRL publication. Redirects are not followed, and every address connected to has passed
 * the {@link WebhookAddressPolicy} (through the client's DNS resolver), so a webhook cannot be
 * pointed at this host or the internal network in production mode.
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final int MAX_ERROR_LENGTH = 500;

  private final ChannelRepository channels;
  private final ChannelDeliveryRepository deliveries;
  private final SecretBox secrets;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration timeout;
  private final int batchSize;
  private final CloseableHttpClient http;
  private ScheduledExecutorService scheduler;

  public WebhookDispatcher(
      ChannelRepository channels,
      ChannelDeliveryRepository deliveries,
      SecretBox secrets,
      TransactionTemplate transactions,
      Clock clock,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration timeout,
      int batchSize,
      WebhookAddressPolicy addresses) {
    this.channels = channels;
    this.deliveries = deliveries;
    this.secrets = secrets;
    this.transactions = transactions;
    this.clock = clock;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.timeout = timeout;
    this.batchSize = batchSize;
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

  /** Starts polling every {@code interval}. */
  public synchronized void start(Duration interval) {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "webhook-dispatcher");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        this::dispatchQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
    http.close(CloseMode.IMMEDIATE);
  }

  private void dispatchQuietly() {
    try {
      dispatchDue();
    } catch (RuntimeException e) {
      // the next poll tries again; a database hiccup must not end the schedule
      log.warn("webhook dispatch failed: {}", e.toString());
    }
  }

  /**
   * Sends what is due now, one attempt per delivery.
   *
   * @return the number of deliveries attempted
   */
  public int dispatchDue() {
    Instant now = clock.instant();
    int attempted = 0;
    for (Delivery d : deliveries.due(now, batchSize)) {
      // the lease outlasts one attempt, so no other node tries it meanwhile
      if (deliveries.claim(d.id(), now, now.plus(timeout.multipliedBy(3)))) {
        attempt(d);
        attempted++;
      }
    }
    return attempted;
  }

  private void attempt(Delivery d) {
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
        byte[] secret =
            secrets.decrypt(d.channelId(), webhook.get().encryptedSecret());
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
    Attempt logged =
        new Attempt(
            d.id(),
            number,
            replay,
            started,
            status,
            error,
            Duration.between(started, finished).toMillis());
    boolean delivered = error == null;
    Instant retryAt = delivered ? null : finished.plus(backoff(failuresSoFar(d, number)));
    transactions.executeWithoutResult(
        tx -> {
          deliveries.recordAttempt(logged);
          if (delivered) {
            deliveries.markDelivered(d.id(), finished);
          } else {
            deliveries.retryAt(d.id(), retryAt);
          }
        });
    if (!delivered) {
      log.info(
          "webhook {} to channel {} not delivered (attempt {}): {}",
          d.eventId(),
          d.channelId(),
          number,
          error);
    }
  }

  /**
   * Failed attempts in a row, counting this one: after a replay the count starts again, so a
   * replay is not sent into the longest back-off.
   */
  private int failuresSoFar(Delivery d, int number) {
    if (d.deliveredAt() == null) {
      return number;
    }
    int failures = 0;
    for (Attempt a : deliveries.attempts(d.id())) {
      failures = a.error() == null ? 0 : failures + 1;
    }
    return failures + 1;
  }

  /** The wait after {@code failures} failed attempts: initial × 2^(failures − 1), at most max. */
  Duration backoff(int failures) {
    Duration wait = initialBackoff;
    for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
  }
}

package cn.certhall.app.payment;

import cn.certhall.app.provider.Failures;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentNotification;
import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.HttpException;
import com.wechat.pay.java.core.exception.MalformedMessageException;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.http.AbstractHttpClient;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.payments.nativepay.NativePayService;
import com.wechat.pay.java.service.payments.nativepay.model.Amount;
import com.wechat.pay.java.service.payments.nativepay.model.CloseOrderRequest;
import com.wechat.pay.java.service.payments.nativepay.model.PrepayRequest;
import com.wechat.pay.java.service.payments.nativepay.model.QueryOrderByOutTradeNoRequest;
import com.wechat.pay.java.service.refund.RefundService;
import com.wechat.pay.java.service.refund.model.AmountReq;
import com.wechat.pay.java.service.refund.model.CreateRequest;
import com.wechat.pay.java.service.refund.model.QueryByOutRefundNoRequest;
import com.wechat.pay.java.service.refund.model.Refund;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay API v3 (微信支付) for the WECHAT method, through {@code wechatpay-java}: Native pay (the
 * cashier shows {@code code_url} as a QR code for the payer's phone), query and close by
 * out_trade_no (certhall's payment id), refunds by out_refund_no (certhall's refund id), and the
 * notifications' verification (Wechatpay-Signature with the WeChat Pay public key) and decryption
 * (AEAD_AES_256_GCM with the APIv3 key). Requests are signed {@code WECHATPAY2-SHA256-RSA2048} with
 * the merchant's key; every answer's signature is checked by the SDK.
 *
 * <p>Notification ids are {@code WX-} + WeChat's transaction id: the same for the notification and
 * for a query's answer, so either is recorded once.
 */
public final class WechatPayProvider implements PaymentAdapter {
  private static final Logger log = LoggerFactory.getLogger(WechatPayProvider.class);

  /** WeChat's codes that mean "ask again later", not "refused". */
  private static final Set<String> TRANSIENT =
      Set.of("SYSTEM_ERROR", "FREQUENCY_LIMITED", "BANK_ERROR");

  private final WechatPayProperties settings;
  private final NativePayService nativePay;
  private final RefundService refunds;
  private final NotificationParser notifications;
  private final Clock clock;

  public WechatPayProvider(WechatPayProperties settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    Config config =
        new RSAPublicKeyConfig.Builder()
            .merchantId(settings.mchId())
            .privateKeyFromPath(settings.privateKeyPath())
            .merchantSerialNumber(settings.merchantSerialNumber())
            .publicKeyFromPath(settings.publicKeyPath())
            .publicKeyId(settings.publicKeyId())
            .apiV3Key(settings.apiV3Key())
            .build();
    AbstractHttpClient http =
        new DefaultHttpClientBuilder()
            .config(config)
            .okHttpClient(okHttp(settings))
            .connectTimeoutMs((int) settings.connectTimeout().toMillis())
            .readTimeoutMs((int) settings.readTimeout().toMillis())
            .disableRetryOnConnectionFailure()
            .build();
    this.nativePay = new NativePayService.Builder().config(config).httpClient(http).build();
    this.refunds = new RefundService.Builder().config(config).httpClient(http).build();
    this.notifications =
        new NotificationParser(
            new RSAPublicKeyNotificationConfig.Builder()
                .publicKeyFromPath(settings.publicKeyPath())
                .publicKeyId(settings.publicKeyId())
                .apiV3Key(settings.apiV3Key())
                .build());
  }

  /**
   * The SDK's calls go to api.mch.weixin.qq.com; another endpoint (a local stub) takes its place.
   * The signature covers the path and query only, so it is the same.
   */
  private static OkHttpClient okHttp(WechatPayProperties settings) {
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(settings.connectTimeout())
            .readTimeout(settings.readTimeout())
            .writeTimeout(settings.readTimeout())
            .retryOnConnectionFailure(false);
    URI endpoint = URI.create(settings.endpoint());
    if (!"api.mch.weixin.qq.com".equals(endpoint.getHost())
        || !"https".equals(endpoint.getScheme())) {
      builder.addInterceptor(
          chain -> {
            HttpUrl url = chain.request().url();
            HttpUrl.Builder to =
                url.newBuilder().scheme(endpoint.getScheme()).host(endpoint.getHost());
            to.port(
                endpoint.getPort() > 0
                    ? endpoint.getPort()
                    : HttpUrl.defaultPort(endpoint.getScheme()));
            return chain.proceed(chain.request().newBuilder().url(to.build()).build());
          });
    }
    return builder.build();
  }

  @Override
  public PaymentMethod method() {
    return PaymentMethod.WECHAT;
  }

  @Override
  public Checkout checkout(PaymentRequest request) {
    PrepayRequest prepay = new PrepayRequest();
    prepay.setAppid(settings.appId());
    prepay.setMchid(settings.mchId());
    prepay.setDescription(clipUtf8(request.subject(), 127));
    prepay.setOutTradeNo(request.paymentId());
    prepay.setNotifyUrl(settings.notifyUrl());
    Amount amount = new Amount();
    amount.setTotal(Math.toIntExact(request.amountFen()));
    amount.setCurrency("CNY");
    prepay.setAmount(amount);
    String codeUrl = call("prepay", () -> nativePay.prepay(prepay)).getCodeUrl();
    if (codeUrl == null || codeUrl.isBlank()) {
      throw new ProviderUnavailableException("WeChat Pay answered the prepay without a code_url");
    }
    return new Checkout(null, null, codeUrl);
  }

  @Override
  public Optional<PaymentNotification> query(PaymentReference payment) {
    QueryOrderByOutTradeNoRequest query = new QueryOrderByOutTradeNoRequest();
    query.setMchid(settings.mchId());
    query.setOutTradeNo(payment.paymentId());
    Transaction t;
    try {
      t = call("query", () -> nativePay.queryOrderByOutTradeNo(query));
    } catch (ProviderUnavailableException e) {
      if (e.getCause() instanceof ServiceException s
          && "ORDER_NOT_EXIST".equals(s.getErrorCode())) {
        return Optional.empty();
      }
      throw e;
    }
    return notification(t);
  }

  @Override
  public CloseOutcome close(PaymentReference payment) {
    CloseOrderRequest close = new CloseOrderRequest();
    close.setMchid(settings.mchId());
    close.setOutTradeNo(payment.paymentId());
    try {
      call(
          "close",
          () -> {
            nativePay.closeOrder(close);
            return null;
          });
      return CloseOutcome.CLOSED;
    } catch (ProviderUnavailableException e) {
      if (e.getCause() instanceof ServiceException s) {
        if ("ORDERPAID".equals(s.getErrorCode())) {
          return CloseOutcome.ALREADY_PAID;
        }
        if ("ORDER_NOT_EXIST".equals(s.getErrorCode()) || "ORDERCLOSED".equals(s.getErrorCode())) {
          return CloseOutcome.CLOSED;
        }
      }
      throw e;
    }
  }

  @Override
  public RefundResult refund(RefundRequest request) {
    CreateRequest create = new CreateRequest();
    create.setOutTradeNo(request.payment().paymentId());
    create.setOutRefundNo(request.refundId());
    create.setReason(clipUtf8(request.reason(), 80));
    if (settings.refundNotifyUrl() != null && !settings.refundNotifyUrl().isBlank()) {
      create.setNotifyUrl(settings.refundNotifyUrl());
    }
    AmountReq amount = new AmountReq();
    amount.setRefund(request.amountFen());
    amount.setTotal(request.payment().amountFen());
    amount.setCurrency("CNY");
    create.setAmount(amount);
    return refundCall("refund", () -> refunds.create(create));
  }

  @Override
  public RefundResult refundStatus(RefundRequest request) {
    QueryByOutRefundNoRequest query = new QueryByOutRefundNoRequest();
    query.setOutRefundNo(request.refundId());
    return refundCall("refund query", () -> refunds.queryByOutRefundNo(query));
  }

  /**
   * A 4xx that WeChat gives as a refusal (NOT_ENOUGH, USER_ACCOUNT_ABNORMAL …) is a FAILED refund.
   */
  private RefundResult refundCall(String what, Supplier<Refund> call) {
    try {
      Refund r = call(what, call);
      return result(r.getStatus(), r.getRefundId());
    } catch (ProviderUnavailableException e) {
      if (e.getCause() instanceof ServiceException s
          && s.getHttpStatusCode() >= 400
          && s.getHttpStatusCode() < 500
          && !TRANSIENT.contains(s.getErrorCode())) {
        return new RefundResult(
            RefundResult.Status.FAILED,
            null,
            "微信支付拒绝退款 " + s.getErrorCode() + ": " + s.getErrorMessage());
      }
      throw e;
    }
  }

  private static RefundResult result(
      com.wechat.pay.java.service.refund.model.Status status, String refundId) {
    if (status == null) {
      throw new ProviderUnavailableException("WeChat Pay answered a refund without its status");
    }
    return switch (status) {
      case SUCCESS -> new RefundResult(RefundResult.Status.SUCCEEDED, refundId, null);
      case PROCESSING -> new RefundResult(RefundResult.Status.PROCESSING, refundId, null);
      case CLOSED -> new RefundResult(RefundResult.Status.FAILED, refundId, "微信支付退款关闭 CLOSED");
      case ABNORMAL ->
          new RefundResult(
              RefundResult.Status.FAILED, refundId, "微信支付退款异常 ABNORMAL: 用户银行卡作废或冻结，需在商户平台发起异常退款");
    };
  }

  /**
   * Checks and decrypts a payment notification as it arrived at the webhook.
   *
   * @return what it says; empty for a trade state that settles nothing
   * @throws ValidationException when the signature is not WeChat Pay's
   * @throws RuntimeException when it cannot be decrypted or read
   */
  public Optional<PaymentNotification> paymentNotification(Headers headers, String body) {
    return notification(notifications.parse(param(headers, body), Transaction.class));
  }

  /** Checks and decrypts a refund notification: its refund id (ours) and the result. */
  public Optional<SettledRefund> refundNotification(Headers headers, String body) {
    RefundNotification n = notifications.parse(param(headers, body), RefundNotification.class);
    if (n.getOutRefundNo() == null
        || n.getRefundStatus() == null
        || n.getRefundStatus() == com.wechat.pay.java.service.refund.model.Status.PROCESSING) {
      return Optional.empty();
    }
    return Optional.of(
        new SettledRefund(n.getOutRefundNo(), result(n.getRefundStatus(), n.getRefundId())));
  }

  /** A refund's id and what became of it. */
  public record SettledRefund(String refundId, RefundResult result) {}

  /** The Wechatpay-* headers of a notification. */
  public record Headers(
      String serial, String signature, String timestamp, String nonce, String signatureType) {}

  private static RequestParam param(Headers h, String body) {
    return new RequestParam.Builder()
        .serialNumber(h.serial())
        .signature(h.signature())
        .timestamp(h.timestamp())
        .nonce(h.nonce())
        .signType(
            h.signatureType() == null || h.signatureType().isBlank()
                ? "WECHATPAY2-SHA256-RSA2048"
                : h.signatureType())
        .body(body)
        .build();
  }

  private Optional<PaymentNotification> notification(Transaction t) {
    if (t.getTradeState() == null || t.getOutTradeNo() == null) {
      return Optional.empty();
    }
    long total =
        t.getAmount() == null || t.getAmount().getTotal() == null ? 0 : t.getAmount().getTotal();
    return switch (t.getTradeState()) {
      // REFUND: paid, then (partly) refunded
      case SUCCESS, REFUND ->
          Optional.of(
              new PaymentNotification(
                  "WX-" + t.getTransactionId(),
                  t.getOutTradeNo(),
                  PaymentNotification.Outcome.PAID,
                  total,
                  time(t.getSuccessTime())));
      case PAYERROR ->
          Optional.of(
              new PaymentNotification(
                  "WX-PAYERROR-" + t.getOutTradeNo(),
                  t.getOutTradeNo(),
                  PaymentNotification.Outcome.FAILED,
                  total,
                  clock.instant()));
      default -> Optional.empty();
    };
  }

  private Instant time(String rfc3339) {
    try {
      return rfc3339 == null ? clock.instant() : OffsetDateTime.parse(rfc3339).toInstant();
    } catch (DateTimeParseException e) {
      return clock.instant();
    }
  }

  /** One call; anything but an answer is the provider's unavailability, named for the log. */
  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ServiceException e) {
      log.warn("WeChat Pay {}: HTTP {} {}", what, e.getHttpStatusCode(), e.getErrorCode());
      throw new ProviderUnavailableException(
          "WeChat Pay "
              + what
              + " answered HTTP "
              + e.getHttpStatusCode()
              + " "
              + e.getErrorCode()
              + ": "
              + e.getErrorMessage(),
          e);
    } catch (HttpException e) {
      String why = Failures.of(e);
      log.warn("WeChat Pay {}: {}", what, why);
      throw new ProviderUnavailableException("WeChat Pay " + what + ": " + why, e);
    } catch (ValidationException | MalformedMessageException e) {
      log.warn(
          "WeChat Pay {}: the answer is not WeChat Pay's: {}", what, e.getClass().getSimpleName());
      throw new ProviderUnavailableException(
          "WeChat Pay " + what + ": the answer's signature or form is wrong", e);
    } catch (RuntimeException e) {
      // e.g. an error page that is not WeChat Pay's JSON (a proxy's 502)
      log.warn("WeChat Pay {}: unreadable answer: {}", what, e.getClass().getSimpleName());
      throw new ProviderUnavailableException("WeChat Pay " + what + ": unreadable answer", e);
    }
  }

  /** At most {@code bytes} bytes of UTF-8, cut between characters (WeChat counts bytes). */
  static String clipUtf8(String text, int bytes) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= bytes) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (used + size > bytes) {
        break;
      }
      out.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}

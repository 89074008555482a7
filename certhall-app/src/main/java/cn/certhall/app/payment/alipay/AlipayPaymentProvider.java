package cn.certhall.app.payment.alipay;

import cn.certhall.app.payment.PaymentAdapter;
import cn.certhall.app.provider.Failures;
import cn.certhall.domain.payment.PaymentMethod;
import cn.certhall.domain.payment.PaymentNotification;
import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.AlipayRequest;
import com.alipay.api.AlipayResponse;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCloseModel;
import com.alipay.api.domain.AlipayTradeFastpayRefundQueryModel;
import com.alipay.api.domain.AlipayTradePagePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.domain.AlipayTradeRefundModel;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.internal.util.AlipaySignature;
import com.alipay.api.request.AlipayTradeCloseRequest;
import com.alipay.api.request.AlipayTradeFastpayRefundQueryRequest;
import com.alipay.api.request.AlipayTradePagePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.request.AlipayTradeRefundRequest;
import com.alipay.api.response.AlipayTradeCloseResponse;
import com.alipay.api.response.AlipayTradeFastpayRefundQueryResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;
import com.alipay.api.response.AlipayTradeRefundResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Alipay page pay (支付宝电脑网站支付) through Alipay's SDK, public-key mode, RSA2: the SDK signs every
 * request with the application's private key and checks every answer's signature with Alipay's
 * public key (an answer that does not verify is no answer). Amounts go to Alipay in yuan with two
 * decimals, converted exactly from fen.
 *
 * <p>A paid trade is the notification {@code ALIPAY-<trade_no>-PAID}, whether it comes from {@link
 * #query} or from Alipay's asynchronous notification ({@link #notification}), so the two are
 * recorded once. A trade closed unpaid (TRADE_CLOSED: closed by certhall, or by Alipay when {@code
 * pay-within} ran out) is no outcome: the payer was refused nothing, the attempt is abandoned like
 * one left at the cashier, and the order can be paid with a new attempt.
 */
public final class AlipayPaymentProvider implements PaymentAdapter {

  @Override
  public PaymentMethod method() {
    return PaymentMethod.ALIPAY;
  }

  static final String NOTIFY_PATH = "/api/payment/alipay/notify";
  static final String RETURN_PATH = "/apply/{orderId}/pay";
  private static final ZoneId ALIPAY_TIME = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter ALIPAY_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final AlipayClient client;
  private final String appId;
  private final String alipayPublicKey;
  private final String notifyUrl;
  private final String returnUrl;
  private final String timeoutExpress;
  private final Clock clock;

  AlipayPaymentProvider(
      AlipayClient client,
      String appId,
      String alipayPublicKey,
      String notifyUrl,
      String returnUrl,
      String timeoutExpress,
      Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.appId = Objects.requireNonNull(appId, "appId");
    this.alipayPublicKey = Objects.requireNonNull(alipayPublicKey, "alipayPublicKey");
    this.notifyUrl = Objects.requireNonNull(notifyUrl, "notifyUrl");
    this.returnUrl = Objects.requireNonNull(returnUrl, "returnUrl");
    this.timeoutExpress = Objects.requireNonNull(timeoutExpress, "timeoutExpress");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The adapter on {@code settings}, with the notify and return URLs under {@code publicUrl} unless
   * set.
   *
   * @throws IllegalStateException naming the setting that is missing or whose key cannot be read
   */
  public static AlipayPaymentProvider create(
      AlipayProperties settings, URI publicUrl, Clock clock) {
    settings.requireComplete();
    String privateKey = key(settings.merchantPrivateKeyFile(), "merchant-private-key-file", true);
    String publicKey = key(settings.alipayPublicKeyFile(), "alipay-public-key-file", false);
    String base = publicUrl == null ? "" : publicUrl.toString().replaceAll("/+$", "");
    String notifyUrl =
        settings.notifyUrl() != null ? settings.notifyUrl().toString() : base + NOTIFY_PATH;
    String returnUrl =
        settings.returnUrl() != null && !settings.returnUrl().isBlank()
            ? settings.returnUrl()
            : base + RETURN_PATH;
    if (!notifyUrl.startsWith("http")) {
      throw new IllegalStateException(
          AlipayProperties.PREFIX
              + "notify-url is not set and certhall.public-url is empty: set either");
    }
    // the SDK's own log writes whole requests and answers (the payer's account among them)
    AlipayLogger.setNeedEnableLogger(false);
    AlipayConfig config = new AlipayConfig();
    config.setServerUrl(settings.gatewayUrl().toString());
    config.setAppId(settings.appId().strip());
    config.setPrivateKey(privateKey);
    config.setAlipayPublicKey(publicKey);
    config.setFormat("json");
    config.setCharset("UTF-8");
    config.setSignType("RSA2");
    config.setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
    config.setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
    try {
      return new AlipayPaymentProvider(
          new DefaultAlipayClient(config),
          settings.appId().strip(),
          publicKey,
          notifyUrl,
          returnUrl,
          settings.payWithin().toMinutes() + "m",
          clock);
    } catch (AlipayApiException e) {
      throw new IllegalStateException(
          AlipayProperties.PREFIX + "* do not make an Alipay client: " + e.getMessage(), e);
    }
  }

  /**
   * A key file's base64 body, checked to be an RSA key of its kind, so a wrong file stops the
   * start.
   */
  private static String key(Path file, String setting, boolean privateKey) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException(
          AlipayProperties.PREFIX + setting + " cannot be read: " + file, e);
    }
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (privateKey) {
        rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
      } else {
        rsa.generatePublic(new X509EncodedKeySpec(der));
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalStateException(
          AlipayProperties.PREFIX
              + setting
              + " ("
              + file
              + ") is not "
              + (privateKey
                  ? "an RSA private key in PKCS#8 (Alipay's key tool: 应用私钥 PKCS8(JAVA适用))"
                  : "an RSA public key (the 支付宝公钥 the console shows)"));
    }
    return base64;
  }

  @Override
  public Checkout checkout(PaymentRequest request) {
    AlipayTradePagePayModel model = new AlipayTradePagePayModel();
    model.setOutTradeNo(request.paymentId());
    model.setTotalAmount(yuan(request.amountFen()));
    model.setSubject(request.subject());
    model.setProductCode("FAST_INSTANT_TRADE_PAY");
    model.setTimeoutExpress(timeoutExpress);
    AlipayTradePagePayRequest page = new AlipayTradePagePayRequest();
    page.setBizModel(model);
    page.setNotifyUrl(notifyUrl);
    page.setReturnUrl(
        returnUrl.replace(
            "{orderId}", URLEncoder.encode(request.orderId(), StandardCharsets.UTF_8)));
    try {
      // signed here, no call: the payer's browser takes the URL to Alipay's cashier
      String url = client.pageExecute(page, "GET").getBody();
      return new Checkout(null, url, null);
    } catch (AlipayApiException | RuntimeException e) {
      throw new ProviderUnavailableException("alipay.trade.page.pay could not be signed", e);
    }
  }

  @Override
  public Optional<PaymentNotification> query(PaymentReference payment) {
    AlipayTradeQueryModel model = new AlipayTradeQueryModel();
    model.setOutTradeNo(payment.paymentId());
    AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
    request.setBizModel(model);
    AlipayTradeQueryResponse answer = call(request, "alipay.trade.query");
    if (!answer.isSuccess()) {
      if ("ACQ.TRADE_NOT_EXIST".equals(answer.getSubCode())) {
        // the payer has not opened the cashier (or not logged in there) yet
        return Optional.empty();
      }
      throw refused(answer, "alipay.trade.query");
    }
    if (!payment.paymentId().equals(answer.getOutTradeNo())) {
      throw new ProviderUnavailableException("alipay.trade.query answered about another trade");
    }
    if (!paid(answer.getTradeStatus())) {
      return Optional.empty();
    }
    Instant at =
        answer.getSendPayDate() == null ? clock.instant() : answer.getSendPayDate().toInstant();
    return Optional.of(
        paidNotification(
            answer.getTradeNo(), payment.paymentId(), fen(answer.getTotalAmount()), at));
  }

  @Override
  public CloseOutcome close(PaymentReference payment) {
    AlipayTradeCloseModel model = new AlipayTradeCloseModel();
    model.setOutTradeNo(payment.paymentId());
    AlipayTradeCloseRequest request = new AlipayTradeCloseRequest();
    request.setBizModel(model);
    AlipayTradeCloseResponse answer = call(request, "alipay.trade.close");
    if (answer.isSuccess() || "ACQ.TRADE_NOT_EXIST".equals(answer.getSubCode())) {
      return CloseOutcome.CLOSED;
    }
    if ("ACQ.TRADE_STATUS_ERROR".equals(answer.getSubCode())) {
      // closed already, or paid: only the trade's status tells which
      return query(payment).isPresent() ? CloseOutcome.ALREADY_PAID : CloseOutcome.CLOSED;
    }
    throw refused(answer, "alipay.trade.close");
  }

  @Override
  public RefundResult refund(RefundRequest refund) {
    AlipayTradeRefundModel model = new AlipayTradeRefundModel();
    model.setOutTradeNo(refund.payment().paymentId());
    model.setOutRequestNo(refund.refundId());
    model.setRefundAmount(yuan(refund.amountFen()));
    model.setRefundReason(refund.reason());
    AlipayTradeRefundRequest request = new AlipayTradeRefundRequest();
    request.setBizModel(model);
    AlipayTradeRefundResponse answer = call(request, "alipay.trade.refund");
    if (answer.isSuccess()) {
      // fund_change N: this out_request_no was refunded before, or is still being processed
      return "Y".equals(answer.getFundChange())
          ? new RefundResult(RefundResult.Status.SUCCEEDED, null, null)
          : new RefundResult(RefundResult.Status.PROCESSING, null, null);
    }
    return refused(answer, "alipay.trade.refund", refundFailure(answer.getSubCode()));
  }

  /**
   * Asks {@code alipay.trade.fastpay.refund.query}; a refund Alipay does not show as REFUND_SUCCESS
   * (not received, or not done yet) is asked for again with the same out_request_no, which Alipay
   * never pays twice and which answers its state.
   */
  @Override
  public RefundResult refundStatus(RefundRequest refund) {
    AlipayTradeFastpayRefundQueryModel model = new AlipayTradeFastpayRefundQueryModel();
    model.setOutTradeNo(refund.payment().paymentId());
    model.setOutRequestNo(refund.refundId());
    AlipayTradeFastpayRefundQueryRequest request = new AlipayTradeFastpayRefundQueryRequest();
    request.setBizModel(model);
    AlipayTradeFastpayRefundQueryResponse answer =
        call(request, "alipay.trade.fastpay.refund.query");
    if (!answer.isSuccess()) {
      return refused(
          answer, "alipay.trade.fastpay.refund.query", refundFailure(answer.getSubCode()));
    }
    if ("REFUND_SUCCESS".equals(answer.getRefundStatus())) {
      return new RefundResult(RefundResult.Status.SUCCEEDED, null, null);
    }
    return refund(refund);
  }

  /**
   * Reads Alipay's asynchronous notification (the form it posts to the notify URL).
   *
   * @return the payment notification to record; empty for a trade status that settles nothing
   *     (WAIT_BUYER_PAY, TRADE_CLOSED)
   * @throws RejectedNotification when the signature does not verify with Alipay's public key, the
   *     notification is for another application, or its fields are unusable
   */
  public Optional<PaymentNotification> notification(Map<String, String> form)
      throws RejectedNotification {
    String sign = form.get("sign");
    if (sign == null || sign.isBlank()) {
      throw new RejectedNotification("unsigned");
    }
    boolean verified;
    try {
      // rsaCheckV1 removes sign and sign_type from the map it is given
      verified = AlipaySignature.rsaCheckV1(new HashMap<>(form), alipayPublicKey, "UTF-8", "RSA2");
    } catch (AlipayApiException | RuntimeException e) {
      verified = false;
    }
    if (!verified) {
      throw new RejectedNotification("signature does not verify with Alipay's public key");
    }
    if (!appId.equals(form.get("app_id"))) {
      throw new RejectedNotification("for another application (app_id)");
    }
    if (!paid(form.get("trade_status"))) {
      return Optional.empty();
    }
    String tradeNo = form.get("trade_no");
    String paymentId = form.get("out_trade_no");
    if (tradeNo == null || tradeNo.isBlank() || paymentId == null || paymentId.isBlank()) {
      throw new RejectedNotification("no trade_no or out_trade_no");
    }
    long amountFen;
    try {
      amountFen = fen(form.get("total_amount"));
    } catch (ProviderUnavailableException e) {
      throw new RejectedNotification("total_amount is not an amount in yuan");
    }
    return Optional.of(
        paidNotification(tradeNo, paymentId, amountFen, paidAt(form.get("gmt_payment"))));
  }

  /** Why a notification is not Alipay's word on one of this application's payments. */
  public static final class RejectedNotification extends Exception {
    RejectedNotification(String reason) {
      super(reason);
    }
  }

  private static boolean paid(String tradeStatus) {
    return "TRADE_SUCCESS".equals(tradeStatus) || "TRADE_FINISHED".equals(tradeStatus);
  }

  private static PaymentNotification paidNotification(
      String tradeNo, String paymentId, long amountFen, Instant at) {
    return new PaymentNotification(
        "ALIPAY-" + tradeNo + "-PAID", paymentId, PaymentNotification.Outcome.PAID, amountFen, at);
  }

  private Instant paidAt(String gmtPayment) {
    if (gmtPayment == null) {
      return clock.instant();
    }
    try {
      return LocalDateTime.parse(gmtPayment, ALIPAY_DATE).atZone(ALIPAY_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return clock.instant();
    }
  }

  /** Fen as Alipay's yuan: 30000 → "300.00", exactly. */
  static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }

  /** Alipay's yuan as fen: "300.00" → 30000; anything finer than a fen is no amount. */
  static long fen(String yuan) {
    try {
      return new BigDecimal(yuan.strip()).movePointRight(2).longValueExact();
    } catch (RuntimeException e) {
      throw new ProviderUnavailableException("Alipay's amount is not in yuan and fen");
    }
  }

  private <T extends AlipayResponse> T call(AlipayRequest<T> request, String method) {
    T answer;
    try {
      answer = client.execute(request);
    } catch (AlipayApiException | RuntimeException e) {
      // a time-out, a refused connection, an answer whose signature does not verify or that is no
      // JSON; the SDK's messages quote the answer (the payer's account among it), so only a
      // network failure goes along as the cause
      throw new ProviderUnavailableException(
          method
              + " got no usable answer ("
              + Failures.of(e)
              + ", "
              + e.getClass().getSimpleName()
              + ")",
          networkFailure(e));
    }
    if (answer == null || answer.getCode() == null) {
      throw new ProviderUnavailableException(method + " got no usable answer (no code)");
    }
    return answer;
  }

  private static IOException networkFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  private static ProviderUnavailableException refused(AlipayResponse answer, String method) {
    return new ProviderUnavailableException(
        method + " refused: " + answer.getCode() + " " + Objects.toString(answer.getSubCode(), ""));
  }

  /**
   * A refund Alipay refused: FAILED with words an operator can act on, for a business answer (code
   * 40004) other than a system error; any other answer is no answer, and the refund is asked again.
   */
  private static RefundResult refused(AlipayResponse answer, String method, String failure) {
    if (!"40004".equals(answer.getCode()) || failure == null) {
      throw refused(answer, method);
    }
    return new RefundResult(
        RefundResult.Status.FAILED, null, failure + " (" + answer.getSubCode() + ")");
  }

  /** The operator's words for a refund's business error, or null for one to try again. */
  private static String refundFailure(String subCode) {
    if (subCode == null) {
      return null;
    }
    return switch (subCode) {
      case "ACQ.SYSTEM_ERROR" -> null;
      case "ACQ.SELLER_BALANCE_NOT_ENOUGH" -> "商户支付宝账户余额不足：充值后用同一退款号重试";
      case "ACQ.TRADE_STATUS_ERROR" -> "交易状态不允许退款（未付款或已关闭）";
      case "ACQ.TRADE_NOT_EXIST" -> "支付宝没有这笔交易";
      case "ACQ.TRADE_HAS_FINISHED" -> "交易已完结，超过了可退款期限";
      case "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "ACQ.DISCORDANT_REPEAT_REQUEST" -> "同一退款号的金额或内容与上次不同";
      case "ACQ.REASON_TRADE_BEEN_FREEZEN" -> "交易已被支付宝冻结";
      case "ACQ.BUYER_ERROR" -> "买家支付宝账户状态异常，无法退回";
      default -> "支付宝拒绝退款";
    };
  }
}

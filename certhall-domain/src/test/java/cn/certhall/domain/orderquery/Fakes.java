package cn.certhall.domain.orderquery;

import cn.certhall.domain.identity.IdType;
import cn.certhall.domain.order.AdministratorVerificationDetails;
import cn.certhall.domain.order.BusinessType;
import cn.certhall.domain.order.ConcurrentOrderChangeException;
import cn.certhall.domain.order.EnterpriseVerificationDetails;
import cn.certhall.domain.order.Order;
import cn.certhall.domain.order.OrderList;
import cn.certhall.domain.order.OrderRepository;
import cn.certhall.domain.order.Transactions;
import cn.certhall.domain.order.UnfinishedOrderExistsException;
import cn.certhall.domain.order.UnitApplication;
import cn.certhall.domain.verification.CodeKey;
import cn.certhall.domain.verification.CodeStore;
import cn.certhall.domain.verification.SmsSender;
import cn.certhall.domain.verification.StoredCode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ports of orders and codes in memory, and a phone that keeps what it was sent. */
public final class Fakes {
  static final Instant NOW = Instant.parse("2027-06-15T02:30:00Z");

  private Fakes() {}

  public static UnitApplication application(String creditCode, String handlerMobile) {
    return new UnitApplication(
        "福州测试科技有限公司",
        creditCode,
        new UnitApplication.LegalRepresentative("张法人", "11010519491231002X"),
        new UnitApplication.Handler(
            "李经办",
            IdType.RESIDENT_ID_CARD,
            "110101199003071234",
            handlerMobile,
            "handler@example.cn"),
        new UnitApplication.Administrator("王管理", IdType.PASSPORT, "E12345678", "13900139002"),
        EnterpriseVerificationDetails.corporateTransfer(
            "福州测试科技有限公司", "6222020200112233445", "中国工商银行"),
        AdministratorVerificationDetails.bankCard("6222600260001072444", "13700137003"));
  }

  public static final Transactions DIRECT =
      new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };

  /** The repository contract in memory, the one-unfinished-order rule included. */
  public static final class Orders implements OrderRepository {
    final Map<String, Order> orders = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Order order) {
      for (Order other : orders.values()) {
        if (!other.isFinished()
            && other.businessType() == order.businessType()
            && other.applicant().number().equals(order.applicant().number())) {
          throw new UnfinishedOrderExistsException(other.id(), order.businessType());
        }
      }
      orders.put(order.id(), order);
    }

    @Override
    public synchronized void update(Order order, long expectedVersion) {
      Order stored = orders.get(order.id());
      if (stored == null || stored.version() != expectedVersion) {
        throw new ConcurrentOrderChangeException(order.id(), expectedVersion);
      }
      orders.put(order.id(), order);
    }

    @Override
    public synchronized Optional<Order> find(String orderId) {
      return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public synchronized OrderList list(String idNumber) {
      List<Order> all =
          orders.values().stream()
              .filter(o -> o.applicant().number().equals(idNumber))
              .sorted(Comparator.comparing(Order::createdAt).reversed())
              .toList();
      return new OrderList(
          all.stream().filter(o -> !o.isFinished()).toList(),
          all.stream().filter(Order::isFinished).toList());
    }

    @Override
    public OrderList list(String idNumber, BusinessType businessType) {
      OrderList all = list(idNumber);
      return new OrderList(
          all.unfinished().stream().filter(o -> o.businessType() == businessType).toList(),
          all.finished().stream().filter(o -> o.businessType() == businessType).toList());
    }
  }

  /** The CodeStore contract in memory. */
  static final class Codes implements CodeStore {
    final Map<CodeKey, StoredCode> codes = new HashMap<>();

    @Override
    public synchronized Optional<StoredCode> find(CodeKey key) {
      return Optional.ofNullable(codes.get(key));
    }

    @Override
    public synchronized boolean insert(StoredCode code) {
      return codes.putIfAbsent(code.key(), code) == null;
    }

    @Override
    public synchronized boolean replace(StoredCode current, StoredCode next) {
      if (!current.sameAs(codes.get(current.key()))) {
        return false;
      }
      codes.put(next.key(), next);
      return true;
    }

    @Override
    public synchronized boolean remove(StoredCode current) {
      if (!current.sameAs(codes.get(current.key()))) {
        return false;
      }
      codes.remove(current.key());
      return true;
    }
  }

  /** Draws codes from 000001 to 999999, so a guess of 000000 is always wrong. */
  static final class NeverZeroRandom extends SecureRandom {
    @Override
    public int nextInt(int bound) {
      return 1 + super.nextInt(bound - 1);
    }
  }

  record Sms(String mobile, String text) {}

  static final class Phone implements SmsSender {
    private static final Pattern CODE = Pattern.compile("验证码为(\\d{6})");
    final List<Sms> sent = new ArrayList<>();
    Result answer = Result.SENT;

    @Override
    public Result send(String mobile, cn.certhall.domain.verification.SmsMessage message) {
      String text = message.text();
      if (answer == Result.SENT) {
        sent.add(new Sms(mobile, text));
      }
      return answer;
    }

    /** The code in the last message to {@code mobile}. */
    String lastCodeTo(String mobile) {
      for (int i = sent.size() - 1; i >= 0; i--) {
        if (sent.get(i).mobile().equals(mobile)) {
          Matcher m = CODE.matcher(sent.get(i).text());
          if (m.find()) {
            return m.group(1);
          }
        }
      }
      throw new AssertionError("no code was sent to " + mobile);
    }
  }
}
